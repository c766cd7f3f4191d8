"""Possible duplicates of a client: warn and link, never block or merge (issue 3, Identify).

A match on either case number is strong; the same name with the same birth date is likely.
An EC who has looked and decided "not the same person" is remembered, so the warning stops.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class DuplicateDismissal(Base):
    """An EC's decision that two cases are different people (kept both ways by the query)."""

    __tablename__ = "duplicate_dismissal"
    __table_args__ = (UniqueConstraint("case_id", "other_case_id", name="duplicate_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    other_case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    dismissed_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
