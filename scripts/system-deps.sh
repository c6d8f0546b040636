#!/usr/bin/env bash
# Debian packages the tests use: real audio (espeak-ng, sox, ffmpeg), a real browser
# (chromium), PDF checks (poppler-utils). Installs only what is missing; needs root or sudo.
set -euo pipefail
need=()
command -v espeak-ng >/dev/null || need+=(espeak-ng)
command -v sox >/dev/null || need+=(sox)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v chromium >/dev/null || need+=(chromium chromium-driver)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
# make test-local-llm builds llama-cpp-python from source (CMake and ninja come from PyPI)
command -v g++ >/dev/null || need+=(g++)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing Debian packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
