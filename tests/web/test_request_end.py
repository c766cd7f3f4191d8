"""How a request's transaction ends (models/db._close_db): what a view did not commit is never
kept, and on PostgreSQL a request that only read ends with a commit that changes nothing, so
psycopg keeps its prepared statements (it forgets them all on a rollback; issue 14)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import IntegrityError

from models import User
from models.db import get_db
from tests import factories as f
from tests.helpers import PG_URL


@pytest.fixture
def ana(db):  # type: ignore[no-untyped-def]
    user = f.user(db, "ana.ec@example.org", name="Ana Reyes")
    db.commit()
    return user


def _rename_unseen(session, user, name: str) -> None:  # type: ignore[no-untyped-def]
    """A plain UPDATE: a write the session does not track, only the database knows of it."""
    session.execute(
        text("UPDATE user_account SET name = :name WHERE id = :id"), {"name": name, "id": user.id}
    )


def _prepared(raw) -> int:  # type: ignore[no-untyped-def]
    """The statements prepared on this psycopg connection (the server's view)."""
    return raw.execute("SELECT count(*) FROM pg_prepared_statements").fetchone()[0]


def _name(db, user_id: int) -> str:  # type: ignore[no-untyped-def]
    db.expire_all()
    return db.scalar(select(User.name).where(User.id == user_id))


def test_a_statement_the_view_did_not_commit_is_rolled_back(app, db, ana):
    """A write the session does not track (a plain UPDATE): only the database knows it was made."""
    with app.app_context():
        _rename_unseen(get_db(), ana, "Changed")
    assert _name(db, ana.id) == "Ana Reyes"


def test_a_flushed_change_the_view_did_not_commit_is_rolled_back(app, db, ana):
    with app.app_context():
        session = get_db()
        session.get(User, ana.id).name = "Changed"
        session.flush()
    assert _name(db, ana.id) == "Ana Reyes"


def test_a_change_left_unflushed_or_a_request_that_failed_is_rolled_back(app, db, ana):
    with app.app_context():
        get_db().get(User, ana.id).name = "Unflushed"
    assert _name(db, ana.id) == "Ana Reyes"
    with pytest.raises(RuntimeError), app.app_context():
        _rename_unseen(get_db(), ana, "Failed")
        raise RuntimeError("the view failed after writing")
    assert _name(db, ana.id) == "Ana Reyes"


def test_a_failed_flush_left_behind_ends_quietly_and_keeps_nothing(app, db, ana):
    with app.app_context():
        session = get_db()
        session.get(User, ana.id).name = "Changed"
        session.flush()
        session.add(User(email=ana.email, name="Twin", county_id=ana.county_id, password_hash="x"))
        with pytest.raises(IntegrityError):
            session.flush()
    assert _name(db, ana.id) == "Ana Reyes"


@pytest.mark.skipif(not PG_URL, reason="psycopg's prepared statements: PostgreSQL only")
def test_a_request_that_only_read_keeps_its_prepared_statements(app, db, ana):
    with app.app_context():
        session = get_db()
        for _ in range(7):  # psycopg prepares a statement on its sixth run
            assert session.scalar(select(User.name).where(User.id == ana.id)) == "Ana Reyes"
        raw = session.connection().connection.dbapi_connection
    assert _prepared(raw) >= 1
    raw.rollback()
    # And one that wrote without committing is rolled back, prepared statements and all.
    with app.app_context():
        session = get_db()
        _rename_unseen(session, ana, "Changed")
        raw = session.connection().connection.dbapi_connection
    assert _prepared(raw) == 0
    raw.rollback()
    assert _name(db, ana.id) == "Ana Reyes"


@pytest.mark.skipif(not PG_URL, reason="DML inside a CTE: PostgreSQL only")
def test_a_write_inside_a_select_shaped_statement_is_rolled_back(app, db, ana):
    """Only a statement that starts with SELECT counts as a read (models/db._track_writes)."""
    with app.app_context():
        get_db().execute(
            text(
                "WITH renamed AS (UPDATE user_account SET name = 'Changed' WHERE id = :id "
                "RETURNING id) SELECT id FROM renamed"
            ),
            {"id": ana.id},
        )
    assert _name(db, ana.id) == "Ana Reyes"


@pytest.mark.skipif(not PG_URL, reason="the commit of a request that only read: PostgreSQL only")
def test_a_request_that_only_read_asks_the_server_nothing_more(app, db, ana):
    """Whether it wrote is known from what it sent: no round trip to ask the server (issue 14)."""
    sent: list[str] = []

    def seen(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        sent.append(statement)

    engine = app.extensions["tandem_engine"]
    event.listen(engine, "before_cursor_execute", seen)
    try:
        with app.app_context():
            get_db().scalar(select(User.name).where(User.id == ana.id))
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(sent) == 1 and sent[0].startswith("SELECT user_account.name")
