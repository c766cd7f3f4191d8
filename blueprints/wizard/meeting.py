"""Step 3, Joint meeting: the target date (R-MT-01/02, §e Q1-Q3), scheduling and holding the
meeting (R-MT-08), the agenda (R-MT-03/04), referrals and the integration decision (R-MT-05).

The meeting is saved even when the case cannot move on yet; the page then says why (§c7)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, ReferralProgram, Stage
from models.meeting import AGENDA_ITEMS, TOPICS, Meeting
from models.operations.drafts import drop_draft
from models.operations.meeting import (
    advance,
    apply_meeting,
    due_info,
    referral_programs,
)
from models.programs import Referral
from models.queries.case_facts import latest_meeting

from .. import audit
from ..access import roles_required
from ..clock import today
from ..forms.checks import options
from ..forms.meeting import MeetingForm, role_labels
from .blueprint import bp
from .common import (
    PACIFIC,
    conflict_context,
    form_input,
    load_case,
    render_step,
    save_or_conflict,
    version_matches,
)
from .order import refuse_out_of_order

ATTENDEE_ROWS = 4
STEP = "meeting"


def _version(meeting: Meeting | None) -> str:
    """The meeting's version; empty means "no meeting yet" (the first save creates it)."""
    return "" if meeting is None else str(meeting.version_id)


def _version_ok(sent: str | None, meeting: Meeting | None) -> bool:
    if meeting is None:
        return not (sent or "").strip()
    return version_matches(sent, meeting.version_id)


def _existing_referrals(case: MutualCase) -> dict[str, Any]:
    rows = get_db().scalars(select(Referral).where(Referral.case_id == case.id))
    return {r.program: r.referred_on for r in rows}


def _form(case: MutualCase, meeting: Meeting | None, data: Any = None, fresh: bool = False) -> Any:
    """The posted form, a draft, or the saved record (``fresh``: ignore what was posted)."""
    if data is not None:
        form = MeetingForm(formdata=data)
    elif request.method == "POST" and not fresh:
        form = MeetingForm()
    else:
        form = MeetingForm(
            formdata=None,
            data=MeetingForm.data_for(case, meeting, list(_existing_referrals(case)), PACIFIC),
        )
    county = case.county
    form.existing_referrals = frozenset(_existing_referrals(case))
    programs = referral_programs(county.offers_fsp, county.offers_bfh)
    form.referrals.choices = options((p, ReferralProgram(p).label) for p in programs)
    return form


def _pad(form: Any, county: Any) -> None:
    """Four attendee rows (and always one empty) so people can be added without JavaScript."""
    blank = sum(1 for entry in form.attendees if entry.form.is_blank())
    while len(form.attendees) < ATTENDEE_ROWS or blank < 1:
        form.attendees.append_entry()
        blank += 1
    roles = options(role_labels(county).items())
    for entry in form.attendees:
        entry.form.role.choices = roles


def _render(case: MutualCase, form: Any, meeting: Meeting | None, **extra: Any) -> str:
    db = get_db()
    _pad(form, case.county)
    held = bool(meeting and meeting.held_on)
    return render_step(
        "wizard/meeting.html",
        case,
        STEP,
        form=form,
        meeting=meeting,
        held=held,
        due=due_info(db, case, today(), held),
        existing=_existing_referrals(case),
        topics=case.county.code == "santa_clara",  # R-MT-04 is Santa Clara's rule
        agenda_names=[name for name, _label in AGENDA_ITEMS],
        topic_names=[name for name, _label in TOPICS],
        **extra,
    )


def _save(
    case: MutualCase, record: Meeting | None, form: Any, now: Any
) -> tuple[Meeting, tuple[str, ...]]:
    """Apply the form, move the stage as far as allowed, and log it; the caller commits."""
    db = get_db()
    due = due_info(db, case, now, held=bool(form.held_on.data))
    values = form.values(santa_clara=case.county.code == "santa_clara", zone=PACIFIC)
    record = apply_meeting(
        db, case, record, values, user_id=current_user.id, today=now, due=due, zone=PACIFIC
    )
    blocked = advance(db, case, record, current_user.id)
    drop_draft(db, current_user.id, case.id, STEP)
    audit.record(
        db,
        "meeting_save",
        case_id=case.id,
        object_type="meeting",
        object_id=record.id,
        detail={"stage": case.stage.value},
    )
    return record, blocked


@bp.get("/cases/<int:case_id>/meeting")
@roles_required(*CASE_EDITORS)
def meeting(case_id: int) -> Any:
    case = load_case(case_id, viewed=STEP)
    db = get_db()
    data, draft = form_input(db, case.id, STEP)
    record = latest_meeting(db, case)
    page = _render(case, _form(case, record, data), record, draft=draft)
    db.commit()
    return page


@bp.post("/cases/<int:case_id>/meeting")
@roles_required(*CASE_EDITORS)
def meeting_post(case_id: int) -> Any:
    case = load_case(case_id)
    if (refused := refuse_out_of_order(case, "meeting")) is not None:
        return refused
    db = get_db()
    record = latest_meeting(db, case)
    form = _form(case, record)
    if not form.validate():
        return _render(case, form, record)
    if not _version_ok(form.version.data, record):
        form.version.data = _version(record)
        return _render(case, form, record, **conflict_context(db, case, STEP))
    now = today()
    saved, result = save_or_conflict(db, lambda: _save(case, record, form, now))
    if not saved or result is None:
        case = load_case(case_id)
        record = latest_meeting(db, case)
        form.version.data = _version(record)
        return _render(case, form, record, **conflict_context(db, case, STEP))
    record, blocked = result
    if blocked:
        # Saved; the form now shows the saved record (and its new version) with the reasons.
        return _render(case, _form(case, record, fresh=True), record, blocked=list(blocked))
    if case.stage == Stage.MEETING_HELD:
        flash("Meeting saved. Next: build the plan with the client.")
        return redirect(url_for("wizard.plan", case_id=case.id))
    if case.stage == Stage.INTEGRATION_DECLINED:
        flash(
            "Meeting saved. The client declined integration: the case continues with separate "
            f"{case.county.cw_division_label} and {case.county.wtw_program_label} plans (R-MT-05)."
        )
    else:
        flash("Meeting saved.")
    return redirect(url_for("wizard.meeting", case_id=case.id))
