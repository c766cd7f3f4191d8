"""Step 4, Plan: activities with hours, supportive services, plan period and the social worker's
agreement, with live totals that never stack requirements (R-CF-01..10, R-PL-03..08, R-MT-07).

The page works as a plain form; htmx posts it to the preview endpoint as the EC types, which
keeps a draft and answers with the totals panel plus each row's findings (out of band, so the
inputs being typed in are never replaced). Signing and the printed forms come in their own step.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, SIGNED_PLAN_STATUSES, IntegrationConsent, PlanStatus
from models.operations.drafts import drop_draft, keep_draft
from models.operations.plan import (
    Totals,
    editable,
    mark_ready,
    reopen,
    save_plan,
    totals,
    version_inputs,
)
from models.plan import PlanVersion
from models.queries.case_facts import find_plan
from models.queries.requirement import Requirement, requirement_for
from policy.hours import fmt_hours
from policy.stages import BEFORE_MEETING_HELD

from .. import audit
from ..access import roles_required
from ..clock import today
from ..forms.plan import PlanForm
from ..htmx import is_htmx_request
from .blueprint import bp
from .common import (
    conflict_context,
    form_input,
    load_case,
    local,
    render_step,
    save_or_conflict,
    version_matches,
)
from .order import refuse_out_of_order

READY_MESSAGE = "Plan ready to sign. Signing and the printed forms come next."


def _declined(case: MutualCase) -> bool:
    return case.integration_consent == IntegrationConsent.DECLINED


def _current(case: MutualCase) -> PlanVersion | None:
    plan = find_plan(get_db(), case)
    return plan.current if plan else None


def _form(case: MutualCase, version: PlanVersion | None, data: Any = None) -> PlanForm:
    """The draft or what was posted when there is one, else the saved plan (or defaults)."""
    if data is not None:
        form = PlanForm(formdata=data)
    elif request.method == "POST":
        form = PlanForm()
    else:
        form = PlanForm(
            formdata=None,
            data=PlanForm.data_for(version, case.participant.preferred_language, today()),
        )
    form.prepare(case.county, declined=_declined(case))
    return form


def _requirement(case: MutualCase, form: PlanForm) -> Requirement:
    start = form.period_start.data or today()
    end = form.period_end.data
    return requirement_for(case, start, end if end and end > start else None)


def _form_totals(case: MutualCase, form: PlanForm) -> Totals:
    rows, errors = form.activity_inputs(case.county.uses_1811)
    return totals(case, _requirement(case, form), rows, errors)


def _render(
    case: MutualCase, form: PlanForm | None, version: PlanVersion | None, **extra: Any
) -> str:
    if form is None:  # read-only: a signed version is shown as it was saved
        assert version is not None
        requirement = Requirement(version.requirement, version.requirement_basis)
        sums = totals(case, requirement, version_inputs(version))
    else:
        form.pad()
        form.prepare(case.county, declined=_declined(case))
        sums = _form_totals(case, form)
    return render_step(
        "wizard/plan.html",
        case,
        "plan",
        form=form,
        version=version,
        plan=version.plan if version else None,
        readonly=form is None,
        status_label=version.status.label if version else "",
        can_sign=bool(version and version.status == PlanStatus.AGREED_WITH_SW),
        can_amend=bool(version and version.status in SIGNED_PLAN_STATUSES),
        amendment_draft=bool(
            version and version.version_no > 1 and version.status == PlanStatus.DRAFT
        ),
        draft_only=case.stage in BEFORE_MEETING_HELD,
        t=sums,
        hours=fmt_hours,
        **extra,
    )


@bp.get("/cases/<int:case_id>/plan")
@roles_required(*CASE_EDITORS)
def plan(case_id: int) -> Any:
    case = load_case(case_id, viewed="plan")
    db = get_db()
    version = _current(case)
    if not editable(version):
        page = _render(case, None, version)
    else:
        data, draft = form_input(db, case.id, "plan")
        page = _render(case, _form(case, version, data), version, draft=draft)
    db.commit()
    return page


@bp.post("/cases/<int:case_id>/plan/preview")
@roles_required(*CASE_EDITORS)
def plan_preview(case_id: int) -> Any:
    """htmx only: keep the draft, answer with the totals and each row's findings."""
    case = load_case(case_id)
    if not is_htmx_request():
        return redirect(url_for("wizard.plan", case_id=case.id), 303)
    db = get_db()
    version = _current(case)
    if not editable(version):
        assert version is not None
        requirement = Requirement(version.requirement, version.requirement_basis)
        sums = totals(case, requirement, version_inputs(version))
        return render_template("wizard/_plan_preview.html", t=sums, form=None, hours=fmt_hours)
    form = _form(case, version, request.form)
    draft = keep_draft(db, current_user.id, case.id, "plan", request.form)
    db.commit()
    return render_template(
        "wizard/_plan_preview.html",
        t=_form_totals(case, form),
        form=form,
        hours=fmt_hours,
        draft_saved=local(draft.saved_at) if draft else "",
        draft_too_large=draft is None,
    )


