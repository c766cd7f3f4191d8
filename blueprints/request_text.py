"""Text from forms, query strings and URLs without the control characters no field can hold.

PostgreSQL refuses a NUL character in any text value, so one NUL pasted into a note or typed
into the caseload's search (`?q=%00`) failed the whole request there: a 500 and a traceback
in the log, and what the EC had typed was lost. SQLite stored it, and the page then showed an
invisible character the HTML checker rejects. The other C0 controls (and DEL) mean nothing in a
case note either and are forbidden in HTML. Tab, line feed and carriage return stay: notes have
lines.

Values are cleaned where Werkzeug builds `request.args` and `request.form` (the parameter
storage class), so every view, every validator and the audit trail see the same text; nothing
else is changed, so the rest of what was typed is kept. A path segment holding such a
character matches no route: a 404, as for any other address that names nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from flask import Flask, Request
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.routing import UnicodeConverter

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: Any) -> Any:
    """`value` without control characters other than tab and line breaks; files unchanged."""
    return CONTROL.sub("", value) if isinstance(value, str) else value


def _cleaned(mapping: Any) -> Iterator[tuple[Any, Any]]:
    pairs: Iterable[tuple[Any, Any]] = iter_multi_items(mapping) if mapping is not None else ()
    for key, value in pairs:
        yield clean(key), clean(value)


class CleanMultiDict(ImmutableMultiDict[Any, Any]):
    def __init__(self, mapping: Any = None) -> None:
        super().__init__(_cleaned(mapping))


class TandemRequest(Request):
    parameter_storage_class = CleanMultiDict  # type: ignore[assignment]


class PlainSegment(UnicodeConverter):
    """`<name>` without control characters: `/s/%00…` is a 404, not a NUL sent to the database."""

    regex = "[^/\x00-\x1f\x7f]+"


def init_app(app: Flask) -> None:
    app.request_class = TandemRequest
    app.url_map.converters["default"] = PlainSegment
    app.url_map.converters["string"] = PlainSegment
