"""Engine, one session per request kept on `g`, and the schema commands."""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000  # SQLite: how long a write waits for another connection's write lock


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets foreign keys on and durable WAL writes (signed records)."""
    # hide_parameters: a database error's text (logged with the traceback of a failed request,
    # printed by a command) names the statement but never its values, which hold client details.
    kwargs: dict[str, Any] = {"future": True, "hide_parameters": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False}
    elif url.startswith("postgresql+psycopg"):
        from .pg_cursor import LazyDescriptionCursor

        kwargs["connect_args"] = {"cursor_factory": LazyDescriptionCursor}
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.close()

    # gunicorn --preload builds the app once and forks the workers from it: a worker must not
    # use a connection its parent opened (SQLAlchemy, "Using Connection Pools with
    # Multiprocessing or os.fork()"). A weak reference, so an engine a test dropped can go.
    held = weakref.ref(engine)

    def _after_fork() -> None:
        forked = held()
        if forked is not None:
            forked.dispose(close=False)

    os.register_at_fork(after_in_child=_after_fork)
    if engine.dialect.name == "postgresql":
        _track_writes(engine)
    return engine


def init_app(app: Flask) -> None:
    url = app.config["DATABASE_URL"]
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    app.extensions["tandem_engine"] = engine
    app.extensions["tandem_sessionmaker"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_db)


def engine() -> Engine:
    return current_app.extensions["tandem_engine"]


def get_db() -> Session:
    """The request's session; views commit once, teardown rolls back anything left."""
    if "db" not in g:
        g.db = current_app.extensions["tandem_sessionmaker"]()
    return g.db


def _close_db(exc: BaseException | None) -> None:
    db = g.pop("db", None)
    if db is None:
        return
    try:
        if exc is None and _wrote_nothing(db):
            db.commit()  # ends as a rollback would, and keeps psycopg's prepared statements
    finally:
        db.rollback()
        db.close()


def _wrote_nothing(db: Session) -> bool:
    """PostgreSQL: the request's transaction is open and sound and sent only SELECTs (see
    _track_writes), so committing it changes nothing.

    Why not simply roll back: psycopg forgets every prepared statement on a rollback, so each
    request planned its statements anew (the plan preview's case and its people: 0.65 ms to
    plan, 0.08 ms to run). A commit keeps them; a transaction that wrote anything, failed, or
    left changes in the session is still rolled back."""
    if db.get_bind().dialect.name != "postgresql":
        return False
    transaction = db.get_transaction()
    if transaction is None or not transaction.is_active or db.new or db.dirty or db.deleted:
        return False  # nothing begun, a failed flush, or changes never flushed
    from psycopg.pq import TransactionStatus

    connection = db.connection()
    raw = connection.connection.dbapi_connection
    if raw is None or raw.info.transaction_status != TransactionStatus.INTRANS:
        return False
    return not connection.info.get(WROTE, False)


WROTE = "tandem_wrote"


def _track_writes(engine: Engine) -> None:
    """Mark a connection's transaction as soon as it sends anything but a SELECT; the mark is
    cleared when a transaction begins. Anything not starting with SELECT counts as a write (a
    CTE, DDL, a SAVEPOINT): a wrong guess only costs a rollback. Asking the server instead
    (txid_current_if_assigned) cost a round trip on every request (issue 14)."""

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.info.pop(WROTE, None)

    @event.listens_for(engine, "before_cursor_execute")
    def _mark(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip()[:6].upper() != "SELECT":
            conn.info[WROTE] = True