@bp.post("/cases/<int:case_id>/plan")
@roles_required(*CASE_EDITORS)
def plan_post(case_id: int) -> Any:
    case = load_case(case_id)
    if (refused := refuse_out_of_order(case, "plan")) is not None:
        return refused
    db = get_db()
    version = _current(case)
    if not editable(version):
        flash(
            "This plan version is signed and cannot be changed: nothing was saved. To change "
            "the plan, press “Amend the plan” to start a new version that is signed again."
        )
        return redirect(url_for("wizard.plan", case_id=case.id), 303)
    form = _form(case, version)
    if "add_row" in request.form or "add_service" in request.form:
        # No JavaScript: one more blank row, everything typed kept, nothing saved.
        form.pad()
        rows = form.activities if "add_row" in request.form else form.services
        rows.append_entry()
        return _render(case, form, version)
    if not form.validate():
        return _render(case, form, version)
    current = version.version_id if version else 0
    if not version_matches(form.version.data, current):
        form.version.data = str(current)
        return _render(case, form, version, **conflict_context(db, case, "plan"))
    rows, _ = form.activity_inputs(case.county.uses_1811)
    values = {
        "period_start": form.period_start.data,
        "period_end": form.period_end.data,
        "language": form.language.data,
        "sw_agreement_on": form.sw_agreement_on.data,
    }
    requirement = _requirement(case, form)
    agreed = version is not None and version.status == PlanStatus.AGREED_WITH_SW
    ready = "ready" in request.form

    def work() -> tuple[PlanVersion, bool, tuple[str, ...]]:
        saved_version, changes = save_plan(
            db, case, values, rows, form.service_inputs(), requirement, current_user.id
        )
        if agreed and changes and not ready:
            reopen(db, case, saved_version, current_user.id)
        reasons = mark_ready(db, case, saved_version, current_user.id) if ready else ()
        drop_draft(db, current_user.id, case.id, "plan")
        audit.record(
            db,
            "plan_save",
            case_id=case.id,
            object_type="plan_version",
            object_id=saved_version.id,
            detail={"activities": len(rows), "ready": ready, "blocked": bool(reasons)},
        )
        return saved_version, changes, tuple(reasons)

    saved, result = save_or_conflict(db, work)
    if not saved or result is None:
        case = load_case(case_id)
        version = _current(case)
        form.version.data = str(version.version_id if version else 0)
        return _render(case, form, version, **conflict_context(db, case, "plan"))
    version, changes, reasons = result
    if reasons:
        return _render(case, _form_saved(case, version), version, blocked=list(reasons))
    if ready:
        flash(READY_MESSAGE)
        return redirect(url_for("wizard.track", case_id=case.id))
    flash(
        "Plan saved."
        if not (agreed and changes)
        else "Plan saved. It changed, so mark it ready to sign again."
    )
    return redirect(url_for("wizard.plan", case_id=case.id))


def _form_saved(case: MutualCase, version: PlanVersion) -> PlanForm:
    form = PlanForm(
        formdata=None,
        data=PlanForm.data_for(version, case.participant.preferred_language, today()),
    )
    form.prepare(case.county, declined=_declined(case))
    return form
