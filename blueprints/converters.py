"""URL converters shared by every blueprint."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

# The largest id the database holds: the id columns are INTEGER, a signed 32-bit integer on
# PostgreSQL (SQLite's would hold 64 bits; the smaller bound holds for both). A larger number
# sent to PostgreSQL fails in the query ("integer out of range"): a 500.
MAX_ID = 2**31 - 1


class DatabaseId(IntegerConverter):
    """`<int:…>` limited to what the database can hold: a longer number is a plain 404, not an
    overflow inside the driver (and a 500 with a traceback in the log)."""

    def __init__(self, map, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def form_id(raw: str | None) -> int | None:
    """An id sent in a form field, or None when it is not one: ASCII digits only (``"²"`` and
    ``"١"`` pass ``str.isdigit`` and the first fails ``int``) and no larger than the database
    holds (a larger number overflowed inside the driver: a 500)."""
    text = (raw or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def init_app(app: Flask) -> None:
    """Before any blueprint registers its rules."""
    app.url_map.converters["int"] = DatabaseId
