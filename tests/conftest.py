"""Shared fixtures, in the Flask tutorial's style: an app on a fresh database per test (SQLite by
default, PostgreSQL when TANDEM_TEST_DATABASE_URL is set), a client that keeps CSRF on, sign-in
helpers, a factory for differently configured apps, and the people most tests work with.
Plain helpers and constants are in tests/helpers.py, page reading in tests/html.py."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from models import Base, User, migrate
from models.db import make_engine
from models.enums import Role
from models.operations import passwords
from tests import factories as f
from tests.helpers import PG_URL, Auth, build_app, fresh_database, seed

# bench/wizard_speed.py (outside tests/) imports these two names from here; kept for it.


# A browser test waiting on a stalled Chromium (a fresh-clone run once hung 25 minutes in a
# Playwright call that has no timeout of its own) ends the whole pass after this long, printing
# every thread's stack: the session's browser is shared, so the next tests would stall too.
# (TANDEM_TEST_BROWSER_LIMIT_S: tests/test_time_limits.py sets it short to prove the limit.)
BROWSER_TEST_LIMIT_S = 240


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    limit = float(os.environ.get("TANDEM_TEST_BROWSER_LIMIT_S", BROWSER_TEST_LIMIT_S))
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(limit, method="thread"))


def pytest_report_header() -> str:
    return f"database: {'PostgreSQL ' + PG_URL if PG_URL else 'SQLite (file per test)'}"


REAL_HASHER, REAL_DUMMY_HASH = passwords._hasher, passwords._DUMMY_HASH
QUICK_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(scope="session", autouse=True)
def _quick_password_hashing() -> Iterator[None]:
    """Argon2id at the app's cost (64 MiB, t=3) takes about 100 ms a sign-in, and most tests
    sign someone in: the suite hashes and verifies at the lowest cost instead. The app's own
    parameters are checked by test_auth.py with the `real_password_hashing` fixture."""
    passwords._hasher = QUICK_HASHER
    passwords._DUMMY_HASH = QUICK_HASHER.hash("tandem-timing-parity-dummy")
    yield
    passwords._hasher, passwords._DUMMY_HASH = REAL_HASHER, REAL_DUMMY_HASH


@pytest.fixture
def real_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "_hasher", REAL_HASHER)
    monkeypatch.setattr(passwords, "_DUMMY_HASH", REAL_DUMMY_HASH)


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Schema built by the real migrations. SQLite: build once, copy the file for each test.
    PostgreSQL: build once; each test empties and reseeds it."""
    if PG_URL:
        engine = make_engine(PG_URL)
        Base.metadata.drop_all(engine)
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
            conn.execute(text("DROP FUNCTION IF EXISTS audit_event_append_only() CASCADE"))
            conn.execute(text("DROP FUNCTION IF EXISTS case_event_append_only() CASCADE"))
        migrate.upgrade(engine)
        engine.dispose()
        yield PG_URL
        return
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    seed(engine)
    engine.dispose()
    yield str(path)


@pytest.fixture
def database_url(_template_db: str, tmp_path: Path) -> str:
    return fresh_database(_template_db, tmp_path)


@pytest.fixture
def make_app(database_url: str, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Builds an app on this test's database, with config overrides for a test that needs
    another setting: make_app(DEMO_MODE=True), make_app(PROXY_HOPS=1). Disposed after the test."""
    made: list[Flask] = []

    def make(**overrides: Any) -> Flask:
        made.append(build_app(database_url, tmp_path / "instance", **overrides))
        return made[-1]

    yield make
    for app in made:
        app.extensions["tandem_engine"].dispose()


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    with app.extensions["tandem_sessionmaker"]() as session:
        yield session


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


@pytest.fixture
def team(db: Session) -> dict[str, User]:
    """A Santa Clara unit: supervisor Sam, ECs Ana and Ben; Olga is in another unit."""
    sup = f.user(db, "sam.sup@example.org", role=Role.SUPERVISOR, name="Sam Supervisor")
    ana = f.user(db, "ana.ec@example.org", name="Ana Reyes", supervisor_id=sup.id)
    ben = f.user(db, "ben.ec@example.org", name="Ben Tran", supervisor_id=sup.id)
    olga = f.user(db, "olga.ec@example.org", name="Olga Other")
    db.commit()
    return {"sup": sup, "ana": ana, "ben": ben, "olga": olga}


@pytest.fixture
def ec(db: Session) -> User:
    """Ana Reyes, a Santa Clara EC on her own (no unit), for tests about one worker."""
    user = f.user(db, "ana.ec@example.org", name="Ana Reyes")
    db.commit()
    return user
