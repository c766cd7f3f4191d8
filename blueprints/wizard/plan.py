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

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, SIGNED_PLAN_STATUSES, PlanStatus, Stage
from models.operations.drafts import drop_draft
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
from models.queries.requirement import Requirement
from policy.hours import fmt_hours
from policy.stages import BEFORE_MEETING_HELD, CaseFacts

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
    render_step,
    save_or_conflict,
    version_matches,
)
from .order import refuse_out_of_order
from .plan_preview import (
    blockers_mark,
    current_version,
    declined,
    marks_text,
    plan_blockers,
    requirement_of,
    row_mark,
    typed_facts,
)

READY_MESSAGE = "Plan ready to sign. Read it with the client below, then both of you sign it here."


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
    form.prepare(case.county, declined=declined(case))
    return form


def _requirement(case: MutualCase, form: PlanForm) -> Requirement:
    return requirement_of(case, form.period_start.data, form.period_end.data)


def _form_totals(case: MutualCase, form: PlanForm) -> Totals:
    rows, errors = form.activity_inputs(case.county.uses_1811)
    return totals(case, _requirement(case, form), rows, errors, form.period_end.data)


def _typed_facts(case: MutualCase, form: PlanForm, sums: Totals) -> CaseFacts:
    sources = [row.source.data for row in form.filled_activities()]
    # The saved version as it is now (after a lost race too), as the case's own facts read it.
    saved = current_version(case)
    return typed_facts(case, saved, sources, form.sw_agreement_on.data is not None, sums)


def _shown(form: PlanForm, sums: Totals, facts: CaseFacts, sign_next: bool) -> str:
    """The page's preview_shown: what each row's checks and "To finish" show as rendered, so
    the first preview after this page sends only what the typing changed (plan_preview)."""
    rows = [
        row_mark(sums, i, show_error=not e.form.hours.errors, unsaved=len(e.form.errors))
        for i, e in enumerate(form.activities)
    ]
    return marks_text(rows, blockers_mark(plan_blockers(facts), sign_next))


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
        form.prepare(case.county, declined=declined(case))
        sums = _form_totals(case, form)
        extra.setdefault("facts", _typed_facts(case, form, sums))
        sign_next = case.stage == Stage.PLAN_PENDING_SIGNATURE  # as render_step says it
        extra["preview_shown"] = _shown(form, sums, extra["facts"], sign_next)
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
    version = current_version(case)
    if not editable(version):
        page = _render(case, None, version)
    else:
        data, draft = form_input(db, case.id, "plan")
        page = _render(case, _form(case, version, data), version, draft=draft)
    db.commit()
    return page


@bp.post("/cases/<int:case_id>/plan/kind")
@roles_required(*CASE_EDITORS)
def plan_kind(case_id: int) -> Any:
    """htmx only: the "Kind of activity" list of one row, for what "Comes from" says now."""
    case = load_case(case_id)
    if not is_htmx_request():
        return redirect(url_for("wizard.plan", case_id=case.id), 303)
    row = request.args.get("row", type=int)
    form = _form(case, current_version(case), request.form)
    if row is None or not 0 <= row < len(form.activities.entries):
        abort(404)
    entry = form.activities.entries[row].form
    label = case.county.cw_division_label
    if kind_mismatch(entry.kind.data or "", entry.source.data or "", label):
        entry.kind.data = ""  # the kind chosen before does not fit: choose again
    form.prepare_row(entry, label, declined=declined(case))
    return render_template("wizard/_plan_kind.html", a=entry, row=row, case=case)


@bp.post("/cases/<int:case_id>/plan")
@roles_required(*CASE_EDITORS)
def plan_post(case_id: int) -> Any:
    case = load_case(case_id)
    if (refused := refuse_out_of_order(case, "plan")) is not None:
        return refused
    db = get_db()
    version = current_version(case)
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
        "required_from": form.required_from.data,
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
        version = current_version(case)
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
    form.prepare(case.county, declined=declined(case))
    return form
