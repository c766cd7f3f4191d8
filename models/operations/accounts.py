"""Accounts nobody uses any more are disabled (ARC-AMPE AC-2(3), security.md 43): an account
with no sign-in for 60 days, counted from its creation when it never signed in."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from models.audit import AuditEvent
from models.users import User, UserSession

INACTIVE_DAYS = 60


def inactive_accounts(db: Session, now: datetime, days: int = INACTIVE_DAYS) -> list[User]:
    """Active accounts whose last sign-in (or creation, if none) is older than ``days``."""
    cutoff = now - timedelta(days=days)
    stmt = select(User).where(
        User.active.is_(True),
        or_(
            User.last_login_at < cutoff,
            User.last_login_at.is_(None) & (User.created_at < cutoff),
        ),
    )
    return list(db.scalars(stmt.order_by(User.id)))


def disable_inactive(db: Session, now: datetime, days: int = INACTIVE_DAYS) -> list[User]:
    """Disable them, end their sessions, one audit row each (the actor is the scheduled job).
    No commit."""
    found = inactive_accounts(db, now, days)
    for user in found:
        user.active = False
        db.execute(delete(UserSession).where(UserSession.user_id == user.id))
        db.add(
            AuditEvent(
                action="account_disable",
                object_type="account",
                object_id=str(user.id),
                detail=json.dumps({"reason": f"no sign-in for {days} days", "by": "schedule"}),
            )
        )
    return found
