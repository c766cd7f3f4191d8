"""Weekly attendance (SCD/SCZ 1811 A) and the monthly average (R-HR-06, R-CF-03, §c5, §e Q5).

A week's countable hours are what was attended plus what was excused *for a reason*; only rows
that count toward the requirement (on the WTW 2, and in Santa Clara a CFS/DFCS row also on the
1811: R-CF-02) add up. A short week is not by itself noncompliance: the requirement is an
average over the month (R-HR-06), which ``month_average`` computes.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from policy.findings import Finding
from policy.hours import fmt_hours

EXCUSE_REASONS: tuple[str, ...] = (
    "provider_cancelled",
    "illness",
    "court",
    "child_care_unavailable",
    "transportation",
    "holiday",
    "other",
)
MAX_ROW_HOURS = 168.0  # a week has 168 hours
DAYS_IN_WEEK = 7


@dataclass(frozen=True)
class WeekEntry:
    """One activity's week as recorded on the 1811 A (R-CF-03, §c5 ActivityTrackingEntry)."""

    activity: str
    counts: bool
    scheduled: float
    attended: float
    excused: float = 0.0
    reason: str | None = None
    provider_verified: bool = False


@dataclass(frozen=True)
class WeekTotals:
    """The week's countable hours against the requirement (R-HR-06, R-CF-03, E33)."""

    attended: float
    excused: float
    countable: float
    shortfall: float
    unverified: tuple[str, ...]
    findings: tuple[Finding, ...]


def _check(entry: WeekEntry) -> None:
    for name in ("scheduled", "attended", "excused"):
        value = getattr(entry, name)
        if not isinstance(value, int | float) or isinstance(value, bool) or math.isnan(value):
            raise ValueError(f"{name} hours of {entry.activity!r} must be a number")
        if value < 0:
            raise ValueError(f"{name} hours of {entry.activity!r} cannot be negative")
        if value > MAX_ROW_HOURS:
            raise ValueError(f"{name} hours of {entry.activity!r} exceed a week (168)")
    if entry.attended + entry.excused > MAX_ROW_HOURS:
        raise ValueError(f"attended and excused hours of {entry.activity!r} exceed a week (168)")
    if entry.reason is not None and entry.reason not in EXCUSE_REASONS:
        raise ValueError(f"unknown excuse reason {entry.reason!r}")


def week_totals(requirement: float, entries: Iterable[WeekEntry]) -> WeekTotals:
    """Attended, excused (with a reason), countable and short hours of one week, and the
    counting rows not yet verified by the provider (R-HR-06, R-CF-02, R-CF-03, R-GC-02, E33).

    Negative hours, more than 168 in a row or an unknown reason raise ``ValueError``.
    """
    if requirement < 0:
        raise ValueError("the requirement cannot be negative")
    rows = list(entries)
    for entry in rows:
        _check(entry)
    counting = [e for e in rows if e.counts]
    attended = round(sum(e.attended for e in counting), 2)
    excused = round(sum(e.excused for e in counting if e.reason), 2)
    countable = round(attended + excused, 2)
    shortfall = round(max(0.0, requirement - countable), 2)
    unverified = tuple(
        e.activity for e in counting if (e.attended or e.excused) and not e.provider_verified
    )
    findings: list[Finding] = []
    for index, entry in enumerate(rows):
        if entry.counts and entry.excused and not entry.reason:
            findings.append(
                Finding(
                    "excused_without_reason",
                    "warning",
                    f"{fmt_hours(entry.excused)} excused hours of {entry.activity} do not count "
                    "until a reason is recorded.",
                    "R-GC-02",
                    entry.activity,
                    index,
                )
            )
    if shortfall:
        findings.append(
            Finding(
                "week_short",
                "warning",
                f"This week is {fmt_hours(shortfall)} hours short of the {fmt_hours(requirement)}"
                "-hour requirement. The requirement is an average over the month: record good "
                "cause or note a participation problem if the month will fall short.",
                "R-HR-06",
            )
        )
    if unverified:
        findings.append(
            Finding(
                "not_verified",
                "info",
                "Not yet verified by the provider: " + ", ".join(unverified) + ".",
                "R-CF-03",
            )
        )
    return WeekTotals(attended, excused, countable, shortfall, unverified, tuple(findings))


def _month_bounds(month: date) -> tuple[date, date]:
    days = calendar.monthrange(month.year, month.month)[1]
    return date(month.year, month.month, 1), date(month.year, month.month, days)


def weeks_touching(month: date) -> tuple[date, ...]:
    """The Mondays of every week with at least one day in the month (R-HR-06 averaging)."""
    first, last = _month_bounds(month)
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += timedelta(days=DAYS_IN_WEEK)
    return tuple(weeks)


def month_hours(month: date, weekly_countable: Mapping[date, float]) -> float:
    """The month's share of each week's hours, spread evenly over its seven days (R-HR-06)."""
    first, last = _month_bounds(month)
    total = 0.0
    for monday, hours in weekly_countable.items():
        if monday.weekday() != 0:
            raise ValueError(f"weeks start on a Monday; {monday.isoformat()} is not one")
        if hours < 0:
            raise ValueError("weekly hours cannot be negative")
        sunday = monday + timedelta(days=DAYS_IN_WEEK - 1)
        inside = (min(sunday, last) - max(monday, first)).days + 1
        if inside > 0:
            total += hours * inside / DAYS_IN_WEEK
    return total


def month_average(
    month: date, weekly_countable: Mapping[date, float], weeks_per_month: float | None = None
) -> float:
    """Average weekly countable hours over a month (R-HR-06, §e Q5).

    Keys are the Mondays that start each week; each week's hours are spread over its seven days
    and the month keeps the days inside it. The month's hours are divided by (days in the month
    ÷ 7), or by ``weeks_per_month`` when the county sets a fixed divisor (e.g. 4.33). A week with
    nothing recorded counts as 0. A month in which every week meets 30 averages exactly 30.
    """
    if weeks_per_month is not None and weeks_per_month <= 0:
        raise ValueError("weeks per month must be more than 0")
    first, last = _month_bounds(month)
    divisor = weeks_per_month or ((last - first).days + 1) / DAYS_IN_WEEK
    return round(month_hours(month, weekly_countable) / divisor, 2)
