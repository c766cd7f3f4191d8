"""Remember that two cases are not the same person, so the warning does not come back."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.duplicates import DuplicateDismissal
from models.queries.duplicates import dismissed_with


def dismiss(db: Session, case_id: int, other_case_id: int, user_id: int) -> None:
    """Remember "not the same person" for this pair (idempotent)."""
    if other_case_id in dismissed_with(db, case_id) or other_case_id == case_id:
        return
    db.add(
        DuplicateDismissal(case_id=case_id, other_case_id=other_case_id, dismissed_by_id=user_id)
    )
