"""Track: significant changes and the re-evaluation of participation each one opens (R-ID-10,
R-CL-06); "amend the plan" goes straight into the amendment (R-PL-10)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, ChangeResolution
from models.operations.changes import AlreadyResolved, record_change, resolve_change
from models.operations.signing import NothingToAmend
from models.queries.contacts import changes_of, open_changes
from models.tracking import ChangeReport
from policy.stages import ENDED_STAGES, may_start_closing

from .. import audit
from ..access import roles_required
from ..clock import today
from ..errors import render_error
from ..forms.changes import ChangeForm, ResolveForm
from .blueprint import bp
from .common import ended, load_case, render_step


def _change_form(case: MutualCase, data: Any = None) -> ChangeForm:
    form = (
        ChangeForm(formdata=data)
        if data is not None
        else ChangeForm(formdata=None, data={"reported_on": today()})
    )
    form.earliest = case.identified_on
    return form


def _resolve_form(change_id: int, data: Any = None) -> ResolveForm:
    # One form per change on the page: the prefix keeps their fields (and ids) apart.
    return ResolveForm(formdata=data, prefix=f"change-{change_id}")


def _render(
    case: MutualCase,
    *,
    change_form: ChangeForm | None = None,
    resolve_forms: dict[int, ResolveForm] | None = None,
) -> str:
    db = get_db()
    failed = change_form or next(iter((resolve_forms or {}).values()), None)
    waiting = open_changes(db, case)
    forms = {c.id: _resolve_form(c.id) for c in waiting} | (resolve_forms or {})
    return render_step(
        "wizard/changes.html",
        case,
        "track",
        change_form=change_form or _change_form(case),
        changes=changes_of(db, case),
        to_reevaluate=waiting,
        resolve_forms=forms,
        resolutions=ChangeResolution.choices(),
        read_only=case.stage in ENDED_STAGES,
        form=failed,  # the error summary above the page
    )


@bp.get("/cases/<int:case_id>/changes")
@roles_required(*CASE_EDITORS)
def changes(case_id: int) -> Any:
    case = load_case(case_id, viewed="changes")
    page = _render(case)
    get_db().commit()
    return page


@bp.post("/cases/<int:case_id>/changes")
@roles_required(*CASE_EDITORS)
def change_post(case_id: int) -> Any:
    case = load_case(case_id)
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    form = _change_form(case, request.form)
    if not form.validate():
        return _render(case, change_form=form)
    db = get_db()
    report = record_change(db, case, form.values(), current_user.id)
    db.flush()
    audit.record(
        db, "change_report_add", case_id=case.id, object_type="change_report", object_id=report.id
    )
    db.commit()
    flash(f"{report.kind_label} recorded. Decide below what it means for the plan.")
    return redirect(url_for("wizard.changes", case_id=case.id, _anchor="open-changes"), 303)


@bp.post("/cases/<int:case_id>/changes/<int:change_id>/resolve")
@roles_required(*CASE_EDITORS)
def change_resolve(case_id: int, change_id: int) -> Any:
    case = load_case(case_id)
    db = get_db()
    report = db.get(ChangeReport, change_id)
    if report is None or report.case_id != case.id:
        audit.record(
            db, "authz_denied", outcome="denied", object_type="change_report", object_id=change_id
        )
        db.commit()
        return render_error(404, "That change is not on this case.")
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    form = _resolve_form(report.id, request.form)
    if not form.validate():
        return _render(case, resolve_forms={report.id: form})
    resolution = ChangeResolution(form.resolution.data)
    if resolution == ChangeResolution.START_CLOSING and not may_start_closing(case.stage):
        flash("The case is already closing: finish it on the Close step.")
    try:
        amendment = resolve_change(
            db, case, report, resolution, form.note.data or "", current_user.id, today()
        )
        audit.record(
            db,
            "change_report_resolve",
            case_id=case.id,
            object_type="change_report",
            object_id=report.id,
            detail={"resolution": resolution.value},
        )
        db.commit()
    except AlreadyResolved as exc:
        db.rollback()
        flash(str(exc))
        return redirect(url_for("wizard.changes", case_id=case.id), 303)
    except NothingToAmend as exc:
        db.rollback()
        problems = {report.id: form}
        form.resolution.errors = [str(exc)]
        return _render(case, resolve_forms=problems)
    except (IntegrityError, StaleDataError):
        db.rollback()
        flash("Another worker changed the plan at the same moment: nothing was saved. Try again.")
        return redirect(url_for("wizard.changes", case_id=case.id), 303)
    if amendment is not None:
        flash(
            f"Amendment started: version {amendment.version_no}. Change the plan for the "
            f"{report.kind_label.lower()}, record the social worker's agreement, then sign again."
        )
        return redirect(url_for("wizard.plan", case_id=case.id), 303)
    if resolution == ChangeResolution.START_CLOSING:
        flash("Recorded. Record the closure facts below to close the case.")
        return redirect(url_for("wizard.close", case_id=case.id), 303)
    flash("Recorded: no change to the plan.")
    return redirect(url_for("wizard.changes", case_id=case.id), 303)
