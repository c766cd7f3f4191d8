"""The one place that knows about flask-htmx (so swapping the library touches one file)."""

from __future__ import annotations

from flask import Flask
from flask_htmx import HTMX

htmx = HTMX()


def init_app(app: Flask) -> None:
    htmx.init_app(app)


def is_htmx_request() -> bool:
    """True for an htmx request that wants a fragment — but not a history restore, which needs
    the full page (historyRestoreAsHxRequest is off in base.html, and this guards older clients)."""
    return bool(htmx) and not htmx.history_restore_request
