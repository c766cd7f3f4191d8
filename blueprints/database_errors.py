"""What Tandem says when the database cannot be used: SQLite locked past the busy timeout by
another writer, PostgreSQL down or unreachable, a schema not created yet. One line with the
driver's first line of text, never the statement or its values (they can hold client details),
and no traceback: commands run from cron, whose output is mailed or logged, and a page answers
"busy" (errors.py) when waiting may help."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Any

import click
from sqlalchemy.exc import OperationalError


def database_reason(exc: OperationalError) -> str:
    """`OperationalError: database is locked`: the driver's class and first line (psycopg adds
    hints on further lines; SQLAlchemy's own text would append the statement and parameters)."""
    lines = str(exc.orig).strip().splitlines()
    reason = lines[0][:200] if lines else "no reason given"
    return f"{type(exc.orig).__name__}: {reason}"


def _locked(exc: OperationalError) -> bool:
    """SQLite's "database is locked" / "database table is locked" / SQLITE_BUSY."""
    text = str(exc.orig)
    return "locked" in text or "busy" in text


# PostgreSQL's SQLSTATEs worth another try: a connection lost or refused (08, and none at all
# when no server answered), the server shutting down or starting (57P0x) or cancelling a query
# (57014), a deadlock or serialization failure (40), a lock not granted (55P03), no connection
# slot free (53300). Not a full disk (53100) or out of memory (53200): waiting does not fix them.
PG_TRANSIENT = ("08", "57", "40", "55P03", "53300")


def waiting_helps(exc: OperationalError) -> bool:
    """The next try may work: SQLite locked by another writer, PostgreSQL out of reach, restarting
    or in a lock conflict. SQLite's other operational errors (no such table, disk I/O, a damaged
    file) and PostgreSQL's resource faults are the installation's, and waiting does not fix them."""
    if isinstance(exc.orig, sqlite3.OperationalError):
        return _locked(exc)
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(PG_TRANSIENT)


def _advice(exc: OperationalError) -> str:
    if _locked(exc):
        return (
            "Run it again once the database is free; if it stays locked, look for a process "
            "holding it (a stuck command, a backup, a database tool left open)."
        )
    return (
        "Check that the database TANDEM_DATABASE_URL names is running and reachable, and that "
        "its schema is current (`flask --app app init-db`); then run the command again."
    )


class DatabaseUnavailable(click.ClickException):
    """Printed as "Error: …" and exit status 1, as click does for a command's own refusals."""

    def __init__(self, exc: OperationalError) -> None:
        super().__init__(
            f"The database could not be used ({database_reason(exc)}). What this command had "
            f"not committed was rolled back. {_advice(exc)}"
        )


def _guarded(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except OperationalError as exc:
            raise DatabaseUnavailable(exc) from None  # `from None`: no chained statement

    run.reports_database_errors = True  # type: ignore[attr-defined]
    return run


def guard_database_errors(group: click.Group) -> None:
    """Every command of `group` reports an unusable database as one line. Commands that go on
    after one (send-outbox --loop) or say more (backup's audit row) catch it themselves first."""
    for command in group.commands.values():
        if command.callback is not None:
            command.callback = _guarded(command.callback)
