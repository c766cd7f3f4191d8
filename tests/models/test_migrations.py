"""Alembic: upgrade and downgrade with data; the models match the head revision (security.md 42)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from models import AuditEvent, Base, CountyProfile, migrate
from models.db import make_engine
from models.operations.reference import ensure_reference_data
from tests.helpers import PG_URL


@pytest.fixture
def empty_engine(tmp_path) -> Iterator[Engine]:
    """A database with nothing in it, separate from the one the other tests share."""
    if not PG_URL:
        engine = make_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
        yield engine
        engine.dispose()
        return
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS tandem_migrations"))
        conn.execute(text("CREATE DATABASE tandem_migrations"))
    engine = make_engine(PG_URL.rsplit("/", 1)[0] + "/tandem_migrations")
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS tandem_migrations"))
    admin.dispose()


def test_upgrade_creates_every_model_table_and_matches_the_models(empty_engine):
    migrate.upgrade(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    with empty_engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == [], f"models differ from the head migration: {diff}"


def test_downgrade_to_base_and_up_again_keeps_working_with_data(empty_engine):
    migrate.upgrade(empty_engine)
    with Session(empty_engine) as db:
        ensure_reference_data(db)
        db.commit()
    migrate.downgrade(empty_engine, "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(empty_engine)
    with Session(empty_engine) as db:
        ensure_reference_data(db)
        db.commit()
        assert {c.code for c in db.query(CountyProfile)} == {"orange", "santa_clara"}


def test_audit_rows_cannot_be_changed_or_deleted_by_the_application(empty_engine):
    migrate.upgrade(empty_engine)
    with Session(empty_engine) as db:
        db.add(AuditEvent(action="login", outcome="ok"))
        db.commit()
    statements = ["UPDATE audit_event SET outcome = 'tampered'", "DELETE FROM audit_event"]
    if empty_engine.dialect.name == "sqlite":  # REPLACE deletes without firing DELETE triggers
        statements.append(
            "INSERT OR REPLACE INTO audit_event (id, at, action, outcome, object_type, "
            "object_id, ip, request_id, detail) SELECT id, at, 'login', 'tampered', '', '', '', "
            "'', '{}' FROM audit_event"
        )
    else:
        statements.append("TRUNCATE audit_event CASCADE")
    for statement in statements:
        with pytest.raises(DatabaseError, match="append-only"):
            with empty_engine.begin() as conn:
                conn.execute(text(statement))
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT outcome FROM audit_event")).scalar_one() == "ok"


def test_reference_data_is_idempotent_and_has_the_calendars(empty_engine):
    from models.queries.calendars import court_holidays, office_holidays

    migrate.upgrade(empty_engine)
    with Session(empty_engine) as db:
        ensure_reference_data(db)
        ensure_reference_data(db)
        db.commit()
        court = court_holidays(db)
        assert date(2026, 6, 19) in court and date(2026, 9, 25) in court  # R-WD-02
        assert date(2027, 7, 5) in court  # Jul 4 2027 is a Sunday: observed Monday (R-WD-03)
        sc = db.query(CountyProfile).filter_by(code="santa_clara").one()
        orange = db.query(CountyProfile).filter_by(code="orange").one()
        assert date(2026, 6, 19) in office_holidays(db, sc)  # S79
        assert date(2026, 11, 26) in office_holidays(db, orange)
        assert date(2026, 2, 12) not in office_holidays(db, orange)  # Lincoln: courts only
        assert len(court) == len(set(court))
