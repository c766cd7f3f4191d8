"""Due dates: joint meeting, court estimates, plan windows, noncompliance, FR services, cure.

Every date is a soft target computed from dates the worker enters; the functions never read a
clock, so a test or a PDF rendered later gives the same answer.
"""

from __future__ import annotations

import calendar as _month_calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from policy.calendar import (
    add_court_days,
    add_working_days,
    is_working_day,
    previous_working_day,
)

MEETING_WORKING_DAYS = 5  # R-MT-01
PETITION_COURT_DAYS = 2  # R-CT-01: 48 hours excluding non-court days
JURISDICTION_COURT_DAYS = 15  # R-CT-03
CHANGE_WINDOW_WORKING_DAYS = 3  # R-PL-04
PLAN_SIGNATURE_DAYS = 90  # R-PL-02
NONCOMPLIANCE_WINDOW_DAYS = 20  # R-NC-02
NONCOMPLIANCE_ACTION_DAYS = 30  # R-NC-02
AB429_SERVICE_DAYS = 180  # R-FR-04
AB135_FULL_MONTHS = 6  # R-FR-06
CURE_MAX_DAYS = 30  # R-NC-08
EXEMPTION_REVIEW_DAYS_BEFORE = 30  # R-EX-08
FR_PROGRAMS: tuple[str, ...] = ("ab429", "ab135")


@dataclass(frozen=True)
class CustodyTimeline:
    """Latest statutory dates after a removal, for display (R-CT-01..03, R-CT-07)."""

    petition_by: date
    detention_by: date
    jurisdiction_by: date


def custody_timeline(*, removed_on: date, court_holidays: Collection[date]) -> CustodyTimeline:
    """Estimate petition, detention and jurisdiction dates from the removal (R-CT-01..03).

    Petition within 48 hours excluding non-court days, i.e. 2 court days after removal
    (R-CT-01); detention hearing by the next court day after the petition (R-CT-02);
    jurisdiction hearing within 15 court days of detention (R-CT-03).
    """
    petition_by = add_court_days(removed_on, PETITION_COURT_DAYS, court_holidays)
    detention_by = add_court_days(petition_by, 1, court_holidays)
    jurisdiction_by = add_court_days(detention_by, JURISDICTION_COURT_DAYS, court_holidays)
    return CustodyTimeline(petition_by, detention_by, jurisdiction_by)


def meeting_due(
    *,
    assigned_on: date,
    in_protective_custody: bool,
    holidays: Collection[date],
    court_holidays: Collection[date],
    removed_on: date | None = None,
    jurisdiction_hearing_on: date | None = None,
) -> date:
    """Target date for the joint EC/SW meeting (R-MT-01, R-MT-02, R-WD-05, §e Q1, §e Q2).

    Not in custody: 5 working days after assignment on the county calendar ``holidays``.
    In custody: the court day before the jurisdiction hearing the SW entered, or else before
    the statutory estimate from the removal date (``custody_timeline``); never a fixed 25 days.
    When that court date had already passed when the case was assigned (a case found late),
    "before court" can no longer be met, so the 5-working-day target applies from assignment.
    """
    if (
        removed_on is not None
        and jurisdiction_hearing_on is not None
        and jurisdiction_hearing_on < removed_on
    ):
        raise ValueError(
            f"the jurisdiction hearing {jurisdiction_hearing_on.isoformat()} is before "
            f"the removal {removed_on.isoformat()}"
        )
    five_days = add_working_days(assigned_on, MEETING_WORKING_DAYS, holidays)
    if not in_protective_custody:
        return five_days
    if jurisdiction_hearing_on is not None:
        before_court = previous_working_day(jurisdiction_hearing_on, court_holidays)
        return before_court if before_court >= assigned_on else five_days
    if removed_on is None:
        raise ValueError(
            "a child in protective custody needs the removal date or the jurisdiction "
            "hearing date to compute the meeting due date"
        )
    timeline = custody_timeline(removed_on=removed_on, court_holidays=court_holidays)
    before_court = previous_working_day(timeline.jurisdiction_by, court_holidays)
    return before_court if before_court >= assigned_on else five_days


def change_window_end(signed_on: date, holidays: Collection[date]) -> date:
    """Last day to ask for changes to a signed WTW 2: 3 working days after (R-PL-04, R-WD-05)."""
    return add_working_days(signed_on, CHANGE_WINDOW_WORKING_DAYS, holidays)


