"""The attendance part of the Track page: which week, its form pre-filled from the signed plan,
the totals with what is typed, the month's average and the chart (R-CF-03, R-HR-06, §e Q5)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from models.cases import MutualCase
from models.db import get_db
from models.plan import Plan
from models.queries.attendance import (
    GridRow,
    WeekGrid,
    chart_weeks,
    entry_for_policy,
    monday_of,
    month_summary,
    signed_versions,
    week_grid,
)
from models.queries.case_facts import find_plan
from policy.county_time import county_date
from policy.date_bounds import Limit, first_week
from policy.stages import ENDED_STAGES
from policy.tracking import WeekEntry, WeekTotals, week_totals

from ..clock import today
from ..forms.attendance import WeekForm, parse_recorded_hours, week_label
from .chart import week_chart


def default_week() -> date:
    """The week just past: the one an EC records on Monday morning."""
    return monday_of(today()) - timedelta(weeks=1)


def first_recordable_week(plan: Plan | None) -> tuple[date, Limit] | None:
    """The first week attendance is recorded for: the week the first signed plan began (its
    period start, or the day it was signed if that came first; issue 13)."""
    versions = signed_versions(plan)
    if not versions:
        return None
    first = versions[0]
    signed = county_date(first.signed_client_at) if first.signed_client_at else None
    starts = [
        Limit(day, what)
        for day, what in (
            (first.period_start, "the day the plan started"),
            (signed, "the day the plan was signed"),
        )
        if day is not None
    ]
    return first_week(min(starts, key=lambda limit: limit.on)) if starts else None


def too_early(week: date, first: tuple[date, Limit] | None) -> str:
    """Why a week before the plan cannot be recorded ("" when it can)."""
    if first is None or week >= first[0]:
        return ""
    monday, limit = first
    return (
        f"Attendance is recorded from the week of {monday:%m/%d/%Y}, the week of "
        f"{limit.what} ({limit.on:%m/%d/%Y}): earlier weeks cannot be recorded."
    )


def clamp_week(case: MutualCase, week: date, note: str) -> tuple[date, str]:
    """A week asked for before the plan began: the first week instead, with a message."""
    first = first_recordable_week(find_plan(get_db(), case))
    problem = too_early(week, first)
    if problem and first is not None:
        return first[0], f"{problem} Showing the first week."
    return week, note


def chosen_week(raw: str | None) -> tuple[date, str]:
    """The Monday asked for in ``?week=``, or last week with a message saying why not."""
    if not raw:
        return default_week(), ""
    try:
        asked = date.fromisoformat(raw)
    except ValueError:
        return default_week(), "That week could not be read; showing last week."
    if asked > today():
        return default_week(), "Weeks that have not started cannot be recorded; showing last week."
    return monday_of(asked), ""


def week_form(grid: WeekGrid, data: Any = None) -> WeekForm:
    """What was sent, or (formdata=None: never the request's own fields) the saved week."""
    if data is not None:
        form = WeekForm(formdata=data)
    else:
        form = WeekForm(formdata=None, data=WeekForm.data_for(grid))
    form.week_start = grid.monday
    return form


def rows_by_id(grid: WeekGrid) -> dict[str, GridRow]:
    return {str(row.activity.id): row for row in grid.rows}


ROWS_MISMATCH = (
    "The rows sent are not this week's plan activities (the plan may have changed since the "
    "page was opened). Nothing was saved. The week is shown as saved: enter the hours again."
)


def rows_mismatch(grid: WeekGrid, form: WeekForm) -> bool:
    """A posted row whose activity is not in the week's plan, or a row sent twice: the form
    cannot be shown back as typed (each row is drawn from its activity), nor saved."""
    sent = [entry.form.activity_id.data or "" for entry in form.rows]
    return len(set(sent)) != len(sent) or not set(sent) <= rows_by_id(grid).keys()


def attendance_context(
    case: MutualCase, week: date, form: WeekForm | None = None, **extra: Any
) -> dict[str, Any]:
    """What the Track page shows about attendance: the week, its form, the month, the chart."""
    db = get_db()
    plan = find_plan(db, case)
    grid = week_grid(db, case, plan, week)
    if grid is None:
        return {"grid": None, "week": week, **extra}
    first = first_recordable_week(plan)
    return {
        "grid": grid,
        "week": week,
        "week_label": week_label(week),
        "week_form": form or week_form(grid),
        "rows_by_id": rows_by_id(grid),
        "totals": grid.totals,
        "read_only": case.stage in ENDED_STAGES,
        "previous_week": None
        if too_early(week - timedelta(weeks=1), first)
        else week - timedelta(weeks=1),
        "next_week": week + timedelta(weeks=1) if week + timedelta(weeks=1) <= today() else None,
        "month": month_summary(db, case, plan, week),
        "chart_geometry": week_chart(chart_weeks(db, case, plan, week), grid.requirement),
        **extra,
    }


def typed_totals(grid: WeekGrid, form: WeekForm) -> tuple[WeekTotals | None, str]:
    """The week's totals with what is typed now; a row that cannot be read is named instead."""
    typed: dict[str, Any] = {}
    for position, entry in enumerate(form.rows, start=1):
        row = entry.form
        try:
            attended = parse_recorded_hours(row.attended.data)
            excused = parse_recorded_hours(row.excused.data)
        except ValueError as exc:
            return None, f"Row {position}: {exc}"
        if attended is not None or excused is not None:
            typed[row.activity_id.data or ""] = (attended, excused, row)
    policy_rows: list[WeekEntry] = []
    for key, grid_row in rows_by_id(grid).items():
        if key not in typed:  # blank or not shown: what is saved, if anything
            policy_rows.append(entry_for_policy(grid_row))
            continue
        attended, excused, row = typed[key]
        policy_rows.append(
            WeekEntry(
                grid_row.activity.name,
                grid_row.counts,
                grid_row.scheduled,
                float(attended or 0),
                float(excused or 0),
                row.reason.data or None,
                bool(row.provider_verified.data),
            )
        )
    try:
        return week_totals(grid.requirement, policy_rows), ""
    except ValueError as exc:
        return None, f"These hours cannot be counted: {exc}."
