"""psycopg's cursor with `description` built when it is read, not on every statement (issue 14).

SQLAlchemy reads `cursor.description` after every statement that returns rows, but once a
statement has run, its result columns are cached with the compiled statement and the
description is only checked for None. psycopg builds it as a list of one `Column` per column
each time (five `Column` lookups apiece). The plan preview reads 171 columns a request: 3-4 %
of a worker's CPU on PostgreSQL for a list nobody reads.

Here `description` is a sequence of the right length whose columns are built, exactly as
psycopg builds them, from that statement's result the first time anyone indexes or iterates it.
A psycopg release that builds a `Column` from other state would fail on the first statement of
every kind (tests/web/test_pg_cursor.py compares the two for every type the schema uses).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg.pq import ExecStatus

_TUPLES = (ExecStatus.TUPLES_OK, ExecStatus.SINGLE_TUPLE, ExecStatus.TUPLES_CHUNK)


class _ResultOf:
    """What psycopg's Column reads of its cursor, held as it was for this statement's result."""

    __slots__ = ("pgresult", "_encoding", "adapters")

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self.pgresult = cursor.pgresult
        self._encoding = cursor._encoding
        self.adapters = cursor.adapters


class _Description(Sequence[psycopg.Column]):
    __slots__ = ("_result", "_count", "_columns")

    def __init__(self, cursor: psycopg.Cursor[Any], count: int) -> None:
        self._result = _ResultOf(cursor)
        self._count = count
        self._columns: list[psycopg.Column] | None = None

    def _built(self) -> list[psycopg.Column]:
        if self._columns is None:
            of: Any = self._result
            self._columns = [psycopg.Column(of, index) for index in range(self._count)]
        return self._columns

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        return self._built()[index]

    def __repr__(self) -> str:
        return repr(self._built())


class LazyDescriptionCursor(psycopg.Cursor[Any]):
    @property
    def description(self) -> Sequence[psycopg.Column] | None:  # type: ignore[override]
        result = self.pgresult
        # psycopg's own test: columns, or a statement that said it returned tuples ("SELECT ;").
        if result and (result.nfields or result.status in _TUPLES):
            return _Description(self, result.nfields)
        return None
