"""A database and app for a whole test module, so a module renders its PDFs once (rendering
costs a fraction of a second per document)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
import weasyprint  # noqa: F401  (imported once here, so each forked render starts warm)
from flask import Flask
from sqlalchemy import text

from app import create_app
from models import Base
from models.db import make_engine
from tests.conftest import PG_URL, TODAY, _seed
from tests.web.wizard.conftest import team  # noqa: F401  (the wizard's unit, for this folder)


@pytest.fixture(scope="module")
def module_app(_template_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    folder = tmp_path_factory.mktemp("documents")
    if PG_URL:
        engine = make_engine(PG_URL)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        _seed(engine)
        engine.dispose()
        url = PG_URL
    else:
        shutil.copy(_template_db, folder / "module.db")
        url = f"sqlite:///{folder / 'module.db'}"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key-not-for-production",
            "DATABASE_URL": url,
            "TODAY": TODAY,
            "DEMO_MODE": False,
        }
    )
    app.instance_path = str(folder / "instance")
    yield app
    app.extensions["tandem_engine"].dispose()
