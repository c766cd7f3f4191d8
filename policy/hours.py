"""Reconciling child-welfare (CFS/DFCS) hours with WTW hours in one integrated plan.

The core rule is that the plan never stacks requirements: CFS/DFCS hours are subtracted from
the WTW requirement (R-CF-04), so 30 required with 15 CFS hours leaves 15 more, not 45.
The whole-plan findings (shortfall, surplus, stacking) are worded in ``policy.plan_findings``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from policy.cache import pure_cache
from policy.federal import FEDERAL_WPR_CLASSES, federal_wpr_class
from policy.findings import Finding, fmt_hours, has_errors, sort_findings
from policy.plan_findings import PARTICIPATIONS, check_participation, plan_findings
from policy.requirement import requirement_changes_during, sixth_birthday, weekly_requirement

__all__ = [
    "CHILD_WELFARE_LABEL",
    "COUNTIES",
    "EMPLOYMENT_KINDS",
    "FEDERAL_WPR_CLASSES",
    "FULL_TIME_HOURS",
    "PARTICIPATIONS",
    "SOURCES",
    "Activity",
    "Reconciliation",
    "counts_toward_requirement",
    "federal_wpr_class",
    "fmt_hours",
    "is_full_time_employment",
    "reconcile",
    "requirement_changes_during",
    "sixth_birthday",
    "weekly_requirement",
]

COUNTIES: tuple[str, ...] = ("orange", "santa_clara")
SOURCES: tuple[str, ...] = ("cfs", "wtw")
MAX_WEEKLY_HOURS = 168
# R-HR-10: "full-time employment" is 30 hours a week or more; these kinds are employment.
FULL_TIME_HOURS = 30
EMPLOYMENT_KINDS = frozenset(
    {"employment", "employment_ft", "employment_pt", "subsidized_employment"}
)

# Each county's own name for its child-welfare agency, so messages read in the worker's words.
CHILD_WELFARE_LABEL = {"orange": "CFS", "santa_clara": "DFCS"}


@dataclass(frozen=True)
class Activity:
    """One plan row: weekly hours and the forms it is written on (R-CF-02, R-CF-05, R-PL-03).

    ``kind`` is the activity code (``models.enums.ActivityKind`` values, e.g. "employment_ft");
    it is optional and keyword-only, and today only tells full-time employment apart (R-HR-10).
    """

    name: str
    hours: float
    source: str
    on_wtw2: bool = True
    on_1811: bool = True
    kind: str = field(default="", kw_only=True)


@dataclass(frozen=True)
class Reconciliation:
    """Countable hours and findings for one plan (R-CF-04, R-HR-06)."""

    requirement: int
    cfs_hours: float
    wtw_hours: float
    other_wtw_needed: float
    total_hours: float
    findings: tuple[Finding, ...]
    participation: str = "mandatory"

    @property
    def has_errors(self) -> bool:
        """True when the plan cannot be signed as it is, e.g. short of hours (R-HR-06)."""
        return has_errors(self.findings)

    @property
    def shortfall(self) -> float:
        """Countable hours still missing to meet the requirement, never negative (R-CF-04)."""
        return max(0.0, round(self.requirement - self.total_hours, 2))


def _describe(activity: Activity, index: int) -> str:
    # A half-filled row in the live preview may have no name yet; point at its position.
    name = activity.name.strip() if isinstance(activity.name, str) else ""
    return f"'{name}'" if name else f"activity #{index + 1}"


def _check_activity(activity: Activity, index: int) -> tuple[str, float]:
    label = _describe(activity, index)
    raw = activity.hours
    # Decimal is accepted because a database Numeric column hands hours back that way.
    if isinstance(raw, bool) or not isinstance(raw, (int, float, Decimal)):
        raise ValueError(f"hours must be a number, got {raw!r} for {label}")
    hours = float(raw)
    if not math.isfinite(hours) or not 0 <= hours <= MAX_WEEKLY_HOURS:
        raise ValueError(
            f"hours must be between 0 and {MAX_WEEKLY_HOURS}, got {fmt_hours(hours)} for {label}"
        )
    source = activity.source.strip().lower() if isinstance(activity.source, str) else None
    if source is None or source not in SOURCES:
        raise ValueError(f"source must be 'cfs' or 'wtw', got {activity.source!r} for {label}")
    return source, hours


def _normalise_county(county: str) -> str:
    normalised = county.strip().lower() if isinstance(county, str) else None
    if normalised is None or normalised not in COUNTIES:
        raise ValueError(f"county must be 'orange' or 'santa_clara', got {county!r}")
    return normalised


def counts_toward_requirement(source: str, on_wtw2: bool, on_1811: bool, county: str) -> bool:
    """Whether an activity's hours count: written on the WTW 2 and, for a Santa Clara DFCS row,
    on the SCD/SCZ 1811 too (R-CF-02, R-PL-03). Orange has no 1811 (R-CF-05)."""
    return on_wtw2 and not (source == "cfs" and county == "santa_clara" and not on_1811)


@pure_cache(maxsize=1024)  # the preview asks again for rows that did not change (policy.cache)
def _row_findings(
    activity: Activity, index: int, source: str, hours: float, county: str
) -> tuple[tuple[Finding, ...], bool]:
    """Findings about one row, and whether its hours count (R-CF-02, R-PL-03)."""
    label = _describe(activity, index)
    kind = CHILD_WELFARE_LABEL[county] if source == "cfs" else "WTW"
    # Orange has no 1811, so only Santa Clara CFS rows depend on it (R-CF-02 vs R-CF-05).
    missing_1811 = source == "cfs" and county == "santa_clara" and not activity.on_1811
    shown = fmt_hours(hours)
    found: list[Finding] = []

    def add(code: str, severity: str, message: str, rule: str) -> None:
        found.append(Finding(code, severity, message, rule, activity.name, index))

    if hours == 0:
        add("zero_hours", "info", f"{kind} activity {label} has 0 hours a week", "R-PL-03")
    if not activity.on_wtw2:
        also = " (nor on the SCD/SCZ 1811)" if missing_1811 else ""
        add(
            "not_on_wtw2",
            "warning",
            f"{kind} activity {label} is not on the WTW 2{also}, so its {shown} hours do not count",
            "R-CF-02" if source == "cfs" else "R-PL-03",
        )
    elif missing_1811:
        add(
            "not_on_1811",
            "warning",
            f"{kind} activity {label} is not on the SCD/SCZ 1811, "
            f"so its {shown} hours do not count",
            "R-CF-02",
        )
    return tuple(found), counts_toward_requirement(
        source, activity.on_wtw2, activity.on_1811, county
    )


def is_full_time_employment(source: str, kind: str, hours: float) -> bool:
    """A WTW row of employment (employment, employment_ft, employment_pt, subsidized_employment)
    of 30 hours a week or more (R-HR-10). The hours decide, not the label: "employment_pt" at 32
    hours is full time and "employment_ft" at 25 is not; one job is judged alone, so two
    part-time jobs are not added up; a CFS row is never employment."""
    key = kind.strip().lower() if isinstance(kind, str) else ""
    return source == "wtw" and key in EMPLOYMENT_KINDS and hours >= FULL_TIME_HOURS


def reconcile(
    requirement: int,
    activities: Sequence[Activity],
    county: str,
    participation: str = "mandatory",
) -> Reconciliation:
    """Count CFS/DFCS and WTW hours against the requirement without stacking (R-CF-01..05).

    A CFS activity counts hour-for-hour when it is on the WTW 2 and, in Santa Clara, also on
    the SCD/SCZ 1811 (R-CF-02); a WTW activity counts when it is on the WTW 2 (R-PL-03). The
    CFS share has no cap (R-CF-09). Plan problems come back as findings; bad input raises.
    ``participation`` is "mandatory", "good_cause", "exempt_volunteer" or
    "family_stabilization": only a mandatory participant's shortfall is an error (§c6.3,
    R-FS-02, E29). A full-time job (R-HR-10) is never reported as stacked hours.
    """
    county = _normalise_county(county)
    participation = check_participation(participation)
    if isinstance(requirement, bool) or not isinstance(requirement, int) or requirement < 0:
        raise ValueError(
            f"requirement must be a whole number of hours, 0 or more, got {requirement!r}"
        )
    checked = [_check_activity(activity, index) for index, activity in enumerate(activities)]
    all_hours = round(math.fsum(hours for _, hours in checked), 2)
    if all_hours > MAX_WEEKLY_HOURS:
        raise ValueError(
            f"the activities add up to {fmt_hours(all_hours)} hours a week, "
            f"more than the {MAX_WEEKLY_HOURS} hours in a week"
        )

    findings: list[Finding] = []
    counted: dict[str, list[float]] = {"cfs": [], "wtw": [], "full_time": []}
    for index, (activity, (source, hours)) in enumerate(zip(activities, checked, strict=True)):
        row, counts = _row_findings(activity, index, source, hours, county)
        findings.extend(row)
        if counts:
            counted[source].append(hours)
            if is_full_time_employment(source, activity.kind, hours):
                counted["full_time"].append(hours)

    cfs_hours = round(math.fsum(counted["cfs"]), 2)
    wtw_hours = round(math.fsum(counted["wtw"]), 2)
    other_wtw_needed = max(0.0, round(requirement - cfs_hours, 2))
    total_hours = round(cfs_hours + wtw_hours, 2)
    findings.extend(
        plan_findings(
            requirement,
            cfs_hours,
            wtw_hours,
            other_wtw_needed,
            total_hours,
            CHILD_WELFARE_LABEL[county],
            participation=participation,
            full_time=round(math.fsum(counted["full_time"]), 2),
        )
    )
    return Reconciliation(
        requirement=requirement,
        cfs_hours=cfs_hours,
        wtw_hours=wtw_hours,
        other_wtw_needed=other_wtw_needed,
        total_hours=total_hours,
        findings=tuple(sort_findings(findings)),
        participation=participation,
    )
