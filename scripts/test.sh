#!/usr/bin/env bash
# The whole suite: once on SQLite and, at the same time, every database test again on a
# throwaway PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

echo "== ruff =="
.venv/bin/ruff check .
.venv/bin/ruff format --check . >/dev/null || { echo "run: .venv/bin/ruff format ."; exit 1; }

echo "== bandit and pip-audit =="
.venv/bin/python scripts/audit_dependencies.py

# The two passes run side by side (each is one Python process; CI has two cores), each with its
# own temporary folder and its own PDF render service, so neither waits for the other's renders.
# PostgreSQL's output is shown after SQLite's, whole.
# The render services run one step below the tests, not ten (production's TANDEM_PDF_NICE): the
# other pass keeps both cores busy, and a render niced as a group (render_service._lower_priority)
# would wait behind it past the queue limit. The tests still check the nice is applied.
export TANDEM_PDF_NICE=1
run_dir=$(mktemp -d /tmp/tandem-test.XXXXXX)
mkdir -m 700 "$run_dir/sqlite" "$run_dir/pg"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/tandem-pg.XXXXXX)  # its own folder: the postgres account owns it
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; as_pg=(runuser -u postgres --); fi
cleanup() {
  [ -z "${pg_pid:-}" ] || kill "$pg_pid" 2>/dev/null || true
  pkill -f "tandem_render.*$run_dir/" 2>/dev/null || true  # the passes' render services
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$run_dir" "$pg_dir"
}
trap cleanup EXIT
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U tandem >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null

echo "== pytest on PostgreSQL (port $port), in the background: its output follows SQLite's =="
TANDEM_TEST_DATABASE_URL="postgresql+psycopg://tandem@127.0.0.1:$port/postgres" \
  TANDEM_RENDER_SOCKET="$run_dir/pg/render.sock" \
  .venv/bin/python -m pytest -p no:cacheprovider --basetemp "$run_dir/pg/tmp" -m "not pure" "$@" \
  >"$run_dir/pg.log" 2>&1 &
pg_pid=$!

echo "== pytest on SQLite =="
sqlite_rc=0
TANDEM_RENDER_SOCKET="$run_dir/sqlite/render.sock" \
  .venv/bin/python -m pytest -p no:cacheprovider --basetemp "$run_dir/sqlite/tmp" "$@" || sqlite_rc=$?

pg_rc=0
wait "$pg_pid" || pg_rc=$?
pg_pid=""
echo "== pytest on PostgreSQL =="
cat "$run_dir/pg.log"
echo "SQLite pass: exit $sqlite_rc; PostgreSQL pass: exit $pg_rc"
[ "$sqlite_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]
