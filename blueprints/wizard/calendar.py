"""Track: the client's calendar of both agencies (issue 15). The past 2 weeks and the next 8, by
day: court dates, the joint meeting, noncompliance appointments and the plan's weekly sessions
read from their own tables, and the entries the EC records here; a child-welfare obligation over
a WTW session is flagged with the good-cause route (policy.calendar_conflicts)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user

from models.calendar import CalendarEntry
from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, GoodCauseReason
from models.operations.calendar import add_entry, delete_entry, update_entry
from models.queries.calendar import case_calendar, entries_of
from models.queries.contacts import open_changes
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required
from ..clock import today
from ..errors import render_error
from ..forms.calendar import EntryForm
from .blueprint import bp
from .common import ended, load_case, render_step


def _form(case: MutualCase, data: Any = None, entry: CalendarEntry | None = None) -> EntryForm:
    if data is not None:
        form = EntryForm(formdata=data)
    elif entry is not None:
        form = EntryForm(formdata=None, obj=entry)
        form.kind.data, form.agency.data = entry.kind.value, entry.agency.value
        form.repeat_until.data = entry.repeat_until if entry.repeats_weekly else None
    else:
        form = EntryForm(formdata=None, data={"on": today()})
    form.today = today()
    return form.prepare(case.county.cw_division_label)


def _render(
    case: MutualCase, form: EntryForm | None = None, entry: CalendarEntry | None = None
) -> str:
    db = get_db()
    calendar = case_calendar(db, case, today())
    return render_step(
        "wizard/calendar.html",
        case,
        "track",
        calendar=calendar,
        entries=entries_of(db, case),
        entry_form=form or _form(case, entry=entry),
        editing=entry,
        reason_label=GoodCauseReason.label_of,
        today=today(),
        read_only=case.stage in ENDED_STAGES,
        to_reevaluate=open_changes(db, case),
        form=form,
    )


def _entry_on_case(case: MutualCase, entry_id: int) -> CalendarEntry | None:
    """The entry if it is this case's; else an authz_denied row (the caller answers 404)."""
    db = get_db()
    entry = db.get(CalendarEntry, entry_id)
    if entry is None or entry.case_id != case.id:
        audit.record(
            db, "authz_denied", outcome="denied", object_type="calendar_entry", object_id=entry_id
        )
        db.commit()
        return None
    return entry


def _entry_to_change(case: MutualCase, entry_id: int) -> CalendarEntry | Any:
    """The entry a change or a removal acts on, or the answer that refuses: 404 when it is not
    this case's, 409 when the case has ended."""
    entry = _entry_on_case(case, entry_id)
    if entry is None:
        return render_error(404, "That entry is not on this case's calendar.")
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    return entry


def _back(case: MutualCase) -> Any:
    return redirect(url_for("wizard.calendar", case_id=case.id, _anchor="calendar-days"), 303)


@bp.get("/cases/<int:case_id>/calendar")
@roles_required(*CASE_EDITORS)
def calendar(case_id: int) -> Any:
    case = load_case(case_id, viewed="calendar")
    page = _render(case)
    get_db().commit()
    return page


@bp.post("/cases/<int:case_id>/calendar")
@roles_required(*CASE_EDITORS)
def calendar_add(case_id: int) -> Any:
    case = load_case(case_id)
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    form = _form(case, request.form)
    if not form.validate():
        return _render(case, form)
    db = get_db()
    entry = add_entry(db, case, form.values(), current_user.id)
    db.flush()
    audit.record(
        db, "calendar_add", case_id=case.id, object_type="calendar_entry", object_id=entry.id
    )
    db.commit()
    flash(f"{entry.kind_label} on {entry.on:%m/%d/%Y} added to the calendar.")
    return _back(case)


@bp.get("/cases/<int:case_id>/calendar/<int:entry_id>")
@roles_required(*CASE_EDITORS)
def calendar_entry(case_id: int, entry_id: int) -> Any:
    case = load_case(case_id, viewed="calendar")
    entry = _entry_on_case(case, entry_id)
    if entry is None:
        return render_error(404, "That entry is not on this case's calendar.")
    page = _render(case, entry=entry)
    get_db().commit()
    return page


@bp.post("/cases/<int:case_id>/calendar/<int:entry_id>")
@roles_required(*CASE_EDITORS)
def calendar_edit(case_id: int, entry_id: int) -> Any:
    case = load_case(case_id)
    entry = _entry_to_change(case, entry_id)
    if not isinstance(entry, CalendarEntry):
        return entry
    form = _form(case, request.form)
    if not form.validate():
        return _render(case, form, entry)
    db = get_db()
    changed = update_entry(db, case, entry, form.values(), current_user.id)
    audit.record(
        db, "calendar_edit", case_id=case.id, object_type="calendar_entry", object_id=entry.id
    )
    db.commit()
    flash("Entry saved." if changed else "Nothing changed.")
    return _back(case)


@bp.post("/cases/<int:case_id>/calendar/<int:entry_id>/delete")
@roles_required(*CASE_EDITORS)
def calendar_delete(case_id: int, entry_id: int) -> Any:
    case = load_case(case_id)
    entry = _entry_to_change(case, entry_id)
    if not isinstance(entry, CalendarEntry):
        return entry
    db = get_db()
    words = f"{entry.kind_label} on {entry.on:%m/%d/%Y}"
    delete_entry(db, case, entry, current_user.id)
    audit.record(
        db, "calendar_delete", case_id=case.id, object_type="calendar_entry", object_id=entry_id
    )
    db.commit()
    flash(f"{words} removed from the calendar.")
    return _back(case)
