#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb on a temporary directory, pg_ctl on a free loopback
# port (as the postgres user when run as root: initdb refuses root), KAOWU_TEST_PG_URL exported to the command, and
# the cluster stopped and deleted afterwards whatever happens (trap). Needs Debian's postgresql (setup.sh --test).
#   bash scripts/with-postgres.sh <command> [args…]
set -euo pipefail
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "with-postgres: PostgreSQL is not installed (bash scripts/setup.sh --test)" >&2; exit 2; }
dir="$(mktemp -d /tmp/kaowu-pg.XXXXXX)"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
stop() {
  as_pg "'$bin/pg_ctl' -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT INT TERM
as_pg "'$bin/initdb' -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1" ||
  { cat "$dir/initdb.log" >&2; exit 2; }
# fsync off by default (KAOWU_TEST_PG_FSYNC=on to keep it): the tests kill Kaowu's processes, never PostgreSQL or
# the machine, so what they check (acknowledged only after COMMIT) does not depend on the disk flush, and flushing
# costs minutes of CI. max_connections covers several servers' pools plus the tests'.
as_pg "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=64MB -c fsync=${KAOWU_TEST_PG_FSYNC:-off} -c full_page_writes=off\" start" >/dev/null
export KAOWU_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "==> PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $KAOWU_TEST_PG_URL (data in $dir)"
set +e
"$@"
rc=$?
set -e
exit $rc
