"""The newest unsaved draft of a user's step on a case."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from models.drafts import StepDraft

_MINE = select(StepDraft).where(
    StepDraft.user_id == bindparam("user_id"), StepDraft.step == bindparam("step")
)
# Built once: the plan preview looks for its draft on every pause in typing (issue 14).
_ON_CASE = _MINE.where(StepDraft.case_id == bindparam("case_id")).order_by(StepDraft.id.desc())
_NO_CASE = _MINE.where(StepDraft.case_id.is_(None)).order_by(StepDraft.id.desc())


def find_draft(db: Session, user_id: int, case_id: int | None, step: str) -> StepDraft | None:
    if case_id is None:
        return db.scalars(_NO_CASE, {"user_id": user_id, "step": step}).first()
    params = {"user_id": user_id, "step": step, "case_id": case_id}
    return db.scalars(_ON_CASE, params).first()
