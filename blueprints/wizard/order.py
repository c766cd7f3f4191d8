"""Steps in order (security.md 12): a step's form is accepted only once the steps before it
are done (``policy.stages.accepts``). An early post changes nothing and answers 409; what was
typed is kept as a draft."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.operations.drafts import keep_draft
from policy.stages import ENDED_STAGES, accepts
from policy.steps import STEP_LABELS, step_of

from ..errors import render_error


def refuse_out_of_order(case: MutualCase, step: str, draft_step: str = "") -> Any | None:
    """None when the step may be saved now; otherwise the 409 response. ``draft_step`` names
    the draft when the step has more than one form (the joint meeting's "meeting_held")."""
    if accepts(step, case.stage):
        return None
    db = get_db()
    keep_draft(db, current_user.id, case.id, draft_step or step, request.form)
    db.commit()
    now = STEP_LABELS[step_of(case.stage.value)]
    if case.stage in ENDED_STAGES:
        why = f"This case is “{case.stage_label}”, so this step cannot be changed."
    else:
        why = f"“{STEP_LABELS[step]}” comes later: finish “{now}” first."
    return render_error(409, f"{why} Nothing was saved; what you typed is kept as a draft.")
