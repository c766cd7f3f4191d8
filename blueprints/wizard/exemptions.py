"""Track: exemptions (R-EX-01..12, R-DA-01..02) with their end and review, ending one, and the
participation status the EC chooses: mandatory, exempt, or exempt and volunteering (R-EX-09).

The young-child length and the domestic-abuse review interval are county settings (§e Q12,
§e Q11); the page says which one is in force.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.compliance import Exemption
from models.db import get_db
from models.enums import CASE_EDITORS
from models.operations.exemptions import ExemptionRefused, end_exemption, record_exemption
from models.operations.participation import (
    NoExemptionInEffect,
    StatusNotSetHere,
    choose_participation,
)
from models.queries.compliance import (
    EXEMPTION_DECIDER,
    EXEMPTION_DECIDER_WORDS,
    STATUSES_SET_HERE,
    exemptions_in_effect,
    exemptions_of,
    in_effect_on,
)
from models.queries.contacts import open_changes
from policy.exemptions import DA_REVIEW_MONTHS_AB969, YOUNG_CHILD_MONTHS_MIN
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required
from ..clock import today
from ..errors import render_error
from ..forms.exemptions import ExemptionForm
from ..forms.good_cause import EndsOnForm
from ..forms.participation import ParticipationForm
from .blueprint import bp
from .common import ended, load_case, render_step
from .good_cause import status_context


def young_child_words(months: int) -> str:
    return "12 weeks" if months == YOUNG_CHILD_MONTHS_MIN else f"{months} months"


def _form(case: MutualCase, data: Any = None) -> ExemptionForm:
    if data is not None:
        form = ExemptionForm(formdata=data)
    else:
        decider = EXEMPTION_DECIDER.get(case.county.code, "")
        form = ExemptionForm(formdata=None, data={"start_on": today(), "decided_by": decider})
    form.prepare(young_child_words(case.county.young_child_exemption_months))
    form.decided_by.description = f"In this county {EXEMPTION_DECIDER_WORDS[case.county.code]}."
    return form


def _end_form(exemption: Exemption, data: Any = None) -> EndsOnForm:
    prefix = f"end-{exemption.id}"
    if data is not None:
        form = EndsOnForm(formdata=data, prefix=prefix)
    else:
        form = EndsOnForm(formdata=None, prefix=prefix, data={"ends_on": today()})
    form.ends_on.label.text = "Exemption ends on"
    form.starts = exemption.start_on
    return form


def _participation_form(case: MutualCase, data: Any = None) -> ParticipationForm:
    if data is not None:
        return ParticipationForm(formdata=data, prefix="participation")
    status = case.participant.wtw_status
    chosen = status.value if status in STATUSES_SET_HERE else None
    return ParticipationForm(formdata=None, prefix="participation", data={"status": chosen})


def _render(case: MutualCase, **forms: Any) -> str:
    db = get_db()
    now = today()
    exemptions = exemptions_of(db, case)
    open_ids = {e.id for e in exemptions if in_effect_on(e, now)}
    end_forms = {e.id: _end_form(e) for e in exemptions if e.id in open_ids}
    end_forms |= forms.get("end_forms") or {}
    county = case.county
    failed = forms.get("exemption_form") or forms.get("participation_form")
    return render_step(
        "wizard/exemptions.html",
        case,
        "track",
        exemption_form=forms.get("exemption_form") or _form(case),
        participation_form=forms.get("participation_form") or _participation_form(case),
        exemptions=exemptions,
        open_ids=open_ids,
        end_forms=end_forms,
        status_settable=case.participant.wtw_status in STATUSES_SET_HERE,
        any_in_effect=bool(exemptions_in_effect(db, case.participant_id, now)),
        young_child=young_child_words(county.young_child_exemption_months),
        da_months=county.da_review_months,
        da_months_ab969=DA_REVIEW_MONTHS_AB969,
        read_only=case.stage in ENDED_STAGES,
        to_reevaluate=open_changes(db, case),
        form=failed or next(iter((forms.get("end_forms") or {}).values()), None),
        **status_context(case),
    )


@bp.get("/cases/<int:case_id>/exemptions")
@roles_required(*CASE_EDITORS)
def exemptions(case_id: int) -> Any:
    case = load_case(case_id, viewed="exemptions")
    page = _render(case)
    get_db().commit()
    return page


@bp.post("/cases/<int:case_id>/exemptions")
@roles_required(*CASE_EDITORS)
def exemption_post(case_id: int) -> Any:
    case = load_case(case_id)
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    form = _form(case, request.form)
    if not form.validate():
        return _render(case, exemption_form=form)
    db = get_db()
    try:
        result = record_exemption(db, case, form.values(), current_user.id, today())
    except ExemptionRefused as exc:
        db.rollback()
        form[exc.field].errors.append(str(exc))
        return _render(case, exemption_form=form)
    db.flush()
    audit.record(
        db,
        "exemption_add",
        case_id=case.id,
        object_type="exemption",
        object_id=result.exemption.id,
    )
    db.commit()
    status = case.participant.wtw_status
    if not result.in_effect:
        after = "" if result.exemption.start_on <= today() else " yet"
        flash(
            f"Exemption recorded. It is not in effect today{after}: the status stays {status.label}."
        )
    elif result.status_kept is not None:
        flash(
            f"Exemption recorded. The status stays {status.label}: an exemption during a "
            "noncompliance or sanction is settled on the noncompliance page (R-EX-12)."
        )
    else:
        flash(f"Exemption recorded. WTW status: {status.label}, 0 hours required (R-EX-09).")
    return redirect(url_for("wizard.exemptions", case_id=case.id, _anchor="exemption-list"), 303)


@bp.post("/cases/<int:case_id>/exemptions/<int:exemption_id>/end")
@roles_required(*CASE_EDITORS)
def exemption_end(case_id: int, exemption_id: int) -> Any:
    case = load_case(case_id)
    db = get_db()
    exemption = db.get(Exemption, exemption_id)
    if exemption is None or exemption.case_id != case.id:
        audit.record(
            db, "authz_denied", outcome="denied", object_type="exemption", object_id=exemption_id
        )
        db.commit()
        return render_error(404, "That exemption is not on this case.")
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    form = _end_form(exemption, request.form)
    if not form.validate():
        return _render(case, end_forms={exemption.id: form})
    try:
        changed = end_exemption(db, case, exemption, form.ends_on.data, current_user.id, today())
    except ExemptionRefused as exc:
        db.rollback()
        flash(str(exc))
        return redirect(url_for("wizard.exemptions", case_id=case.id), 303)
    audit.record(
        db, "exemption_end", case_id=case.id, object_type="exemption", object_id=exemption.id
    )
    db.commit()
    words = " WTW status: Mandatory." if changed else ""
    flash(f"Exemption ends on {form.ends_on.data:%m/%d/%Y}.{words}")
    return redirect(url_for("wizard.exemptions", case_id=case.id), 303)


@bp.post("/cases/<int:case_id>/participation")
@roles_required(*CASE_EDITORS)
def participation_post(case_id: int) -> Any:
    case = load_case(case_id)
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    form = _participation_form(case, request.form)
    if not form.validate():
        return _render(case, participation_form=form)
    db = get_db()
    try:
        changed = choose_participation(db, case, form.chosen(), current_user.id, today())
    except (NoExemptionInEffect, StatusNotSetHere) as exc:
        db.rollback()
        form.status.errors.append(str(exc))
        return _render(case, participation_form=form)
    if changed:
        audit.record(
            db,
            "wtw_status_set",
            case_id=case.id,
            object_type="participant",
            object_id=case.participant_id,
            detail={"status": form.chosen().value},
        )
    db.commit()
    status = case.participant.wtw_status
    flash(
        f"WTW status: {status.label}."
        if changed
        else f"No change: the status was already {status.label}."
    )
    return redirect(url_for("wizard.exemptions", case_id=case.id, _anchor="participation"), 303)
