"""Write the case history: one `case_event` row per change, with the values before and after."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from models.enums import LabelledEnum
from models.history import CaseEvent, Change


def show(value: Any) -> str:
    """A value as the history shows it: dates ISO, booleans Yes/No, enums by their label (never
    a stored code), None blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, LabelledEnum):
        return value.label
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
