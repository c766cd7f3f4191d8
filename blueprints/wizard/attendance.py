"""Track: a week of attendance (SCD/SCZ 1811 A), recorded as a plain form or a row at a time
with htmx, with the week's totals as they are typed (R-CF-03, R-HR-06, E33)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from models.base import utcnow
from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS
from models.operations.attendance import AttendanceRefused, record_week
from models.queries.attendance import WeekGrid, week_grid
from models.queries.case_facts import find_plan
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required
from ..clock import today
from ..converters import form_id
from ..forms.attendance import WeekForm, week_label
from ..htmx import is_htmx_request
from .attendance_view import (
    ROWS_MISMATCH,
    first_recordable_week,
    rows_by_id,
    rows_mismatch,
    too_early,
    typed_totals,
    week_form,
)
from .blueprint import bp
from .common import last_change, load_case, local, save_or_conflict
from .track import render_track


def _load(case_id: int, monday: date) -> tuple[MutualCase, WeekGrid | None]:
    case = load_case(case_id)
    db = get_db()
    return case, week_grid(db, case, find_plan(db, case), monday)


def _refusal(case: MutualCase, grid: WeekGrid | None, monday: date) -> str:
    if monday.weekday() != 0 or monday > today():
        return "Weeks start on a Monday and cannot be recorded before they begin."
    if grid is None:
        return "Attendance is recorded against a signed plan; this case has none yet."
    if problem := too_early(monday, first_recordable_week(find_plan(get_db(), case))):
        return problem
    if case.stage in ENDED_STAGES:
        return f"This case is “{case.stage_label}”: its attendance can no longer change."
    return ""


def _stale_rows(grid: WeekGrid, form: WeekForm, only: int | None) -> list[str]:
    """Rows someone else saved since this form was shown (optimistic concurrency)."""
    stale = []
    for activity_id, sent in form.versions().items():
        row = next((r for r in grid.rows if r.activity.id == activity_id), None)
        if row is None or (only is not None and activity_id != only):
            continue
        current = str(row.entry.version_id) if row.entry else "0"
        if sent != current:
            stale.append(row.activity.name)
    return stale


def _take_current_versions(form: WeekForm, grid: WeekGrid) -> None:
    current = {str(r.activity.id): str(r.entry.version_id if r.entry else 0) for r in grid.rows}
    for entry in form.rows:
        entry.form.version.data = current.get(entry.form.activity_id.data or "", "0")


def _save(case: MutualCase, grid: WeekGrid, form: WeekForm, only: int | None) -> tuple[str, str]:
    """(status, message): "saved", "nothing", "conflict" or "refused"."""
    db = get_db()
    stale = _stale_rows(grid, form, only)
    if stale:
        event = last_change(db, case.id)
        who = event.user.name if event and event.user else "another worker"
        return "conflict", (
            f"{who} saved {', '.join(stale)} for this week while you were editing. Nothing was "
            "saved. Your hours are still in the form: reload the week to see theirs, or save "
            "again to replace them."
        )
    try:
        saved, changes = save_or_conflict(
            db,
            lambda: record_week(db, case, grid, form.inputs(only), current_user.id, utcnow()),
        )
    except AttendanceRefused as exc:
        db.rollback()
        return "refused", str(exc)
    if not saved:
        return "conflict", "Someone saved this week at the same moment. Nothing was saved."
    audit.record(db, "attendance_save", case_id=case.id, object_type="week", object_id=grid.monday)
    db.commit()
    if not changes:
        return "nothing", "Nothing had changed."
    return "saved", f"Attendance for the week of {week_label(grid.monday)} saved."


@bp.post("/cases/<int:case_id>/track/week/<isodate:monday>")
@roles_required(*CASE_EDITORS)
def week_post(case_id: int, monday: date) -> Any:
    """Plain form: save the week (or the one row whose "Save row" was pressed)."""
    case, grid = _load(case_id, monday)
    back = url_for("wizard.track", case_id=case.id, week=monday.isoformat(), _anchor="attendance")
    if problem := _refusal(case, grid, monday):
        flash(problem)
        return redirect(back, 303)
    assert grid is not None
    form = week_form(grid, request.form)
    if rows_mismatch(grid, form):
        return render_track(case, monday, week_problem=ROWS_MISMATCH)
    only = form_id(request.form.get("save_row"))
    if not form.validate():
        return render_track(case, monday, form=form)
    status, message = _save(case, grid, form, only)
    if status in ("conflict", "refused"):
        fresh = week_grid(get_db(), case, find_plan(get_db(), case), monday)
        if status == "conflict" and fresh is not None:
            _take_current_versions(form, fresh)  # the next save replaces theirs knowingly
        return render_track(case, monday, form=form, week_problem=message)
    flash(message)
    return redirect(back, 303)


@bp.post("/cases/<int:case_id>/track/week/<isodate:monday>/preview")
@roles_required(*CASE_EDITORS)
def week_preview(case_id: int, monday: date) -> Any:
    """htmx only: the week's totals with what is typed, nothing saved."""
    case, grid = _load(case_id, monday)
    if not is_htmx_request() or grid is None:
        return redirect(url_for("wizard.track", case_id=case.id, week=monday.isoformat()), 303)
    totals, problem = typed_totals(grid, week_form(grid, request.form))
    return render_template(
        "wizard/_attendance_totals.html", totals=totals, totals_problem=problem, grid=grid
    )


