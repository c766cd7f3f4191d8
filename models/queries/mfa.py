"""What the account pages show about a second factor."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.users import RecoveryCode, User


def recovery_codes_left(db: Session, user: User) -> int:
    return int(
        db.scalar(
            select(func.count()).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        )
        or 0
    )
