"""Declarative base with a naming convention, so Alembic names constraints the same on every database."""

from __future__ import annotations

import enum
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import DateTime, Dialect, Enum, MetaData
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# One definition, in policy (pure); models and blueprints import it from here too.
from policy.county_time import as_utc as as_utc

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Timezone-aware UTC now; audit rows and sessions are compared in UTC (AU-8)."""
    return datetime.now(timezone.utc)


def str_enum(cls: type[enum.Enum], length: int = 32) -> Enum:
    """Store an enum by its value as a plain string (portable across SQLite and PostgreSQL)."""
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class UTCDateTime(TypeDecorator[datetime]):
    """A moment, stored as UTC and always handed back timezone-aware in UTC.

    SQLite keeps no offset and returns naive values; Python's `astimezone` reads a naive value
    as the server's own clock, so on a server set to Pacific time a signature at 12:07 PM
    printed as 8:07 PM on the signed WTW 2. An aware value from any zone is stored as its UTC
    moment (SQLite would otherwise keep its wall-clock digits); a naive one is taken as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if isinstance(value, datetime):
            return as_utc(value).astimezone(timezone.utc)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return as_utc(value).astimezone(timezone.utc)
