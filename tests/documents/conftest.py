"""A database and app for a whole test module, so a module renders its PDFs once (rendering
costs a fraction of a second per document)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import weasyprint  # noqa: F401  (imported once here, so each forked render starts warm)
from flask import Flask

from tests.helpers import build_app, fresh_database


@pytest.fixture(scope="module")
def module_app(_template_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    folder = tmp_path_factory.mktemp("documents")
    app = build_app(fresh_database(_template_db, folder), folder / "instance")
    yield app
    app.extensions["tandem_engine"].dispose()
