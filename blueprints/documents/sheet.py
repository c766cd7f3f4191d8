"""The SCD/SCZ 1811 A activity tracking sheet for a date range (R-CF-03, R-PL-15, §c5).

Per week (Monday to Sunday) and per activity: hours scheduled (the activity's weekly hours when
it runs that week), attended, excused and why, verified by the provider. Weeks already recorded
in Tandem (models.tracking.TrackingEntry) are printed filled in; the others are left blank to be
filled in by hand. The sheet is not signed and not stored.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.enums import ActivitySource
from models.plan import PlanActivity, PlanVersion
from models.queries.attendance import activity_counts, signed_versions, weekly_totals
from models.tracking import TrackingEntry
from policy.hours import fmt_hours

from . import i18n

MAX_WEEKS = 26  # half a year: longer sheets are split by the EC
DEFAULT_WEEKS = 4


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def default_range(today: date) -> tuple[date, date]:
    start = monday_of(today)
    return start, start + timedelta(weeks=DEFAULT_WEEKS, days=-1)


def week_starts(start: date, end: date) -> list[date]:
    """The Mondays of every week that overlaps start..end."""
    first = monday_of(start)
    return [first + timedelta(weeks=n) for n in range((end - first).days // 7 + 1)]


def range_problem(start: date | None, end: date | None) -> dict[str, str]:
    """Field → message for a range the sheet cannot be printed for (empty when fine)."""
    problems: dict[str, str] = {}
    if start is None:
        problems["start"] = "Enter the first day of the sheet, for example 11/23/2026."
    if end is None:
        problems["end"] = "Enter the last day of the sheet, for example 12/20/2026."
    if start and end:
        if end < start:
            problems["end"] = "The last day must be on or after the first day."
        elif len(week_starts(start, end)) > MAX_WEEKS:
            problems["end"] = f"Choose at most {MAX_WEEKS} weeks; print longer periods in parts."
    return problems


def _runs(activity: PlanActivity, monday: date) -> bool:
    sunday = monday + timedelta(days=6)
    started = activity.start_on is None or activity.start_on <= sunday
    return started and (activity.end_on is None or activity.end_on >= monday)


def _sum(values: list[Decimal]) -> str:
    return fmt_hours(sum(values, Decimal(0))) if values else ""


def _cell(
    activity: PlanActivity, case: MutualCase, monday: date, entry: TrackingEntry | None
) -> dict:
    runs = _runs(activity, monday)
    cw = case.county.cw_division_label
    row: dict[str, Any] = {
        "name": activity.name,
        "counts": activity_counts(activity, case.county.code),
        "mark": cw if activity.source == ActivitySource.CFS else "",
        "provider": activity.provider_name,
        "runs": runs,
        "scheduled": fmt_hours(activity.hours_per_week) if runs else "",
        "recorded": entry is not None,
        "attended": "",
        "excused": "",
        "reason": "",
        "verified": None,
        "verified_by": "",
    }
    if entry is not None:
        row.update(
            scheduled=fmt_hours(entry.scheduled_hours),
            attended=fmt_hours(entry.attended_hours),
            excused=fmt_hours(entry.excused_hours) if entry.excused_hours else "",
            reason=entry.absence_reason,
            verified=bool(entry.provider_verified),
            verified_by=entry.verified_by,
        )
    return row


def tracking_sheet(
    db: Session,
    case: MutualCase,
    version: PlanVersion,
    language: str,
    today: date,
    start: date | None,
    end: date | None,
) -> dict[str, Any]:
    """The weeks with one row per activity; CFS/DFCS activities first, then WTW."""
    if start is None or end is None:
        start, end = default_range(today)
    if range_problem(start, end):
        raise ValueError(next(iter(range_problem(start, end).values())))
    mondays = week_starts(start, end)
    # Stable sort: the plan's order within each group.
    activities = sorted(version.activities, key=lambda a: a.source != ActivitySource.CFS)
    ids = [a.id for a in activities]
    entries = {
        (e.activity_id, e.week_start): e
        for e in db.scalars(
            select(TrackingEntry).where(
                TrackingEntry.activity_id.in_(ids),
                TrackingEntry.week_start.between(mondays[0], mondays[-1]),
            )
        )
    }
    # The same weekly totals as the Track step and the social worker's page: counting rows
    # only, excused hours only with a reason (R-CF-02, R-HR-06).
    signed = signed_versions(version.plan) or [version]  # a draft's sheet counts its own rows
    totals = weekly_totals(db, case, version.plan, mondays[0], mondays[-1], signed)
    weeks = []
    for monday in mondays:
        rows = [_cell(a, case, monday, entries.get((a.id, monday))) for a in activities]
        week = totals.get(monday)
        weeks.append(
            {
                "monday": i18n.day(monday, language),
                "sunday": i18n.day(monday + timedelta(days=6), language),
                "rows": rows,
                "scheduled": _sum(
                    [Decimal(r["scheduled"]) for r in rows if r["scheduled"] and r["counts"]]
                ),
                "attended": fmt_hours(week.attended) if week else "",
                "excused": fmt_hours(week.excused) if week else "",
                "countable": fmt_hours(week.countable) if week else "",
            }
        )
    return {
        "range": {
            "start": i18n.day(start, language),
            "end": i18n.day(end, language),
            "start_iso": start.isoformat(),
            "end_iso": end.isoformat(),
        },
        "requirement": {
            "hours": fmt_hours(version.requirement),
            "basis": version.requirement_basis,
        },
        "weeks": weeks,
    }
