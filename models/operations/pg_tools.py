"""pg_dump and pg_restore for `flask backup` / `flask restore` on PostgreSQL (security.md 41).

pg_dump "makes consistent backups even if the database is being used concurrently"; here it
dumps the snapshot of a transaction we hold open, so the manifest's counts and hashes, read in
that same transaction, describe exactly the dump. The connection details go to the tools as
libpq environment variables: the password is never on a command line (where `ps` shows it to
every local user) nor in any message.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess  # nosec B404
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL

from models.queries.backup_facts import Facts, read_facts

# URL query parameters that libpq also reads from the environment.
QUERY_TO_ENV = {
    "host": "PGHOST",
    "port": "PGPORT",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
}


class ToolFailed(Exception):
    """pg_dump or pg_restore is missing or stopped with an error; the message says which."""


def find_tool(name: str) -> str:
    """The tool on PATH, else the newest under /usr/lib/postgresql/*/bin (Debian's layout)."""
    if found := shutil.which(name):
        return found

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", Path(path).parent.parent.name))

    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version)
    if not candidates:
        raise ToolFailed(
            f"{name} was not found: install the PostgreSQL client tools (the server's major "
            "version or newer)."
        )
    return candidates[-1]


def libpq_env(url: URL) -> dict[str, str]:
    """The environment for a PostgreSQL tool: this process's, plus the URL's connection."""
    env = dict(os.environ)
    parts = {
        "PGHOST": url.host,
        "PGPORT": url.port,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
    }
    for key, value in url.query.items():
        if key in QUERY_TO_ENV:
            parts[QUERY_TO_ENV[key]] = value if isinstance(value, str) else value[-1]
    env.update({k: str(v) for k, v in parts.items() if v not in (None, "")})
    return env


def run(tool: str, args: list[str], url: URL) -> str:
    """Run a PostgreSQL tool; its standard output, or ToolFailed with the end of its errors."""
    name = Path(tool).name
    # An argument list, no shell; the password travels in PGPASSWORD, never in the arguments.
    result = subprocess.run(  # nosec B603
        [tool, "--no-password", *args],
        env=libpq_env(url),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        tail = result.stderr.strip()[-1500:] or "no message"
        raise ToolFailed(f"{name} stopped with exit code {result.returncode}: {tail}")
    return result.stdout


def archive_entries(path: Path, url: URL) -> int:
    """How many entries pg_restore reads from the archive's table of contents (it must parse)."""
    listing = run(find_tool("pg_restore"), ["--list", str(path)], url)
    return sum(1 for line in listing.splitlines() if line and not line.startswith(";"))


def dump(engine: Engine, path: Path) -> tuple[Facts, str]:
    """pg_dump --format=custom into `path` (an existing private file) from a snapshot exported
    by a transaction that also reads the facts: both see the same rows."""
    url = engine.url
    with engine.connect() as conn:
        conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            run(
                find_tool("pg_dump"),
                ["--format=custom", f"--snapshot={snapshot}", f"--file={path}"],
                url,
            )
            facts = read_facts(conn)
    entries = archive_entries(path, url)
    return facts, f"pg_restore reads the archive: {entries} entries"


def restore(engine: Engine, path: Path) -> str:
    """pg_restore into the configured database, in one transaction: on any error nothing of
    the backup is applied. The backup's privileges come along (create the app's role first)."""
    url = engine.url
    entries = archive_entries(path, url)
    run(
        find_tool("pg_restore"),
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={_conninfo_dbname(url.database or '')}",
            str(path),
        ],
        url,
    )
    refresh_statistics(engine)
    return (
        f"pg_restore applied {entries} entries in one transaction; VACUUM ANALYZE refreshed "
        "the planner's statistics"
    )


def refresh_statistics(engine: Engine) -> None:
    """VACUUM ANALYZE after a bulk load (a restore, seed-bench). pg_restore does not carry the
    planner's statistics and autovacuum gets to new tables only later: until then PostgreSQL
    plans the caseload's counts blind (issue 14's bench measured a 1,000-case unit page at
    155 ms right after seeding and 57 ms once analyzed), and without the visibility map that
    VACUUM writes it cannot count from an index alone (a unit's "Overdue" count at 100,000
    cases: 10.5 ms reading the table, 5.5 from the index). SQLite plans from the indexes alone."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))  # not inside a transaction: autocommit


def _conninfo_dbname(name: str) -> str:
    # pg_restore needs --dbname to restore into a database; a conninfo string holding only
    # the name (quoted) so a name with "=" is not read as options. Host, user, password: env.
    escaped = name.replace("\\", "\\\\").replace("'", "\\'")
    return f"dbname='{escaped}'"
