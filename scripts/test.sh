#!/usr/bin/env bash
# The whole suite: once on SQLite, then every database test again on a throwaway PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

echo "== ruff =="
.venv/bin/ruff check .
.venv/bin/ruff format --check . >/dev/null || { echo "run: .venv/bin/ruff format ."; exit 1; }

echo "== bandit and pip-audit =="
.venv/bin/python scripts/audit_dependencies.py

echo "== pytest on SQLite =="
.venv/bin/python -m pytest -p no:cacheprovider "$@"

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/tandem-pg.XXXXXX)
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; as_pg=(runuser -u postgres --); fi
stop_pg() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U tandem >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null

echo "== pytest on PostgreSQL (port $port) =="
TANDEM_TEST_DATABASE_URL="postgresql+psycopg://tandem@127.0.0.1:$port/postgres" \
  .venv/bin/python -m pytest -p no:cacheprovider -m "not pure" "$@"