@bp.post("/cases/<int:case_id>/track/week/<isodate:monday>/row/<int:activity_id>")
@roles_required(*CASE_EDITORS)
def week_row(case_id: int, monday: date, activity_id: int) -> Any:
    """htmx: save one row in place; answers the row and, out of band, the week's totals."""
    case, grid = _load(case_id, monday)
    if not is_htmx_request():
        return week_post(case_id, monday)
    if problem := _refusal(case, grid, monday):
        return _message_response(case, monday, problem)
    assert grid is not None
    form = week_form(grid, request.form)
    if rows_mismatch(grid, form):
        return _message_response(case, monday, ROWS_MISMATCH)
    entry = next((e for e in form.rows if e.form.activity_id.data == str(activity_id)), None)
    if entry is None:
        return render_template("wizard/_attendance_message.html", message="Row not found."), 404
    if not form.validate():
        return _row_response(case, grid, entry, "", status=422)
    status, message = _save(case, grid, form, activity_id)
    fresh = week_grid(get_db(), case, find_plan(get_db(), case), monday)
    assert fresh is not None
    fresh_form = week_form(fresh)
    fresh_entry = next(e for e in fresh_form.rows if e.form.activity_id.data == str(activity_id))
    if status in ("conflict", "refused"):
        return _row_response(case, fresh, fresh_entry, message, status=409)
    return _row_response(case, fresh, fresh_entry, message)


def _message_response(case: MutualCase, monday: date, message: str) -> Any:
    """A refusal that is not about the row (the week cannot be recorded, the rows sent are not
    the week's): an alert above the week's form, not put in place of the row (htmx swaps 409
    answers: templates/base.html responseHandling)."""
    html = render_template(
        "wizard/_attendance_week_problem.html", case=case, week=monday, week_problem=message
    )
    headers = {"HX-Retarget": "#week-form", "HX-Reswap": "beforebegin"}
    return html, 409, headers


def _row_response(
    case: MutualCase, grid: WeekGrid, entry: Any, message: str, status: int = 200
) -> Any:
    rows = rows_by_id(grid)
    html = render_template(
        "wizard/_attendance_row_response.html",
        case=case,
        grid=grid,
        entry=entry,
        row=rows[entry.form.activity_id.data],
        message=message,
        totals=grid.totals,
        local=local,
    )
    return html, status
