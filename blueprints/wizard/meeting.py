"""Step 3, Joint meeting, in two short forms on one Meeting row per case:

1. "Schedule the meeting" (this module): date, time, where (or phone/video) and who is invited,
   next to the target date (R-MT-01/02, §e Q1-Q3, R-MT-08);
2. "Record the meeting held" (meeting_held.py): the day it took place, who was there, the
   county's agenda (R-MT-03/04, R-MT-06), the integration decision and referrals (R-MT-05).

A meeting may be held earlier than scheduled, or recorded without being scheduled at all. Each
form is saved even when the case cannot move on yet; the page then says why (§c7)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS
from models.meeting import Meeting
from models.operations.drafts import drop_draft
from models.operations.meeting import (
    advance,
    due_info,
    local_parts,
    schedule_meeting,
    when_text,
)
from models.queries.case_facts import latest_meeting
from policy.county_time import COUNTY_ZONE

from .. import audit
from ..access import roles_required
from ..clock import today
from ..forms.meeting import ScheduleForm, interpreter_language, pad_people, set_earliest
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

STEP = "meeting"

Render = Callable[..., str]


@dataclass(frozen=True)
class Saved:
    """A meeting form saved: the case, its meeting and why the case could not move on."""

    case: MutualCase
    meeting: Meeting
    blocked: tuple[str, ...]


def meeting_version(meeting: Meeting | None) -> str:
    """The meeting's version; empty means "no meeting yet" (the first save creates it)."""
    return "" if meeting is None else str(meeting.version_id)


def _version_ok(sent: str | None, meeting: Meeting | None) -> bool:
    if meeting is None:
        return not (sent or "").strip()
    return version_matches(sent, meeting.version_id)


def render_meeting(
    part: str, case: MutualCase, form: Any, meeting: Meeting | None, **extra: Any
) -> str:
    """A meeting page (``part``: schedule | record): its form, where both parts stand and the
    target date."""
    pad_people(form.attendees, case.county)
    held = bool(meeting and meeting.held_on)
    day, time = local_parts(meeting.scheduled_at if meeting else None, COUNTY_ZONE)
    template = "wizard/meeting.html" if part == "schedule" else "wizard/meeting_held.html"
    return render_step(
        template,
        case,
        STEP,
        part=part,
        form=form,
        meeting=meeting,
        held=held,
        scheduled_day=day,
        scheduled_time=time.strftime("%-I:%M %p") if time else "",
        due=due_info(get_db(), case, today(), held),
        **extra,
    )


def save_meeting_form(
    case_id: int,
    draft_step: str,
    make_form: Callable[[MutualCase, Meeting | None], Any],
    render: Render,
    work: Callable[[MutualCase, Meeting | None, Any], Meeting],
) -> Saved | Any:
    """Both forms' POST: in order, valid, not stale, then saved with the stage moves. Returns
    what was saved, else the response to send."""
    case = load_case(case_id)
    if (refused := refuse_out_of_order(case, STEP, draft_step)) is not None:
        return refused
    db = get_db()
    record = latest_meeting(db, case)
    form = make_form(case, record)
    if not form.validate():
        return render(case, form, record)
    if not _version_ok(form.version.data, record):
        form.version.data = meeting_version(record)
        return render(case, form, record, **conflict_context(db, case, draft_step))

    def save() -> tuple[Meeting, tuple[str, ...]]:
        saved = work(case, record, form)
        blocked = advance(db, case, saved, current_user.id)
        drop_draft(db, current_user.id, case.id, draft_step)
        audit.record(
            db,
            "meeting_save",
            case_id=case.id,
            object_type="meeting",
            object_id=saved.id,
            detail={"form": draft_step, "stage": case.stage.value},
        )
        return saved, blocked

    done, result = save_or_conflict(db, save)
    if not done or result is None:
        case = load_case(case_id)
        record = latest_meeting(db, case)
        form.version.data = meeting_version(record)
        return render(case, form, record, **conflict_context(db, case, draft_step))
    saved, blocked = result
    return Saved(case, saved, blocked)


def _form(case: MutualCase, meeting: Meeting | None, data: Any = None, fresh: bool = False) -> Any:
    """The posted form, a draft, or the saved record (``fresh``: ignore what was posted)."""
    if data is not None:
        form = ScheduleForm(formdata=data)
    elif request.method == "POST" and not fresh:
        form = ScheduleForm()
    else:
        form = ScheduleForm(formdata=None, data=ScheduleForm.data_for(case, meeting, COUNTY_ZONE))
    set_earliest(form, case)
    return form


def _render(case: MutualCase, form: Any, meeting: Meeting | None, **extra: Any) -> str:
    return render_meeting(
        "schedule",
        case,
        form,
        meeting,
        interpreter=interpreter_language(case),
        **extra,
    )


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
    def work(case: MutualCase, record: Meeting | None, form: Any) -> Meeting:
        held = bool(record and record.held_on)
        return schedule_meeting(
            get_db(),
            case,
            record,
            form.values(COUNTY_ZONE),
            user_id=current_user.id,
            due=due_info(get_db(), case, today(), held),
            zone=COUNTY_ZONE,
        )

    result = save_meeting_form(case_id, STEP, _form, _render, work)
    if not isinstance(result, Saved):
        return result
    case, record, blocked = result.case, result.meeting, result.blocked
    if blocked:
        # Saved; the form now shows the saved record (and its new version) with the reasons.
        return _render(case, _form(case, record, fresh=True), record, blocked=list(blocked))
    flash(
        f"Meeting scheduled for {when_text(record.scheduled_at, COUNTY_ZONE)} "
        f"({record.place_label}). Once it has taken place, record it under “Record the "
        "meeting held”."
    )
    return redirect(url_for("wizard.meeting", case_id=case.id), 303)
