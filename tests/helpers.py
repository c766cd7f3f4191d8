"""What test folders share besides fixtures: the fixed date and password, the app built for
tests, a fresh database, signing in, posting forms as a browser does, counting queries."""

from __future__ import annotations

import io
import os
import re
import shutil
import sqlite3
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
from flask import Flask
from flask.testing import FlaskClient
from jinja2.bccache import Bucket, BytecodeCache
from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from app import create_app
from models import Base
from models.db import make_engine
from models.operations.reference import ensure_reference_data
from tests.html import csrf_token, elements

PG_URL = os.environ.get("TANDEM_TEST_DATABASE_URL")
TODAY = date(2026, 11, 23)
PASSWORD = "correct horse battery staple"
HX = {"HX-Request": "true"}  # the header htmx adds to each of its requests

# What every test app starts from; a test that needs another setting passes it to make_app.
TEST_CONFIG: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key-not-for-production",
    "TODAY": TODAY,
    "DEMO_MODE": False,
    # The fixtures' supervisors and administrators sign in with a password only; the second
    # factor's tests (tests/web/test_mfa.py) turn this on.
    "MFA_ENFORCED": False,
}


class _TemplateBytecode(BytecodeCache):
    """Compiled templates kept in memory for the whole test session. Each test builds its own
    app, whose Jinja compiled every template again on first use (a plan page's first view:
    110 → 54 ms). Jinja checks each entry against the template's source."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_BYTECODE = _TemplateBytecode()


def build_app(database_url: str, instance_path: Path, **overrides: Any) -> Flask:
    """An app on this database with the test configuration and the given overrides. The
    caller disposes of its engine (app.extensions["tandem_engine"]) when done."""
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url, **overrides})
    app.instance_path = str(instance_path)
    app.jinja_env.bytecode_cache = TEMPLATE_BYTECODE
    return app


def seed(engine: Engine) -> None:
    """The reference data (counties, holidays) every database starts with."""
    with Session(engine) as db:
        ensure_reference_data(db)
        db.commit()


def _pg_reset(conn: Connection) -> str:
    """Every table emptied and every id sequence started again at 1."""
    sequences = conn.execute(
        text(
            "SELECT oid::regclass::text FROM pg_class "
            "WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace ORDER BY 1"
        )
    ).scalars()
    deletes = [f'DELETE FROM "{table.name}"' for table in reversed(Base.metadata.sorted_tables)]
    restarts = [f"SELECT setval('{name}', 1, false)" for name in sequences]
    return "; ".join([*deletes, *restarts])


def fresh_database(template: str, folder: Path) -> str:
    """A database URL holding only the migrated schema and reference data. SQLite: a copy of
    the template file in `folder`. PostgreSQL: the one test database, emptied and reseeded."""
    if PG_URL:
        engine = make_engine(PG_URL)
        with engine.begin() as conn:
            # The audit trail refuses DELETE (append_only.py); the test reset, as the superuser
            # that owns the throwaway cluster, sets triggers aside (foreign keys' too, so the
            # order does not matter). DELETE and setval, not TRUNCATE ... RESTART IDENTITY:
            # TRUNCATE gives each of the 41 tables new files, 65 ms a test against 2 ms.
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.exec_driver_sql(_pg_reset(conn))
        seed(engine)
        engine.dispose()
        return PG_URL
    target = folder / "test.db"
    shutil.copy(template, target)
    return f"sqlite:///{target}"


class Auth:
    """Signs a test client in and out through the real forms, CSRF token included."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, email: str, password: str = PASSWORD, **kwargs: Any) -> Any:
        page = self.client.get("/login")
        return self.client.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": csrf_token(page.text)},
            **kwargs,
        )

    def csrf(self, path: str = "/cases") -> str:
        return csrf_token(self.client.get(path).text)

    def logout(self) -> Any:
        return self.client.post("/logout", data={"csrf_token": self.csrf()})


def post_form(client: FlaskClient, page: str, action: str, data: dict[str, Any], **kw: Any) -> Any:
    """GET the page (for its CSRF token and hidden version), then POST the fields."""
    html = client.get(page).text
    fields = {"csrf_token": csrf_token(html)}
    # The step forms carry the case's version; sending it back is what a browser does.
    version = elements(html, "input[type=hidden][name=version]")
    if version:
        fields["version"] = version[0].get("value") or ""
    fields.update(data)
    return client.post(action, data=fields, **kw)


def multipart(client: FlaskClient, url: str, fields: dict[str, Any]) -> Any:
    """POST as a browser sends a form with a file; a (bytes, file name) value is a file.
    Encoded here, in memory: the test client's own encoder leaves a temporary file open for
    large uploads."""
    values = MultiDict()
    for key, value in fields.items():
        if isinstance(value, tuple):
            value = FileStorage(io.BytesIO(value[0]), value[1], content_type="application/pdf")
        values.add(key, value)
    boundary, body = encode_multipart(values)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def statements_for(
    app: Flask, client: FlaskClient, url: str, method: str = "get", **request: Any
) -> list[str]:
    """The SQL statements a GET of `url` runs (or another `method` with the test client's
    `request` arguments), leaving out the session and audit rows that every request reads or
    writes, so the count is about the page itself."""
    engine = app.extensions["tandem_engine"]
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        every_request = ("user_session", "audit_event")
        if not any(name in statement for name in every_request):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        assert getattr(client, method)(url, **request).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return seen


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF, runs of white space as one space."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def pdf_text(pdf: bytes) -> str:
    """The text of a whole PDF, runs of white space (page breaks too) as one space."""
    return " ".join(" ".join(pdf_pages(pdf)).split())


def migration_revisions(name: str) -> tuple[str, str]:
    """A migration's revision and the one before it, read from its file
    (models/migrations/versions/*_<name>.py): the lead renumbers migrations when branches merge."""
    import importlib.util

    from models import migrate

    [path] = Path(migrate.__file__).parent.glob(f"migrations/versions/*_{name}.py")
    spec = importlib.util.spec_from_file_location(f"{name}_migration", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.revision, module.down_revision


def engine_of(app: Flask) -> Engine:
    return app.extensions["tandem_engine"]


def hold_write_lock(app: Flask, seconds: float) -> threading.Thread:
    """Another connection holds SQLite's write lock for `seconds` (a busy app's writes)."""
    held = threading.Event()

    def run() -> None:
        conn = sqlite3.connect(engine_of(app).url.database or "", isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    held.wait(5)
    return thread
