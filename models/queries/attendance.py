"""Weekly attendance as the Track step, the SCD/SCZ 1811 A and the social worker's page read it.

One computation for all three: the counting rows of a week go through
``policy.tracking.week_totals`` (attended, excused with a reason, countable, shortfall), and the
month through ``policy.tracking.month_average`` with the county's divisor (§e Q5). A week is
recorded against the signed plan version in force that week, so an amendment does not rewrite
the weeks before it (R-PL-10).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.plan import Plan, PlanActivity, PlanVersion
from models.queries.calendars import office_holidays_between
from models.tracking import TrackingEntry
from policy.county_time import county_date
from policy.hours import counts_toward_requirement
from policy.tracking import WeekEntry, WeekTotals, month_average, week_totals, weeks_touching

CHART_WEEKS = 8


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def runs_in_week(activity: PlanActivity, monday: date) -> bool:
    """The activity has started by the week's Sunday and not ended before its Monday."""
    sunday = monday + timedelta(days=6)
    started = activity.start_on is None or activity.start_on <= sunday
    return started and (activity.end_on is None or activity.end_on >= monday)


def activity_counts(activity: PlanActivity, county_code: str) -> bool:
    """On the WTW 2 and, for a Santa Clara DFCS row, on the 1811 (R-CF-02)."""
    return counts_toward_requirement(
        activity.source.value, activity.on_wtw2, activity.on_1811, county_code
    )


def signed_versions(plan: Plan | None) -> list[PlanVersion]:
    """The versions the client signed, oldest first (drafts and unsigned amendments left out)."""
    if plan is None:
        return []
    return [v for v in plan.versions if v.signed_client_at is not None]


def version_for_week(versions: list[PlanVersion], monday: date) -> PlanVersion | None:
    """The signed version in force that week: the newest signed by its Sunday, else the first."""
    if not versions:
        return None
    sunday = monday + timedelta(days=6)
    in_force = [
        v for v in versions if v.signed_client_at and county_date(v.signed_client_at) <= sunday
    ]
    return in_force[-1] if in_force else versions[0]


@dataclass(frozen=True)
class GridRow:
    """One activity's line in the week: what the plan schedules and what was recorded."""

    activity: PlanActivity
    counts: bool
    runs: bool
    scheduled: float
    entry: TrackingEntry | None


@dataclass(frozen=True)
class WeekGrid:
    """A week of the SCD/SCZ 1811 A for one case (R-CF-03), with the county's closed days."""

    monday: date
    version: PlanVersion
    rows: list[GridRow]
    holidays: dict[date, str]
    totals: WeekTotals

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def recorded(self) -> bool:
        return any(row.entry is not None for row in self.rows)

    @property
    def requirement(self) -> int:
        return self.version.requirement


def entry_for_policy(row: GridRow) -> WeekEntry:
    """A recorded row as policy.tracking reads it; an unrecorded row counts nothing yet."""
    entry = row.entry
    if entry is None:
        return WeekEntry(row.activity.name, row.counts, row.scheduled, 0.0)
    return WeekEntry(
        row.activity.name,
        row.counts,
        float(entry.scheduled_hours),
        float(entry.attended_hours),
        float(entry.excused_hours),
        entry.absence_reason or None,
        bool(entry.provider_verified),
    )


def _entries(db: Session, activity_ids: list[int], start: date, end: date) -> list[TrackingEntry]:
    if not activity_ids:
        return []
    stmt = select(TrackingEntry).where(
        TrackingEntry.activity_id.in_(activity_ids), TrackingEntry.week_start.between(start, end)
    )
    return list(db.scalars(stmt))


