"""A save that meets a database too busy to write (SQLite locked past the busy timeout): the EC
gets "Tandem is busy", 503 with Retry-After, and can go back and save again; the log says why
without the values the save carried (a note about a family; security.md 34)."""

from __future__ import annotations

import logging
import sqlite3
from datetime import date

import psycopg
import psycopg.errors
import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from blueprints.database_errors import waiting_helps
from models import SocialWorkerContact
from models import db as models_db
from models.enums import Role, Stage
from tests import factories as f
from tests.factories import make_plan
from tests.helpers import PG_URL, Auth, hold_write_lock
from tests.html import csrf_token, text_of

NOTE = "Sentinel-7731: parenting class moves to Thursdays."


@pytest.fixture
def busy_app(make_app, monkeypatch):
    if PG_URL:
        pytest.skip("SQLite's write lock")
    # The app's connections wait 0.1 s for the lock instead of 5 s: the save gives up while
    # the other connection (a long import, a backup tool) still holds it.
    monkeypatch.setattr(models_db, "BUSY_TIMEOUT_MS", 100)
    app = make_app()
    with app.extensions["tandem_sessionmaker"]() as db:
        ana = f.user(db, "ana.ec@example.org", name="Ana Reyes")
        case = f.case(db, ana, stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 10, 1))
        make_plan(db, case)
        db.commit()
        app.config["TEST_CASE_ID"] = case.id
    return app


def test_a_save_while_the_database_is_locked_says_busy_and_saves_on_the_next_try(
    busy_app, caplog, capsys
):
    client = busy_app.test_client()
    Auth(client).login("ana.ec@example.org")
    url = f"/cases/{busy_app.config['TEST_CASE_ID']}/contacts"
    token = csrf_token(client.get(url).text)
    contact = {
        "csrf_token": token,
        "contact_on": "11/20/2026",
        "channel": "phone",
        "with_whom": "Dana Ruiz",
        "topics": ["wtw_participation"],
        "note": NOTE,
    }
    caplog.set_level(logging.DEBUG)

    holder = hold_write_lock(busy_app, 1.5)
    busy = client.post(url, data=contact)
    holder.join()

    assert busy.status_code == 503
    assert busy.headers["Retry-After"] == "5"
    assert text_of(busy.text, "h1") == "Tandem is busy for a moment"
    assert "was not saved" in busy.text and "go back" in busy.text
    logged = caplog.text + "".join(capsys.readouterr())
    assert "database busy" in logged and "database is locked" in logged
    assert "Sentinel-7731" not in logged
    assert "Dana Ruiz" not in logged
    with busy_app.extensions["tandem_sessionmaker"]() as db:
        assert db.scalars(select(SocialWorkerContact)).all() == []

    again = client.post(url, data=contact)  # the form as the browser kept it
    assert again.status_code == 303
    with busy_app.extensions["tandem_sessionmaker"]() as db:
        assert [c.note for c in db.scalars(select(SocialWorkerContact))] == [NOTE]


def test_a_database_error_never_carries_the_values_of_its_statement(app, db):
    """Everywhere the error's text goes (a log, a command's output, an error report)."""
    engine = app.extensions["tandem_engine"]
    with pytest.raises(DBAPIError) as raised, engine.connect() as conn:
        conn.execute(text("SELECT * FROM no_such_table WHERE note = :note"), {"note": NOTE})
    assert "no_such_table" in str(raised.value)
    assert "Sentinel-7731" not in str(raised.value)


def test_a_database_fault_that_waiting_will_not_fix_is_an_ordinary_error(app, db, monkeypatch):
    """Not every OperationalError is "busy": a missing table is the deployment's fault."""
    f.user(db, "ana.ec@example.org", role=Role.EC)
    db.commit()
    client = app.test_client()
    Auth(client).login("ana.ec@example.org")
    from blueprints import cases  # the EC's caseload reads through it

    def broken(*_args: object, **_kwargs: object) -> None:
        with app.extensions["tandem_engine"].connect() as conn:
            conn.exec_driver_sql("SELECT * FROM no_such_table")

    monkeypatch.setattr(cases, "caseload_page", broken)
    page = client.get("/cases")
    assert page.status_code == 500
    assert "Tandem is busy" not in page.text


def test_after_postgresql_drops_the_connections_one_request_is_busy_and_the_next_works(
    app, db, caplog
):
    """A PostgreSQL restart (patching, a failover) ends every connection the app's pool holds.
    The first request on a dead one answers "busy" (no pre-ping: a round trip on every request,
    the preview's hot path); SQLAlchemy then drops the pool, and the next request reconnects."""
    if not PG_URL:
        pytest.skip("PostgreSQL's connections")
    f.user(db, "ana.ec@example.org", role=Role.EC)
    db.commit()
    db.close()
    client = app.test_client()
    Auth(client).login("ana.ec@example.org")
    assert client.get("/cases").status_code == 200
    engine = app.extensions["tandem_engine"]
    with engine.connect() as conn:  # the pool's connection the requests used
        pid = conn.scalar(text("SELECT pg_backend_pid()"))
    killer = create_engine(PG_URL, poolclass=NullPool)
    with killer.connect() as conn:
        assert conn.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    killer.dispose()

    busy = client.get("/cases")
    assert busy.status_code == 503
    assert "Tandem is busy for a moment" in busy.text
    assert "database busy: AdminShutdown: terminating connection" in caplog.text
    assert client.get("/cases").status_code == 200


@pytest.mark.parametrize(
    ("orig", "helps"),
    [
        (sqlite3.OperationalError("database is locked"), True),
        (sqlite3.OperationalError("no such table: mutual_case"), False),
        (sqlite3.OperationalError("disk I/O error"), False),
        (psycopg.OperationalError("connection failed: Connection refused"), True),
        (psycopg.errors.AdminShutdown("terminating connection"), True),
        (psycopg.errors.LockNotAvailable("could not obtain lock"), True),
        (psycopg.errors.DeadlockDetected("deadlock detected"), True),
        (psycopg.errors.TooManyConnections("too many clients"), True),
        (psycopg.errors.DiskFull("could not extend file"), False),
        (psycopg.errors.OutOfMemory("out of memory"), False),
    ],
)
def test_busy_is_said_only_where_waiting_can_help(orig, helps):
    assert waiting_helps(OperationalError("SELECT 1", {}, orig)) is helps
