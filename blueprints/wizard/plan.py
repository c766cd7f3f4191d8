"""Step 4, Plan: activities with hours, supportive services, plan period and the social worker's
agreement, with live totals that never stack requirements (R-CF-01..10, R-PL-03..08, R-MT-07).

The page works as a plain form; htmx posts it to the preview endpoint as the EC types, which
keeps a draft and answers with the totals panel plus each row's findings and the "To finish"
list (out of band, so the inputs being typed in are never replaced). Changing where a row comes
from swaps in that row's list of kinds (plan_kind); without JavaScript the save checks the kind.
"To finish" reads what is typed, not only what was saved. "Save and mark ready to sign" lands on
the signing page.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

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
from models.queries.case_facts import case_facts, find_plan
from models.queries.requirement import Requirement, requirement_for
from policy.hours import fmt_hours
from policy.stages import BEFORE_MEETING_HELD, CaseFacts
from policy.steps import progress, step_of

from .. import audit
from ..access import roles_required
from ..clock import today
from ..forms.plan import PlanForm
from ..forms.plan_rows import kind_mismatch
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

READY_MESSAGE = "Plan ready to sign. Read it with the client below, then both of you sign it here."


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
    return totals(case, _requirement(case, form), rows, errors, form.period_end.data)


def _typed_facts(case: MutualCase, form: PlanForm, sums: Totals) -> CaseFacts:
    """The case's facts with the plan as typed, so "To finish" never asks for an activity that
    is on the screen (saved or not) nor forgets one that is missing."""
    filled = form.filled_activities()
    return replace(
        case_facts(get_db(), case),
        plan_activities=len(filled),
        plan_cfs_activities=sum(1 for row in filled if row.source.data == "cfs"),
        plan_errors=tuple(f.message for f in sums.findings if f.severity == "error"),
        sw_agreement=form.sw_agreement_on.data is not None,
    )


def _render(
    case: MutualCase,
    form: PlanForm | None,
    version: PlanVersion | None,
    *,
    pad: bool = True,
    **extra: Any,
) -> str:
    if form is None:  # read-only: a signed version is shown as it was saved
        assert version is not None
        requirement = Requirement(version.requirement, version.requirement_basis)
        sums = totals(case, requirement, version_inputs(version), plan_end=version.period_end)
    else:
        if pad:
            form.pad()
        form.prepare(case.county, declined=_declined(case))
        sums = _form_totals(case, form)
        extra.setdefault("facts", _typed_facts(case, form, sums))
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
    try:
        db.commit()
    except StaleDataError:  # the plan was saved (its draft dropped) while this was on its way
        db.rollback()
        return "", 204  # nothing to show: the page that asked is being replaced
    sums = _form_totals(case, form)
    facts = _typed_facts(case, form, sums)
    return render_template(
        "wizard/_plan_preview.html",
        t=sums,
        form=form,
        case=case,
        hours=fmt_hours,
        draft_saved=local(draft.saved_at) if draft else "",
        draft_too_large=draft is None,
        # The "To finish" list follows the typing while Plan is the step being worked on.
        blockers=[s for s in progress(facts) if s.step == "plan" and s.state == "current"]
        if step_of(facts.stage) == "plan"
        else [],
        sign_next=False,
    )


@bp.post("/cases/<int:case_id>/plan/kind")
@roles_required(*CASE_EDITORS)
def plan_kind(case_id: int) -> Any:
    """htmx only: the "Kind of activity" list of one row, for what "Comes from" says now."""
    case = load_case(case_id)
    if not is_htmx_request():
        return redirect(url_for("wizard.plan", case_id=case.id), 303)
    row = request.args.get("row", type=int)
    form = _form(case, _current(case), request.form)
    if row is None or not 0 <= row < len(form.activities.entries):
        abort(404)
    entry = form.activities.entries[row].form
    label = case.county.cw_division_label
    if kind_mismatch(entry.kind.data or "", entry.source.data or "", label):
        entry.kind.data = ""  # the kind chosen before does not fit: choose again
    form.prepare_row(entry, label, declined=_declined(case))
    return render_template("wizard/_plan_kind.html", a=entry, row=row, case=case)


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
        # One more blank row, everything typed kept, nothing saved; the new row takes the focus
        # (autofocus), so even without JavaScript the page opens on it.
        adding = "add_row" in request.form
        position = form.add_row(form.activities if adding else form.services)
        focus = f"activities-{position}-name" if adding else f"services-{position}-kind"
        return _render(case, form, version, pad=False, focus=focus)
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
        return redirect(url_for("documents.sign", case_id=case.id), 303)
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
