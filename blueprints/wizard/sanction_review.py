"""The supervisor's review before any sanction (R-GC-08): the unit's episodes waiting for it,
with what was checked, and approve (SANCTIONED from the earliest action date, or today if later)
or return with a note. Supervisors only; a case outside the unit is a 404."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from models.db import get_db
from models.enums import NoncomplianceStatus, Role, SanctionReview
from models.operations.noncompliance import NoncomplianceRefused
from models.operations.sanction import review_sanction
from models.queries.noncompliance import (
    pending_review_count,
    pending_reviews,
    review_target,
    sanction_check,
    schedule_of,
)
from models.users import User
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required, visible_cases
from ..clock import today
from ..errors import render_error
from ..forms.noncompliance import ReviewForm
from .blueprint import bp
from .common import ended, version_matches


def review_nav(user: Any) -> str:
    """The navigation link's words for a supervisor ("" for anyone else): one COUNT query."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.SUPERVISOR:
        return ""
    return f"Sanctions to review ({pending_review_count(get_db(), visible_cases(user))})"


def render_queue(
    rows: list[dict[str, Any]], *, problem: str = "", form: Any = None, status: int = 200
) -> tuple[str, int]:
    page = render_template("wizard/sanction_review.html", rows=rows, problem=problem, form=form)
    return page, status


def _form(episode_id: int, data: Any = None) -> ReviewForm:
    return ReviewForm(formdata=data, prefix=f"review-{episode_id}")


def _rows(failed: dict[int, ReviewForm] | None = None) -> list[dict[str, Any]]:
    db = get_db()
    now = today()
    rows = []
    for episode, case in pending_reviews(db, visible_cases(current_user)):
        schedule = schedule_of(db, case, episode)
        requester = db.get(User, episode.sanction_requested_by_id or 0)
        rows.append(
            {
                "ep": episode,
                "case": case,
                "schedule": schedule,
                "check": sanction_check(db, case, episode, now, schedule),
                "requested_by": requester.name if requester else "",
                "form": (failed or {}).get(episode.id) or _form(episode.id),
            }
        )
    return rows


@bp.get("/review/sanctions")
@roles_required(Role.SUPERVISOR)
def sanction_review_queue() -> Any:
    page = render_queue(_rows())
    get_db().commit()
    return page


@bp.post("/review/sanctions/<int:episode_id>")
@roles_required(Role.SUPERVISOR)
def sanction_review_post(episode_id: int) -> Any:
    db = get_db()
    target = review_target(db, visible_cases(current_user), episode_id)
    if target is None:
        audit.record(
            db,
            "authz_denied",
            outcome="denied",
            object_type="noncompliance_episode",
            object_id=episode_id,
        )
        db.commit()
        return render_error(404, "That noncompliance is not in your unit.")
    episode, case = target
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    if episode.status != NoncomplianceStatus.SANCTION_REVIEW:
        flash("That sanction was already decided: nothing was changed.")
        return redirect(url_for("wizard.sanction_review_queue"), 303)
    if not version_matches(request.form.get("version"), episode.version_id):
        problem = (
            f"The noncompliance of {case.participant.display_name} changed after you opened "
            "this page: nothing was saved. Read it again below."
        )
        return render_queue(_rows(), problem=problem, status=409)
    form = _form(episode.id, request.form)
    if not form.validate():
        return render_queue(_rows({episode.id: form}), form=form)
    decision = SanctionReview(form.decision.data)
    now = today()
    schedule = schedule_of(db, case, episode)
    check = sanction_check(db, case, episode, now, schedule)
    try:
        note = form.note.data or ""
        review_sanction(db, case, episode, decision, note, check, schedule, now, current_user.id)
        db.flush()
    except NoncomplianceRefused as exc:
        db.rollback()
        field = form[exc.field] if exc.field and exc.field in form else form.decision
        field.errors = [*field.errors, str(exc)]
        return render_queue(_rows({episode_id: form}), form=form)
    audit.record(
        db,
        "sanction_review",
        case_id=case.id,
        object_type="noncompliance_episode",
        object_id=episode.id,
        detail={"decision": decision.value},
    )
    db.commit()
    name = case.participant.display_name
    if decision == SanctionReview.APPROVED:
        flash(f"Sanction approved for {name}, from {episode.sanction_effective_on:%m/%d/%Y}.")
    else:
        flash(f"Returned to the worker for {name}: no sanction.")
    return redirect(url_for("wizard.sanction_review_queue"), 303)
