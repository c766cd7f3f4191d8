"""Fixtures: an app on a fresh database per test (SQLite by default, PostgreSQL when
TANDEM_TEST_DATABASE_URL is set), a client that keeps CSRF on, and sign-in helpers."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app import create_app
from models import Base, migrate
from models.db import make_engine
from models.operations.reference import ensure_reference_data

PG_URL = os.environ.get("TANDEM_TEST_DATABASE_URL")
TODAY = date(2026, 11, 23)
PASSWORD = "correct horse battery staple"


def pytest_report_header() -> str:
    return f"database: {'PostgreSQL ' + PG_URL if PG_URL else 'SQLite (file per test)'}"


def _seed(engine: Engine) -> None:
    with Session(engine) as db:
        ensure_reference_data(db)
        db.commit()


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Schema built by the real migrations. SQLite: build once, copy the file for each test.
    PostgreSQL: build once; each test truncates and reseeds."""
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
    _seed(engine)
    engine.dispose()
    yield str(path)


@pytest.fixture
def database_url(_template_db: str, tmp_path: Path) -> str:
    if PG_URL:
        engine = make_engine(PG_URL)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        _seed(engine)
        engine.dispose()
        return PG_URL
    target = tmp_path / "test.db"
    shutil.copy(_template_db, target)
    return f"sqlite:///{target}"


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key-not-for-production",
            "DATABASE_URL": database_url,
            "TODAY": TODAY,
            "DEMO_MODE": False,
        }
    )
    app.instance_path = str(tmp_path / "instance")
    yield app
    app.extensions["tandem_engine"].dispose()


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    with app.extensions["tandem_sessionmaker"]() as session:
        yield session


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|"X-CSRFToken": "([^"]+)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page carries no CSRF token"
    return match.group(1) or match.group(2)


class Auth:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, email: str, password: str = PASSWORD, **kwargs: Any) -> Any:
        page = self.client.get("/login")
        return self.client.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": csrf_from(page.text)},
            **kwargs,
        )

    def csrf(self, path: str = "/cases") -> str:
        return csrf_from(self.client.get(path).text)

    def logout(self) -> Any:
        return self.client.post("/logout", data={"csrf_token": self.csrf()})


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)
