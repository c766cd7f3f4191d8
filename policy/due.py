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

from policy.calendar import CalendarNotLoaded
from policy.deadlines import add_months, meeting_due, noncompliance_schedule, plan_signature_due
from policy.stages import ENDED_STAGES, MEETING_DUE_STAGES, SIGNATURE_DUE_STAGES

JOINT_MEETING = "joint_meeting"  # R-MT-01/02
PLAN_SIGNATURE = "plan_signature"  # R-PL-02
PLAN_RENEWAL = "plan_renewal"  # R-PL-06
GOOD_CAUSE_REVIEW = "good_cause_review"  # R-GC-06
EXEMPTION_REVIEW = "exemption_review"  # R-EX-01/08/10, R-DA-02
NONCOMPLIANCE_DAY20 = "noncompliance_day20"  # R-NC-02, §e Q10
NONCOMPLIANCE_APPOINTMENT = "noncompliance_appointment"  # R-NC-02
KINDS = (
    JOINT_MEETING,
    PLAN_SIGNATURE,
    PLAN_RENEWAL,
    GOOD_CAUSE_REVIEW,
    EXEMPTION_REVIEW,
    NONCOMPLIANCE_DAY20,
    NONCOMPLIANCE_APPOINTMENT,
)
RENEWAL_MONTHS_BEFORE = 2  # R-PL-06: the reminder is set 2 months before the plan ends
RENEWAL_STAGES = frozenset({"plan_active"})  # a signed plan running
# Stages whose due dates count working or court days: loading a holiday calendar (or changing a
# county's office days) can move them, so those cases are counted again then.
CALENDAR_STAGES = MEETING_DUE_STAGES


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


@dataclass(frozen=True)
class Due:
    """One thing due: ``on`` is None when it could not be counted, and ``missing_year`` says
    which year's holiday calendar the count needed (R-WD-01, §e Q8)."""

    kind: str
    on: date | None
    ref: str = ""  # which one, for kinds a case can owe more than once (a week, an episode)
    missing_year: int | None = None


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
    R-PL-06, R-GC-06, R-EX-01/08/10, R-NC-02).

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
    if facts.stage in RENEWAL_STAGES and facts.plan_period_end:
        found.append(Due(PLAN_RENEWAL, plan_renewal_on(facts.plan_period_end)))
    if facts.stage not in ENDED_STAGES:
        found += [Due(GOOD_CAUSE_REVIEW, on, str(ref)) for ref, on in facts.good_cause_reviews]
        found += [Due(EXEMPTION_REVIEW, on, str(ref)) for ref, on in facts.exemption_reviews]
        found += notice_dues(facts, office)
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
