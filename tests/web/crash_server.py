"""The app the crash test (security.md 40) runs under gunicorn: the test configuration, so
TESTING is on and blueprints/fault_injection.py may act, on the database in TANDEM_DATABASE_URL.
Started as `gunicorn "tests.web.crash_server:create()"`."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from tests.helpers import build_app


def create() -> Flask:
    return build_app(os.environ["TANDEM_DATABASE_URL"], Path(os.environ["TANDEM_CRASH_INSTANCE"]))
