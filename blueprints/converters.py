"""URL converters shared by every blueprint."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

# The largest id the database holds (a signed 64-bit integer on PostgreSQL and SQLite).
MAX_ID = 2**63 - 1


class DatabaseId(IntegerConverter):
    """`<int:…>` limited to what the database can hold: a longer number is a plain 404, not an
    overflow inside the driver (and a 500 with a traceback in the log)."""

    def __init__(self, map, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Before any blueprint registers its rules."""
    app.url_map.converters["int"] = DatabaseId
