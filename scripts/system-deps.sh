#!/usr/bin/env bash
# Debian packages the tests use: real audio (espeak-ng, sox, ffmpeg; flite for the
# diarization benchmark's voices), a real browser
# (chromium), PDF output and checks (Pango for WeasyPrint, poppler-utils), a PostgreSQL
# server for the corpus store (postgresql). Installs only what is missing; needs root or sudo.
set -euo pipefail
need=()
command -v espeak-ng >/dev/null || need+=(espeak-ng)
command -v sox >/dev/null || need+=(sox)
command -v flite >/dev/null || need+=(flite)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v chromium >/dev/null || need+=(chromium chromium-driver)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
# WeasyPrint (PDF output) loads Pango/HarfBuzz at run time, and needs at least one font.
ldconfig -p | grep libpangoft2-1.0 >/dev/null || need+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p | grep libharfbuzz-subset >/dev/null || need+=(libharfbuzz-subset0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# a real PostgreSQL server for the store's PostgreSQL tests (scripts/start-postgres.sh)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
# make test-local-llm builds llama-cpp-python from source (CMake and ninja come from PyPI)
command -v g++ >/dev/null || need+=(g++)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing Debian packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
