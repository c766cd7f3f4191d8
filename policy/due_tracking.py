"""Due items of the Track step: last week's attendance not recorded, hours the provider has not
verified after two weeks, and significant changes not yet re-evaluated. Called by
policy.due.case_dues. The first two depend on the date alone, so the daily recount
(`flask refresh-due-items --daily`) moves them; pure (``today`` is passed in)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from policy.calendar import CalendarNotLoaded, add_working_days
from policy.due_kinds import CHANGE_REEVALUATION, HOURS_UNVERIFIED, WEEK_NOT_RECORDED, Due

# "Older than two weeks": the Monday 15 days after the week's Sunday, so the reminder falls on a
# weekday start (a reminder, not a deadline in the rules: not moved off holidays).
UNVERIFIED_AFTER = timedelta(days=21)  # from the week's Monday


def monday_of(day: date) -> date:
    """The Monday of ``day``'s week: the 1811 A records weeks from Monday (R-CF-03)."""
    return day - timedelta(days=day.weekday())


def last_finished_week(today: date) -> date:
    """The Monday of the last whole week (Monday to Sunday) before ``today`` (R-CF-03)."""
    return monday_of(today) - timedelta(weeks=1)


def week_not_recorded_due(
    today: date | None,
    attendance_from: date | None,
    recorded_weeks: Collection[date],
    office: Collection[date],
) -> list[Due]:
    """The week just finished when nothing is recorded for it yet (the 1811 A, R-CF-03; the
    monthly average needs every week, R-HR-06), due the first county office working day after
    its Sunday (a Monday holiday moves it to Tuesday, R-WD-01). Only the most recent finished
    week: an older unrecorded week leaves the list when the next week ends (the Track page's
    month summary still counts it as not recorded), so a missed week never piles up a backlog.
    ``attendance_from``: the first week that can be recorded (the signed plan's start)."""
    if today is None or attendance_from is None:
        return []
    monday = last_finished_week(today)
    if monday < monday_of(attendance_from) or monday in recorded_weeks:
        return []
    ref = monday.isoformat()
    try:
        on = add_working_days(monday + timedelta(days=6), 1, office)
    except CalendarNotLoaded as exc:
        return [Due(WEEK_NOT_RECORDED, None, ref, missing_year=exc.year)]
    return [Due(WEEK_NOT_RECORDED, on, ref)]


def hours_unverified_due(today: date | None, unverified_weeks: Collection[date]) -> list[Due]:
    """The oldest week whose counting hours the provider has not verified, once that week ended
    more than two weeks ago (R-CF-03: progress is as the provider defines it; verified on the
    1811 A). One item per case, for its oldest such week: verifying it brings the next one up,
    and a provider who never verifies does not flood the list."""
    if today is None:
        return []
    old = [monday for monday in unverified_weeks if monday + UNVERIFIED_AFTER <= today]
    if not old:
        return []
    monday = min(old)
    return [Due(HOURS_UNVERIFIED, monday + UNVERIFIED_AFTER, monday.isoformat())]


def change_dues(changes: tuple[tuple[int, date], ...]) -> list[Due]:
    """Each significant change not yet re-evaluated (R-ID-10, R-CL-06: a change triggers a
    re-evaluation of WTW participation; R-EX-10 for exemptions). The rules give no day count,
    so it is due the day it was reported; resolved when the EC records the re-evaluation."""
    return [Due(CHANGE_REEVALUATION, reported_on, str(ref)) for ref, reported_on in changes]
