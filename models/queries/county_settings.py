"""The last changes to a county's settings, as the County settings page lists them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import AuditEvent
from models.users import User

ACTION = "county_settings_change"  # the audit rows blueprints/admin.py writes


class SettingsChange(NamedTuple):
    at: datetime
    who: str
    changes: dict[str, dict[str, Any]]  # setting: {"from": old, "to": new}


def recent_changes(db: Session, county_id: int, limit: int = 10) -> list[SettingsChange]:
    """Newest first, with who made each (one query)."""
    stmt = (
        select(AuditEvent.at, User.name, AuditEvent.detail)
        .outerjoin(User, User.id == AuditEvent.actor_user_id)
        .where(
            AuditEvent.action == ACTION,
            AuditEvent.object_type == "county",
            AuditEvent.object_id == str(county_id),
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return [
        SettingsChange(at, who or "Someone", json.loads(detail or "{}"))
        for at, who, detail in db.execute(stmt)
    ]
