"""The case history a worker reads: who changed what on a case, when, before and after, and why.

Unlike the audit trail (security events, no sensitive values), the history shows the values
themselves, so it is shown only to people who may open the case. It is append-only as well.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.append_only import guard
from models.base import Base, UTCDateTime, utcnow
from models.users import User

# How a reassignment's history row begins (models.operations.assign writes it; the supervisor's
# view counts the rows that begin so).
REASSIGNED = "Reassigned from "


class CaseEvent(Base):
    __tablename__ = "case_event"
    # The supervisor's view: reassignments of the last 30 days across a unit (migration 0016).
    __table_args__ = (Index("ix_case_event_action_at", "action", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(String(200), default="")
    changes: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of Change
    reason: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()

    def change_list(self) -> list[Change]:
        return [Change(**item) for item in json.loads(self.changes or "[]")]


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


guard(CaseEvent.__table__)
