"""models/pg_cursor.py: the description psycopg builds on every statement, built only when read,
and then the same as psycopg's own (PostgreSQL only)."""

from __future__ import annotations

import psycopg
import pytest

from models.base import Base
from models.pg_cursor import LazyDescriptionCursor
from tests.helpers import PG_URL

pytestmark = pytest.mark.skipif(not PG_URL, reason="psycopg's cursor: PostgreSQL only")


def _columns(description) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return [(*column, column.type_display) for column in description]


def _psycopgs(cursor) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    return _columns(psycopg.Cursor.description.fget(cursor))  # type: ignore[attr-defined]


@pytest.fixture
def cursor(app, db):  # type: ignore[no-untyped-def]
    raw = app.extensions["tandem_engine"].raw_connection()
    try:
        with raw.cursor() as found:
            yield found
    finally:
        raw.rollback()
        raw.close()


def test_the_apps_connections_use_it(cursor):  # type: ignore[no-untyped-def]
    assert isinstance(cursor, LazyDescriptionCursor)


def test_every_tables_columns_are_described_as_psycopg_describes_them(cursor):  # type: ignore[no-untyped-def]
    for table in Base.metadata.sorted_tables:
        cursor.execute(f'SELECT * FROM "{table.name}" LIMIT 0')  # noqa: S608 (our own names)
        lazy = cursor.description
        assert len(lazy) == len(table.columns), table.name
        assert _columns(lazy) == _psycopgs(cursor), table.name
        assert {column.name for column in lazy} == {column.name for column in table.columns}


def test_a_description_read_after_the_next_statement_still_describes_its_own(cursor):  # type: ignore[no-untyped-def]
    cursor.execute("SELECT 1 AS one, 'x'::text AS letter")
    first = cursor.description
    cursor.execute("SELECT now() AS at")
    assert [column.name for column in first] == ["one", "letter"]
    assert [column.name for column in first[-1:]] == ["letter"]
    assert [column.name for column in cursor.description] == ["at"]


def test_none_without_rows_and_empty_for_a_select_of_nothing(cursor):  # type: ignore[no-untyped-def]
    cursor.execute("CREATE TEMPORARY TABLE scratch (n int)")
    assert cursor.description is None
    cursor.execute("INSERT INTO scratch VALUES (1)")
    assert cursor.description is None
    cursor.execute("SELECT ;")
    assert cursor.description is not None and len(cursor.description) == 0
