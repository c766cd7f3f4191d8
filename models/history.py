"""The case history a worker reads: who changed what on a case, when, before and after, and why.

Unlike the audit trail (security events, no sensitive values), the history shows the values
themselves, so it is shown only to people who may open the case. It is append-only as well.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from .append_only import guard
from .base import Base, UTCDateTime, utcnow
from .users import User


class CaseEvent(Base):
    __tablename__ = "case_event"

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


def show(value: Any) -> str:
    """A value as the history shows it: dates ISO, booleans Yes/No, enums by value, None blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(getattr(value, "value", value))


def diff(before: dict[str, Any], after: dict[str, Any], labels: dict[str, str]) -> list[Change]:
    """The fields whose shown value changed, in the order of ``labels``."""
    changes = []
    for field, label in labels.items():
        old, new = show(before.get(field)), show(after.get(field))
        if old != new:
            changes.append(Change(field, label, old, new))
    return changes


def record_event(
    db: Session,
    case_id: int,
    user_id: int | None,
    action: str,
    summary: str,
    changes: list[Change] | None = None,
    reason: str = "",
) -> CaseEvent:
    """Add (not commit) one history row; the request's single commit keeps it with the change."""
    row = CaseEvent(
        case_id=case_id,
        user_id=user_id,
        action=action,
        summary=summary[:200],
        changes=json.dumps([c.__dict__ for c in changes or []]),
        reason=reason,
    )
    db.add(row)
    return row


guard(CaseEvent.__table__)
