"""Counts of attempts, kept where every worker and every app server sees them (issue 12):
sign-in failures per account and per address, unknown share tokens, current-password guesses,
duplicate lookups. One row per attempt; the key is a SHA-256, so no e-mail or address is kept
here in the clear. Rows older than a day are pruned."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class RateLimitHit(Base):
    __tablename__ = "rate_limit_hit"
    __table_args__ = (Index("ix_rate_limit_hit_scope_key_at", "scope", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
