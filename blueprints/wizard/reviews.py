"""Track: "review done" on the Good cause, Exemptions and Reunification pages. The monthly
good-cause review (R-GC-06), an exemption's review (R-DA-02, R-EX-10) and the 6-month
redetermination of reunification services (R-FR-08) are recorded with one button; the next date
moves on and the item leaves the due list. Each form sends back the date it showed, so a second
click (or a second tab) does not skip a period: a date that has moved meanwhile is refused."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, make_response, redirect, request, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.compliance import Exemption, GoodCause
from models.db import get_db
from models.enums import CASE_EDITORS
from models.operations.reviews import (
    NoReviewDue,
    exemption_reviewed,
    fr_redetermined,
    good_cause_reviewed,
)
from models.programs import ReunificationRecord
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required
from ..clock import today
from ..errors import render_error
from .blueprint import bp
from .common import ended, load_case


def _to_review(
    case_id: int, model: Any, object_id: int, object_type: str, missing: str, due_field: str
) -> tuple[MutualCase, Any]:
    """(case, record) whose review is being recorded; else the request ends with the answer that
    refuses: 404 (audited) when the record is not on the case, 409 when the case has ended or
    when the date the form showed is no longer the one due."""
    case = load_case(case_id)
    db = get_db()
    record = db.get(model, object_id)
    if record is None or record.case_id != case.id:
        audit.record(
            db, "authz_denied", outcome="denied", object_type=object_type, object_id=object_id
        )
        db.commit()
        abort(make_response(render_error(404, missing)))
    if case.stage in ENDED_STAGES:
        abort(make_response(render_error(409, ended(case))))
    if problem := _moved(getattr(record, due_field)):
        abort(make_response(render_error(409, problem)))
    return case, record


def _moved(current: Any) -> str:
    """Why nothing was saved when the date the form showed is no longer the one due ("" if it
    still is)."""
    if request.form.get("due", "") == (current.isoformat() if current else ""):
        return ""
    now = f"now {current:%m/%d/%Y}" if current else "none is waiting now"
    return f"This was already recorded ({now}): nothing was saved."


def _next_words(day: Any) -> str:
    return f" Next review {day:%m/%d/%Y}." if day else " No further review is scheduled."


@bp.post("/cases/<int:case_id>/good-cause/<int:good_cause_id>/reviewed")
@roles_required(*CASE_EDITORS)
def good_cause_reviewed_post(case_id: int, good_cause_id: int) -> Any:
    missing = "That good cause is not on this case."
    case, record = _to_review(
        case_id, GoodCause, good_cause_id, "good_cause", missing, "next_review_on"
    )
    db = get_db()
    try:
        after = good_cause_reviewed(db, case, record, current_user.id, today())
    except NoReviewDue as exc:
        db.rollback()
        return render_error(409, str(exc))
    audit.record(
        db, "good_cause_review", case_id=case.id, object_type="good_cause", object_id=record.id
    )
    db.commit()
    flash("Good cause review recorded." + _next_words(after))
    return redirect(
        url_for("wizard.good_cause", case_id=case.id, _anchor=f"good-cause-{record.id}"), 303
    )


@bp.post("/cases/<int:case_id>/exemptions/<int:exemption_id>/reviewed")
@roles_required(*CASE_EDITORS)
def exemption_reviewed_post(case_id: int, exemption_id: int) -> Any:
    missing = "That exemption is not on this case."
    case, exemption = _to_review(
        case_id, Exemption, exemption_id, "exemption", missing, "review_on"
    )
    db = get_db()
    try:
        after = exemption_reviewed(
            db, case, exemption, current_user.id, today(), case.county.da_review_months
        )
    except NoReviewDue as exc:
        db.rollback()
        return render_error(409, str(exc))
    audit.record(
        db, "exemption_review", case_id=case.id, object_type="exemption", object_id=exemption.id
    )
    db.commit()
    flash("Exemption review recorded." + _next_words(after))
    return redirect(
        url_for("wizard.exemptions", case_id=case.id, _anchor=f"exemption-{exemption.id}"), 303
    )


@bp.post("/cases/<int:case_id>/programs/reunification/<int:record_id>/redetermined")
@roles_required(*CASE_EDITORS)
def reunification_redetermined(case_id: int, record_id: int) -> Any:
    missing = "That family reunification record is not on this case."
    case, record = _to_review(
        case_id, ReunificationRecord, record_id, "reunification_record", missing, "rd_due_on"
    )
    db = get_db()
    try:
        after = fr_redetermined(db, case, record, current_user.id, today())
    except NoReviewDue as exc:
        db.rollback()
        return render_error(409, str(exc))
    audit.record(
        db,
        "reunification_redetermined",
        case_id=case.id,
        object_type="reunification_record",
        object_id=record.id,
    )
    db.commit()
    words = f" Next one due {after:%m/%d/%Y}." if after else " None is due before the services end."
    flash("Redetermination recorded." + words)
    return redirect(url_for("wizard.programs", case_id=case.id, _anchor=f"fr-{record.id}"), 303)
