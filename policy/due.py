"""What is due on a case, from its facts: the rows of the ``due_item`` table (issue 14).

The caseload and every due list read stored due items instead of counting each case's dates on
every view; ``models.operations.due`` stores what ``case_dues`` returns whenever a fact below
changes. Kinds are the values of ``models.enums.DueKind`` (plain strings here, as in
policy.stages, so this module stays free of the ORM). Pure: no clock, no database.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from policy.calendar import CalendarNotLoaded, add_working_days
from policy.deadlines import add_months, meeting_due, noncompliance_schedule, plan_signature_due
from policy.due_kinds import (
    EXEMPTION_REVIEW,
    GOOD_CAUSE_REVIEW,
    JOINT_MEETING,
    KINDS,
    NONCOMPLIANCE_APPOINTMENT,
    NONCOMPLIANCE_DAY20,
    PLAN_RENEWAL,
    PLAN_SIGNATURE,
    SW_MESSAGE_HELD,
    Due,
)
from policy.due_plan import (
    change_window_due,
    cure_dues,
    fs_plan_dues,
    reunification_dues,
    sixth_birthday_due,
)
from policy.due_tracking import change_dues, hours_unverified_due, week_not_recorded_due
from policy.stages import ENDED_STAGES, MEETING_DUE_STAGES, SIGNATURE_DUE_STAGES

__all__ = ["KINDS", "Due", "DueFacts", "case_dues", "next_due"]  # kinds: policy.due_kinds

RENEWAL_MONTHS_BEFORE = 2  # R-PL-06: the reminder is set 2 months before the plan ends
RENEWAL_STAGES = frozenset({"plan_active"})  # a signed plan running
# Stages whose items move with the date alone (the change window, last week's attendance,
# unverified hours): `flask refresh-due-items --daily` recounts only these cases.
DATE_DRIVEN_STAGES = RENEWAL_STAGES
# Stages whose due dates count working or court days: loading a holiday calendar (or changing a
# county's office days) can move them, so those cases are counted again then.
CALENDAR_STAGES = MEETING_DUE_STAGES
# A notice to the social worker waits for the EC's review; one not released after this many
# working days is late (a proposed default: the county setting sw_message_hold_days).
HELD_WORKING_DAYS = 2


@dataclass(frozen=True)
class DueFacts:
    """The facts of one case that its due dates read, gathered by the caller (R-MT-01/02,
    R-PL-02)."""

    stage: str
    identified_on: date | None = None
    assigned_on: date | None = None
    # County settings (§e Q1, §e Q3).
    meeting_anchor: str = "assigned"  # "assigned" | "identified"
    meeting_deadline_applies: bool = True
    # The child-welfare case (R-MT-02); has_cw False when none is linked.
    has_cw: bool = True
    protective_custody: bool = False
    removed_on: date | None = None
    jurisdiction_hearing_on: date | None = None
    # The current plan version's R-PL-02 clock start and its period's last day (R-PL-06).
    plan_required_from: date | None = None
    plan_period_end: date | None = None
    # (record id, next review) of each good cause (R-GC-06) and exemption (R-EX-01/08/10,
    # R-DA-02) with a review set; the operations that record them count the dates.
    good_cause_reviews: tuple[tuple[int, date], ...] = ()
    exemption_reviews: tuple[tuple[int, date], ...] = ()
    # (episode id, notice issued on, appointment on) of each notice still in its 20-day period
    # (R-NC-02), and the county's day-20 rule (§e Q10).
    open_notices: tuple[tuple[int, date, date | None], ...] = ()
    day20_roll_forward: bool = False
    # The day counted for (the caller's clock): items that come and go with the date alone.
    today: date | None = None
    # The current version's change window end (R-PL-04), start, and weekly hours (R-HR-11), and
    # the youngest aided child's birth date.
    change_window_ends: date | None = None
    plan_period_start: date | None = None
    plan_requirement: int | None = None
    youngest_born: date | None = None
    # (episode id, cure complete on) of each cure plan running (R-NC-08); (record id, last day
    # of services, redetermination) of each running reunification record (R-FR-04/07/08);
    # (referral id, plan end) of each open FS plan (R-FS-03); (change id, reported on) of each
    # significant change not re-evaluated (R-CL-06).
    cures: tuple[tuple[int, date], ...] = ()
    reunification: tuple[tuple[int, date | None, date | None], ...] = ()
    fs_plans: tuple[tuple[int, date], ...] = ()
    open_changes: tuple[tuple[int, date], ...] = ()
    # Attendance (R-CF-03): the first recordable day (the signed plan's start), the Mondays of
    # recent weeks with anything recorded, and of weeks with counting hours not verified.
    attendance_from: date | None = None
    recorded_weeks: frozenset[date] = frozenset()
    unverified_weeks: tuple[date, ...] = ()
    # (message id, day written) of each notice to the social worker the EC has not released
    # yet, and the county's working days to release one (issue 15).
    held_messages: tuple[tuple[int, date], ...] = ()
    hold_days: int = HELD_WORKING_DAYS


def meeting_target(
    facts: DueFacts, office: Collection[date], court: Collection[date]
) -> date | None:
    """R-MT-01/02 with the county's anchor (§e Q1); None where the county sets no target (§e Q3)
    or a child in custody has neither a removal nor a jurisdiction hearing date yet.

    Raises policy.calendar.CalendarNotLoaded when the count needs a year not loaded."""
    if not facts.meeting_deadline_applies:
        return None
    anchor = facts.assigned_on if facts.meeting_anchor == "assigned" else facts.identified_on
    if anchor is None or not facts.has_cw:
        return None
    custody = facts.protective_custody
    if custody and facts.removed_on is None and facts.jurisdiction_hearing_on is None:
        return None
    return meeting_due(
        assigned_on=anchor,
        in_protective_custody=custody,
        holidays=office,
        court_holidays=court,
        removed_on=facts.removed_on,
        jurisdiction_hearing_on=facts.jurisdiction_hearing_on,
    )


def plan_renewal_on(period_end: date) -> date:
    """The renewal reminder of a running plan: 2 months before its period ends, month-end
    clamped (R-PL-06: the next WTW 2 is signed in the month before the new increment)."""
    return add_months(period_end, -RENEWAL_MONTHS_BEFORE)


def case_dues(facts: DueFacts, office: Collection[date], court: Collection[date]) -> list[Due]:
    """Everything due on the case now; what is no longer listed is resolved (R-MT-01/02, R-PL-02,
    R-PL-04, R-PL-06, R-HR-11, R-GC-06, R-EX-01/08/10, R-DA-02, R-NC-02, R-NC-08, R-FR-04/07/08,
    R-FS-03, R-CF-03, R-CL-06).

    A count that reaches an unloaded holiday year gives a Due without a date instead of failing,
    so one case never stops a list. A jurisdiction hearing entered before the removal (a typing
    slip the Identify step shows) gives no meeting date rather than a wrong one."""
    found: list[Due] = []
    if facts.stage in MEETING_DUE_STAGES:
        try:
            on = meeting_target(facts, office, court)
            found += [Due(JOINT_MEETING, on)] if on else []
        except CalendarNotLoaded as exc:
            found.append(Due(JOINT_MEETING, None, missing_year=exc.year))
        except ValueError:
            pass
    if facts.stage in SIGNATURE_DUE_STAGES and facts.plan_required_from:
        found.append(Due(PLAN_SIGNATURE, plan_signature_due(facts.plan_required_from)))
    if facts.stage in RENEWAL_STAGES:
        if facts.plan_period_end:
            found.append(Due(PLAN_RENEWAL, plan_renewal_on(facts.plan_period_end)))
        found += change_window_due(facts.change_window_ends, facts.today)
        found += sixth_birthday_due(
            facts.youngest_born,
            facts.plan_period_start,
            facts.plan_period_end,
            facts.plan_requirement,
        )
        found += week_not_recorded_due(
            facts.today, facts.attendance_from, facts.recorded_weeks, office
        )
        found += hours_unverified_due(facts.today, facts.unverified_weeks)
    if facts.stage not in ENDED_STAGES:
        found += [Due(GOOD_CAUSE_REVIEW, on, str(ref)) for ref, on in facts.good_cause_reviews]
        found += [Due(EXEMPTION_REVIEW, on, str(ref)) for ref, on in facts.exemption_reviews]
        found += notice_dues(facts, office)
        found += cure_dues(facts.cures)
        found += reunification_dues(facts.reunification)
        found += fs_plan_dues(facts.fs_plans)
        found += change_dues(facts.open_changes)
    # Whatever the stage: the closing notice (R-CL-04) is written as the case ends.
    found += held_message_dues(facts.held_messages, facts.hold_days, office)
    return found


def held_message_dues(
    held: tuple[tuple[int, date], ...], hold_days: int, office: Collection[date]
) -> list[Due]:
    """Each notice to the social worker still waiting for the EC's review: due ``hold_days``
    office working days after the day it was written, late the day after (seed 000 CM 3,
    R-NC-09, R-CL-04: the SW is told what the procedures say, promptly)."""
    found: list[Due] = []
    for ref, written_on in held:
        try:
            found.append(
                Due(SW_MESSAGE_HELD, add_working_days(written_on, hold_days, office), str(ref))
            )
        except CalendarNotLoaded as exc:
            found.append(Due(SW_MESSAGE_HELD, None, str(ref), missing_year=exc.year))
    return found


def notice_dues(facts: DueFacts, office: Collection[date]) -> list[Due]:
    """Day 20 of each open NA 840/845 under the county's rule, and its appointment when one is
    set (R-NC-02, §e Q10); day 20 without a date when the roll-forward needs an unloaded year."""
    found: list[Due] = []
    for ref, issued_on, appointment_on in facts.open_notices:
        try:
            _day1, day20, _action = noncompliance_schedule(
                issued_on, roll_forward=facts.day20_roll_forward, holidays=office
            )
            found.append(Due(NONCOMPLIANCE_DAY20, day20, str(ref)))
        except CalendarNotLoaded as exc:
            found.append(Due(NONCOMPLIANCE_DAY20, None, str(ref), missing_year=exc.year))
        if appointment_on is not None:
            found.append(Due(NONCOMPLIANCE_APPOINTMENT, appointment_on, str(ref)))
    return found


def next_due(dues: Collection[Due]) -> Due | None:
    """The earliest dated item, the caseload's "Next due" (R-MT-01, R-PL-02); ties go to the
    kind listed first."""
    dated = [d for d in dues if d.on is not None]
    if not dated:
        return None
    order = {kind: i for i, kind in enumerate(KINDS)}
    return min(dated, key=lambda d: (d.on, order.get(d.kind, len(order)), d.ref))
