"""The commands cron runs say in one line that the database could not be used (SQLite locked by
another writer past the busy timeout, PostgreSQL unreachable): no traceback, no SQL statement
or values in the output (it is mailed or logged), exit status 1, and nothing half written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import delete, func, select

from models import Holiday, User, UserSession
from models import db as models_db
from models.due import DueItem
from models.enums import Role
from tests import factories as f
from tests.helpers import PG_URL, build_app, hold_write_lock

SQL_WORDS = ("INSERT", "UPDATE", "DELETE", "SELECT", "[SQL", "parameters")

# Each writes at least one row in this test's data, so each needs the write lock.
WRITING_COMMANDS = [
    ["refresh-due-items"],
    ["load-holidays", "2031"],
    ["prune-sessions"],
    ["prune-drafts"],
    ["create-user", "--email", "new.ec@example.org", "--name", "New EC", "--role", "ec",
     "--county", "santa_clara", "--password", "a-long-enough-passphrase-41"],
    ["send-digest"],
]  # fmt: skip


def refused_cleanly(result: Result, reason: str) -> None:
    assert result.exit_code == 1, result.output
    # click's own refusal (SystemExit), not an exception escaping the command with its trace
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert f"Error: The database could not be used (OperationalError: {reason}" in result.output
    assert "What this command had not committed was rolled back." in result.output
    assert "Traceback" not in result.output
    for word in SQL_WORDS:
        assert word not in result.output, word


def test_a_command_on_a_locked_sqlite_database_stops_with_one_line_and_writes_nothing(
    make_app, monkeypatch
):
    if PG_URL:
        pytest.skip("SQLite's write lock")
    # The app's connections wait 0.1 s for the lock instead of 5 s, so each command gives up
    # while the other connection still holds it.
    monkeypatch.setattr(models_db, "BUSY_TIMEOUT_MS", 100)
    app = make_app(PUBLIC_URL="https://tandem.example.gov")
    with app.extensions["tandem_sessionmaker"]() as db:
        team_sup = f.user(db, "sup@example.org", role=Role.SUPERVISOR)
        ec = f.user(db, "ec@example.org", supervisor_id=team_sup.id)
        f.case(db, ec)
        db.commit()
        db.execute(delete(DueItem))  # stale, so refresh-due-items has rows to write back
        db.commit()
        sessions_before = db.scalar(select(func.count()).select_from(UserSession))
        holidays_before = db.scalar(select(func.count()).select_from(Holiday))

    runner = app.test_cli_runner()
    holder = hold_write_lock(app, 1.0 + 0.5 * len(WRITING_COMMANDS))
    results = {args[0]: runner.invoke(args=args) for args in WRITING_COMMANDS}
    holder.join()

    assert {name: r.exit_code for name, r in results.items()} == dict.fromkeys(results, 1)
    for result in results.values():
        refused_cleanly(result, "database is locked")
        assert "Run it again once the database is free" in result.output
    with app.extensions["tandem_sessionmaker"]() as db:
        assert db.scalar(select(func.count()).select_from(Holiday)) == holidays_before
        assert db.scalar(select(func.count()).select_from(UserSession)) == sessions_before
        assert db.scalar(select(User).where(User.email == "new.ec@example.org")) is None

    # Once the lock is gone the same commands run.
    again = runner.invoke(args=WRITING_COMMANDS[1])
    assert again.exit_code == 0, again.output


def test_a_command_whose_postgresql_is_unreachable_stops_with_one_line(tmp_path: Path):
    # Port 1 on this machine: nothing listens, the connection is refused at once.
    app = build_app("postgresql+psycopg://tandem@127.0.0.1:1/tandem", tmp_path / "instance")
    try:
        result = app.test_cli_runner().invoke(args=["refresh-due-items", "--daily"])
    finally:
        app.extensions["tandem_engine"].dispose()
    refused_cleanly(result, "connection failed")
    assert "Connection refused" in result.output
    # psycopg's hint ("Is the server running on that host…") is its second line: left out
    assert "Is the server running" not in result.output
    assert "Check that the database TANDEM_DATABASE_URL names is running" in result.output


def test_every_command_is_guarded(app):
    unguarded = [
        name
        for name, command in app.cli.commands.items()
        if not getattr(command.callback, "reports_database_errors", False)
    ]
    assert unguarded == []