def week_grid(db: Session, case: MutualCase, plan: Plan | None, monday: date) -> WeekGrid | None:
    """The week's rows, pre-filled from the signed plan; None when nothing is signed yet."""
    version = version_for_week(signed_versions(plan), monday)
    if version is None:
        return None
    activities = list(version.activities)
    recorded = {e.activity_id: e for e in _entries(db, [a.id for a in activities], monday, monday)}
    rows = []
    for activity in activities:
        runs = runs_in_week(activity, monday)
        rows.append(
            GridRow(
                activity=activity,
                counts=activity_counts(activity, case.county.code),
                runs=runs,
                scheduled=float(activity.hours_per_week) if runs else 0.0,
                entry=recorded.get(activity.id),
            )
        )
    totals = week_totals(version.requirement, [entry_for_policy(r) for r in rows])
    holidays = office_holidays_between(db, case.county, monday, monday + timedelta(days=6))
    return WeekGrid(monday, version, rows, holidays, totals)


def weekly_totals(
    db: Session,
    case: MutualCase,
    plan: Plan | None,
    start: date,
    end: date,
    versions: list[PlanVersion] | None = None,
) -> dict[date, WeekTotals]:
    """Every recorded week from ``start`` to ``end`` (Mondays), newest last, with the totals the
    Track step, the 1811 A and the social worker's page all show (R-HR-06, R-CF-02).
    ``versions``: the versions to read (default: the signed ones)."""
    versions = versions if versions is not None else signed_versions(plan)
    activities = {a.id: a for v in versions for a in v.activities}
    by_week: dict[date, list[TrackingEntry]] = defaultdict(list)
    for entry in _entries(db, list(activities), start, end):
        by_week[entry.week_start].append(entry)
    found = {}
    for monday in sorted(by_week):
        version = version_for_week(versions, monday)
        assert version is not None  # there are entries, so there are signed versions
        rows = [
            GridRow(
                activity=activities[e.activity_id],
                counts=activity_counts(activities[e.activity_id], case.county.code),
                runs=True,
                scheduled=float(e.scheduled_hours),
                entry=e,
            )
            for e in by_week[monday]
        ]
        found[monday] = week_totals(version.requirement, [entry_for_policy(r) for r in rows])
    return found


@dataclass(frozen=True)
class MonthSummary:
    """The month's average against the requirement (R-HR-06, §e Q5)."""

    first: date
    average: float
    requirement: int
    weeks_per_month: float | None
    weeks: list[tuple[date, float | None]]  # every week touching the month; None: not recorded

    @property
    def met(self) -> bool:
        return self.average >= self.requirement

    @property
    def unrecorded(self) -> int:
        return sum(1 for _, hours in self.weeks if hours is None)


def month_summary(
    db: Session, case: MutualCase, plan: Plan | None, month: date
) -> MonthSummary | None:
    """The average of the month holding ``month``; None when nothing is signed yet."""
    versions = signed_versions(plan)
    if not versions:
        return None
    mondays = weeks_touching(month)
    recorded = weekly_totals(db, case, plan, mondays[0], mondays[-1])
    countable = {monday: totals.countable for monday, totals in recorded.items()}
    divisor = case.county.weeks_per_month
    average = month_average(month, countable, float(divisor) if divisor else None)
    version = version_for_week(versions, mondays[-1])
    assert version is not None
    return MonthSummary(
        first=month.replace(day=1),
        average=average,
        requirement=version.requirement,
        weeks_per_month=float(divisor) if divisor else None,
        weeks=[(monday, countable.get(monday)) for monday in mondays],
    )


def chart_weeks(
    db: Session, case: MutualCase, plan: Plan | None, last_monday: date
) -> list[tuple[date, float | None]]:
    """Countable hours of the weeks up to ``last_monday`` (None: not recorded), for the chart."""
    first = last_monday - timedelta(weeks=CHART_WEEKS - 1)
    recorded = weekly_totals(db, case, plan, first, last_monday)
    mondays = [first + timedelta(weeks=n) for n in range(CHART_WEEKS)]
    return [(m, recorded[m].countable if m in recorded else None) for m in mondays]
