#!/usr/bin/env bash
# Start (or stop) a throw-away PostgreSQL server from the Debian packages, on loopback only,
# for the store's PostgreSQL tests. Idempotent: a server already running there is reused.
#
#   scripts/start-postgres.sh          # start; prints the URL to use as SESSIONLENS_PG_URL
#   scripts/start-postgres.sh stop     # stop it
#
# Env: SESSIONLENS_PG_DIR (data folder, default /tmp/sessionlens-pg),
#      SESSIONLENS_PG_PORT (default 55432). Trust authentication, 127.0.0.1 only.
set -euo pipefail
DIR="${SESSIONLENS_PG_DIR:-/tmp/sessionlens-pg}"
PORT="${SESSIONLENS_PG_PORT:-55432}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  else
    echo "start-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 1
  fi
fi
# PostgreSQL refuses to run as root: run it as the Debian package's `postgres` user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "${1:-start}" = "stop" ]; then
  [ -f "$DIR/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null || true
  exit 0
fi
if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DIR"
  chmod 700 "$DIR"
  as_owner "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  as_owner "$BIN/pg_ctl" -D "$DIR" -w -t 60 -l "$DIR/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off" start >/dev/null
fi
echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