def plan_signature_due(required_from: date) -> date:
    """Latest signing date of the WTW plan: 90 calendar days after (R-PL-02)."""
    return required_from + timedelta(days=PLAN_SIGNATURE_DAYS)


def noncompliance_dates(notice_issued_on: date) -> tuple[date, date, date]:
    """(day 1, day 20, earliest action date) of an NA 840/845 (R-NC-02, R-NC-03, §e Q10).

    Day 1 is the day after issue; day 20 is a calendar day with no roll-forward off a weekend
    or holiday, pending the county's full text; the action date is at least 30 days out.
    """
    return (
        notice_issued_on + timedelta(days=1),
        notice_issued_on + timedelta(days=NONCOMPLIANCE_WINDOW_DAYS),
        notice_issued_on + timedelta(days=NONCOMPLIANCE_ACTION_DAYS),
    )


def noncompliance_schedule(
    notice_issued_on: date, *, roll_forward: bool, holidays: Collection[date] = ()
) -> tuple[date, date, date]:
    """``noncompliance_dates`` under the county's day-20 rule (§e Q10, county setting).

    Without roll-forward (the proposed default) it is ``noncompliance_dates``. With it, a day 20
    on a weekend or an office holiday in ``holidays`` moves to the next working day, and the
    action date stays 10 days after that day 20 (the 20-day period plus the 10-day notice rule,
    R-NC-04), never earlier than issue + 30. Raises ``CalendarNotLoaded`` for a weekday of a
    year ``holidays`` does not cover.
    """
    day1, day20, action_on = noncompliance_dates(notice_issued_on)
    if not roll_forward:
        return day1, day20, action_on
    while not is_working_day(day20, holidays):
        day20 += timedelta(days=1)
    notice_days = NONCOMPLIANCE_ACTION_DAYS - NONCOMPLIANCE_WINDOW_DAYS
    return day1, day20, max(action_on, day20 + timedelta(days=notice_days))


def _last_day_of_month(year: int, month: int) -> date:
    return date(year, month, _month_calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day when it is shorter: Jan 31 + 1
    is Feb 28 (29 in a leap year). Monthly reviews and alerts use it (R-GC-06, R-FR-08, R-DA-02).
    """
    if isinstance(months, bool) or not isinstance(months, int):
        raise ValueError(f"months must be a whole number, got {months!r}")
    year, month = _add_months(day.year, day.month, months)
    return date(year, month, min(day.day, _month_calendar.monthrange(year, month)[1]))


def fr_services_end(*, program: str, removed_on: date, plan_amended_on: date | None = None) -> date:
    """Last day of CalWORKs family-reunification services (R-FR-04, R-FR-06, R-FR-07, §e Q16).

    "ab429" (services only): 180 calendar days after the removal, before any extension.
    "ab135" (cash aid): the last day of the sixth full calendar month from the plan amendment
    (or the removal when there is none); a start on the 1st makes that month the first full
    one, any later start is a prorated month that does not count.
    """
    key = program.strip().lower() if isinstance(program, str) else None
    if key is None or key not in FR_PROGRAMS:
        raise ValueError(f"program must be 'ab429' or 'ab135', got {program!r}")
    if plan_amended_on is not None and plan_amended_on < removed_on:
        raise ValueError(
            f"the plan amendment {plan_amended_on.isoformat()} is before "
            f"the removal {removed_on.isoformat()}"
        )
    if key == "ab429":
        return removed_on + timedelta(days=AB429_SERVICE_DAYS)
    start = plan_amended_on if plan_amended_on is not None else removed_on
    first_full = (
        (start.year, start.month) if start.day == 1 else _add_months(start.year, start.month, 1)
    )
    year, month = _add_months(*first_full, AB135_FULL_MONTHS - 1)
    return _last_day_of_month(year, month)


def cure_complete(*, cure_plan_signed_on: date, activity_ends_on: date) -> date:
    """When a sanction cure is complete: activity end or 30 calendar days, the shorter (R-NC-08)."""
    if activity_ends_on < cure_plan_signed_on:
        raise ValueError(
            f"the activity ends {activity_ends_on.isoformat()}, before the cure plan was "
            f"signed on {cure_plan_signed_on.isoformat()}"
        )
    return min(activity_ends_on, cure_plan_signed_on + timedelta(days=CURE_MAX_DAYS))


def exemption_review_date(ends_on: date) -> date:
    """Review reminder for a time-limited exemption: 30 days before it ends (R-EX-08, R-EX-01)."""
    return ends_on - timedelta(days=EXEMPTION_REVIEW_DAYS_BEFORE)
