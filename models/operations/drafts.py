"""Keep what the EC typed as a draft (`step_draft`) and drop it once saved or discarded."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from models.base import utcnow
from models.drafts import StepDraft
from models.queries.drafts import find_draft

# The CSRF token is not typed; "preview_shown" is what the plan page's live panel shows (the
# preview's own bookkeeping, blueprints/wizard/plan_preview.py), not what the EC typed.
NEVER_KEPT = frozenset({"csrf_token", "preview_shown"})


MAX_DRAFT_BYTES = 200_000


def keep_draft(
    db: Session, user_id: int, case_id: int | None, step: str, form: MultiDict[str, str]
) -> StepDraft | None:
    """Store the fields as typed (multi-valued fields keep their order). Returns None when the
    input is too large to be a real form, so a misbehaving client cannot fill the database.

    The draft is written only when what was typed changed: htmx posts the whole form after every
    pause in typing and again on leaving a field, and most of those posts repeat the draft. The
    stored text itself is the fingerprint (same fields, same order, same JSON), so the check is
    exact and needs no column; an unchanged draft keeps the time it was last changed."""
    pairs = [[k, v] for k, v in form.items(multi=True) if k not in NEVER_KEPT]
    data = json.dumps(pairs)
    if len(data) > MAX_DRAFT_BYTES:
        return None
    draft = find_draft(db, user_id, case_id, step)
    if draft is None:
        draft = StepDraft(user_id=user_id, case_id=case_id, step=step)
        db.add(draft)
    elif draft.data == data:
        return draft
    draft.data = data
    draft.saved_at = utcnow()
    return draft


def drop_draft(db: Session, user_id: int, case_id: int | None, step: str) -> None:
    draft = find_draft(db, user_id, case_id, step)
    if draft is not None:
        db.delete(draft)
