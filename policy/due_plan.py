"""Due items of a running plan and of the programs around it: the change window, the youngest
child's 6th birthday, a cure, reunification services and a family stabilization plan. Called by
policy.due.case_dues; pure (no clock: ``today`` is passed in, no database)."""

from __future__ import annotations

from datetime import date

from policy.due_kinds import (
    CHANGE_WINDOW_END,
    CURE_END,
    FR_REDETERMINATION,
    FR_SERVICES_END,
    FS_PLAN_END,
    SIXTH_BIRTHDAY,
    Due,
)
from policy.requirement import ONE_ADULT_YOUNG_CHILD, requirement_changes_during


def change_window_due(ends_on: date | None, today: date | None) -> list[Due]:
    """The last day the client may ask for changes to the signed WTW 2 (R-PL-04: 3 working days
    after signing, stored on the version), listed while the window is open; it leaves the list
    the day after (the daily recount) or when a new version replaces the signed one."""
    if ends_on is None or today is None or today > ends_on:
        return []
    return [Due(CHANGE_WINDOW_END, ends_on)]


def sixth_birthday_due(
    youngest_born: date | None,
    period_start: date | None,
    period_end: date | None,
    requirement: int | None,
) -> list[Due]:
    """The youngest aided child's 6th birthday inside the current version's period while that
    version still counts the under-6 requirement (R-HR-02 → R-HR-01, R-HR-11, R-PL-06): due on
    the birthday so the EC re-counts it (the county's §e Q7 rule says from when the 30 hours
    apply). Resolved when the version's requirement is no longer the 20 hours, or its period
    no longer holds the birthday (an amendment starting then, or a plan ending before it)."""
    if requirement != ONE_ADULT_YOUNG_CHILD or None in (youngest_born, period_start, period_end):
        return []
    try:
        turns_six = requirement_changes_during(
            youngest_child_birthdate=youngest_born,
            period_start=period_start,  # type: ignore[arg-type]
            period_end=period_end,  # type: ignore[arg-type]
        )
    except ValueError:  # a period ending before it starts: the Plan step shows that slip
        return []
    return [Due(SIXTH_BIRTHDAY, turns_six)] if turns_six else []


def cure_dues(cures: tuple[tuple[int, date], ...]) -> list[Due]:
    """Each cure plan's completion: the activity's end or 30 days, the shorter (R-NC-08), when
    the EC records the cure and aid returns; resolved once recorded."""
    return [Due(CURE_END, on, str(ref)) for ref, on in cures]


def reunification_dues(records: tuple[tuple[int, date | None, date | None], ...]) -> list[Due]:
    """Each running reunification record's last day of services (R-FR-04: the extension when
    granted; R-FR-07 for AB 135) and its 6-month redetermination (R-FR-08); both leave the list
    when the EC records that the services ended."""
    found: list[Due] = []
    for ref, last_day, redetermination_on in records:
        if last_day is not None:
            found.append(Due(FR_SERVICES_END, last_day, str(ref)))
        if redetermination_on is not None:
            found.append(Due(FR_REDETERMINATION, redetermination_on, str(ref)))
    return found


def fs_plan_dues(plans: tuple[tuple[int, date], ...]) -> list[Due]:
    """Each open Family Stabilization plan's end (R-FS-03: at most 12 months unless extended;
    failing it ends FS and the client signs a WTW 2): resolved when the referral is closed or
    its end moved."""
    return [Due(FS_PLAN_END, on, str(ref)) for ref, on in plans]
