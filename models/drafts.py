"""Unsaved form input kept as the EC types, so a timeout or a closed tab never loses it.

A draft belongs to one user, one case (or no case yet, for a new identification) and one step.
It holds the raw form fields; the step's page fills its form from it until the EC saves or
discards. Drafts are never applied to the case by themselves.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column
from werkzeug.datastructures import MultiDict

from .base import Base, UTCDateTime, utcnow

NEVER_KEPT = frozenset({"csrf_token"})
MAX_DRAFT_BYTES = 200_000


class StepDraft(Base):
    __tablename__ = "step_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    step: Mapped[str] = mapped_column(String(20))
    data: Mapped[str] = mapped_column(Text, default="[]")
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def formdata(self) -> MultiDict[str, str]:
        return MultiDict([tuple(pair) for pair in json.loads(self.data)])


def find_draft(db: Session, user_id: int, case_id: int | None, step: str) -> StepDraft | None:
    stmt = select(StepDraft).where(StepDraft.user_id == user_id, StepDraft.step == step)
    stmt = stmt.where(
        StepDraft.case_id.is_(None) if case_id is None else StepDraft.case_id == case_id
    )
    return db.scalars(stmt.order_by(StepDraft.id.desc())).first()


def keep_draft(
    db: Session, user_id: int, case_id: int | None, step: str, form: MultiDict[str, str]
) -> StepDraft | None:
    """Store the fields as typed (multi-valued fields keep their order). Returns None when the
    input is too large to be a real form, so a misbehaving client cannot fill the database."""
    pairs = [[k, v] for k, v in form.items(multi=True) if k not in NEVER_KEPT]
    data = json.dumps(pairs)
    if len(data) > MAX_DRAFT_BYTES:
        return None
    draft = find_draft(db, user_id, case_id, step)
    if draft is None:
        draft = StepDraft(user_id=user_id, case_id=case_id, step=step)
        db.add(draft)
    draft.data = data
    draft.saved_at = utcnow()
    return draft


def drop_draft(db: Session, user_id: int, case_id: int | None, step: str) -> None:
    draft = find_draft(db, user_id, case_id, step)
    if draft is not None:
        db.delete(draft)
