"""Step 3, Joint meeting, second form: "Record the meeting held" (see meeting.py). Held on any
day from the case's identification up to today: earlier than scheduled is normal, and a meeting
held on the spot is recorded without scheduling it first."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, ReferralProgram, Stage
from models.meeting import TOPICS, Meeting, agenda_for
from models.operations.meeting import due_info, record_meeting, referral_programs
from models.programs import Referral
from models.queries.case_facts import latest_meeting
from policy.county_time import COUNTY_ZONE

from ..access import roles_required
from ..clock import today
from ..forms.checks import options
from ..forms.meeting import set_earliest
from ..forms.meeting_held import RecordForm
from .blueprint import bp
from .common import form_input, load_case
from .meeting import Saved, render_meeting, save_meeting_form

DRAFT = "meeting_held"


def _existing_referrals(case: MutualCase) -> dict[str, Any]:
    rows = get_db().scalars(select(Referral).where(Referral.case_id == case.id))
    return {r.program: r.referred_on for r in rows}


def _form(case: MutualCase, meeting: Meeting | None, data: Any = None, fresh: bool = False) -> Any:
    """The posted form, a draft, or the saved record (``fresh``: ignore what was posted)."""
    existing = _existing_referrals(case)
    if data is not None:
        form = RecordForm(formdata=data)
    elif request.method == "POST" and not fresh:
        form = RecordForm()
    else:
        form = RecordForm(formdata=None, data=RecordForm.data_for(case, meeting, list(existing)))
    county = case.county
    set_earliest(form, case)
    # Earlier or later than scheduled, or never scheduled (held on the spot): any day from the
    # assignment up to today.
    event = "assigned" if form.earliest_is_assignment else "identified"
    form.held_on.description = (
        "The day it took place, even if earlier or later than scheduled: from "
        f"{form.earliest:%m/%d/%Y} (case {event}) up to today, as MM/DD/YYYY."
    )
    form.existing_referrals = frozenset(existing)
    programs = referral_programs(county.offers_fsp, county.offers_bfh)
    form.referrals.choices = options((p, ReferralProgram(p).label) for p in programs)
    for name, label in agenda_for(county.code):  # Orange's points have their own words
        form[name].label.text = label
    return form


def _render(case: MutualCase, form: Any, meeting: Meeting | None, **extra: Any) -> str:
    santa_clara = case.county.code == "santa_clara"  # R-MT-04 is Santa Clara's rule
    return render_meeting(
        "record",
        case,
        form,
        meeting,
        draft_step=DRAFT,
        existing=_existing_referrals(case),
        agenda_names=[name for name, _label in agenda_for(case.county.code)],
        topic_names=[name for name, _label in TOPICS] if santa_clara else [],
        **extra,
    )


@bp.get("/cases/<int:case_id>/meeting/held")
@roles_required(*CASE_EDITORS)
def meeting_held(case_id: int) -> Any:
    case = load_case(case_id, viewed=DRAFT)
    db = get_db()
    data, draft = form_input(db, case.id, DRAFT)
    record = latest_meeting(db, case)
    page = _render(case, _form(case, record, data), record, draft=draft)
    db.commit()
    return page


@bp.post("/cases/<int:case_id>/meeting/held")
@roles_required(*CASE_EDITORS)
def meeting_held_post(case_id: int) -> Any:
    def work(case: MutualCase, record: Meeting | None, form: Any) -> Meeting:
        return record_meeting(
            get_db(),
            case,
            record,
            form.values(case.county.code),
            user_id=current_user.id,
            due=due_info(get_db(), case, today(), held=True),
            zone=COUNTY_ZONE,
        )

    result = save_meeting_form(case_id, DRAFT, _form, _render, work)
    if not isinstance(result, Saved):
        return result
    case, record, blocked = result.case, result.meeting, result.blocked
    if blocked:
        return _render(case, _form(case, record, fresh=True), record, blocked=list(blocked))
    held = f"{record.held_on:%m/%d/%Y}"
    if case.stage == Stage.MEETING_HELD:
        flash(f"Meeting held on {held} recorded. Next: build the plan with the client.")
        return redirect(url_for("wizard.plan", case_id=case.id), 303)
    if case.stage == Stage.INTEGRATION_DECLINED:
        flash(
            f"Meeting held on {held} recorded. The client declined integration: the case "
            f"continues with separate {case.county.cw_division_label} and "
            f"{case.county.wtw_program_label} plans (R-MT-05)."
        )
    else:
        flash(f"Meeting held on {held} recorded.")
    return redirect(url_for("wizard.meeting_held", case_id=case.id), 303)
