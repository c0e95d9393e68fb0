#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1 for veille's store tests.
#
# Installs PostgreSQL with apt-get when it is missing, creates a cluster in a
# private folder (nothing in /etc or /var/lib is touched), starts it on a free
# port, creates a role and a database, and prints the URL on stdout (and into
# $PGDIR/url). Use:  export VEILLE_TEST_PG="$(bash .ci/postgres.sh)"
# Stop it with:      bash .ci/postgres.sh stop
set -euo pipefail

PGDIR="${VEILLE_PG_DIR:-/tmp/veille-pg}"
PGPORT="${VEILLE_PG_PORT:-55432}"
log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

BIN="$(find_bin || true)"
if [ -z "$BIN" ]; then
  log "installing postgresql with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)"
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  as_postgres "$BIN/pg_ctl" -D "$PGDIR/data" -m fast stop >&2 || true
  exit 0
fi

mkdir -p "$PGDIR"
[ "$(id -u)" = 0 ] && chown postgres: "$PGDIR"
if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
  log "creating a cluster in $PGDIR/data"
  as_postgres "$BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_postgres "$BIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
  log "starting on 127.0.0.1:$PGPORT"
  as_postgres "$BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c full_page_writes=off" start >&2
fi

psql_() { as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_ -c "SELECT 1 FROM pg_roles WHERE rolname = 'veille'")" != 1 ]; then
  psql_ -c "CREATE ROLE veille LOGIN PASSWORD 'veille' CREATEDB"
fi
if [ "$(psql_ -c "SELECT 1 FROM pg_database WHERE datname = 'veille_test'")" != 1 ]; then
  psql_ -c "CREATE DATABASE veille_test OWNER veille"
fi

URL="postgresql://veille:veille@127.0.0.1:$PGPORT/veille_test"
echo "$URL" > "$PGDIR/url"
echo "$URL"
