"""The newest unsaved draft of a user's step on a case."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.drafts import StepDraft


def find_draft(db: Session, user_id: int, case_id: int | None, step: str) -> StepDraft | None:
    stmt = select(StepDraft).where(StepDraft.user_id == user_id, StepDraft.step == step)
    stmt = stmt.where(
        StepDraft.case_id.is_(None) if case_id is None else StepDraft.case_id == case_id
    )
    return db.scalars(stmt.order_by(StepDraft.id.desc())).first()
