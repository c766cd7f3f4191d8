"""Autosaved drafts: htmx posts the form as the EC types; the step page restores it."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from models.db import get_db
from models.enums import CASE_EDITORS
from models.operations.drafts import drop_draft, keep_draft

from ..access import roles_required
from ..htmx import is_htmx_request
from .blueprint import bp
from .common import DRAFT_STEPS, has_changes, load_case, local

_STEPS = ",".join(DRAFT_STEPS)


def _saved(draft: Any) -> Any:
    if draft is None:
        return render_template("wizard/_draft_status.html", too_large=True), 413
    return render_template("wizard/_draft_status.html", saved_at=local(draft.saved_at))


@bp.post(f"/cases/<int:case_id>/<any({_STEPS}):step>/draft")
@roles_required(*CASE_EDITORS)
def draft_save(case_id: int, step: str) -> Any:
    case = load_case(case_id)
    db = get_db()
    draft = keep_draft(db, current_user.id, case.id, step, request.form)
    try:
        if has_changes(db):
            db.commit()
    except StaleDataError:
        # The step was saved (which drops its draft) while this autosave was on its way: what
        # was typed is in the saved record now, so the draft is not brought back.
        db.rollback()
        return render_template("wizard/_draft_status.html", applied=True)
    if not is_htmx_request():  # only htmx autosaves here; a plain post goes back to the page
        return redirect(url_for(f"wizard.{step}", case_id=case.id), 303)
    return _saved(draft)


@bp.post(f"/cases/<int:case_id>/<any({_STEPS}):step>/draft/discard")
@roles_required(*CASE_EDITORS)
def draft_discard(case_id: int, step: str) -> Any:
    case = load_case(case_id)
    db = get_db()
    drop_draft(db, current_user.id, case.id, step)
    db.commit()
    return redirect(url_for(f"wizard.{step}", case_id=case.id, draft="discarded"))


@bp.post("/cases/new/draft")
@roles_required(*CASE_EDITORS)
def new_draft_save() -> Any:
    db = get_db()
    draft = keep_draft(db, current_user.id, None, "identify", request.form)
    if has_changes(db):
        db.commit()
    if not is_htmx_request():
        return redirect(url_for("wizard.new"), 303)
    return _saved(draft)


@bp.post("/cases/new/draft/discard")
@roles_required(*CASE_EDITORS)
def new_draft_discard() -> Any:
    db = get_db()
    drop_draft(db, current_user.id, None, "identify")
    db.commit()
    return redirect(url_for("wizard.new", draft="discarded"))
