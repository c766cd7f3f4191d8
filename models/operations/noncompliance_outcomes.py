"""A noncompliance episode's outcomes before any sanction: the compliance plan (WTW 32) and
how it ends, no contact by day 20, and the request for a sanction that the supervisor reviews
(R-NC-05, R-NC-06, R-GC-08). In Orange a CFS activity's episode moves toward a sanction only
after the SW consultation (R-NC-09). No commit; a refused change raises NoncomplianceRefused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.compliance import NoncomplianceEpisode
from models.enums import NoncomplianceStatus
from models.history import Change
from models.operations.history import show
from models.operations.noncompliance import (
    MAY_ASK_SANCTION,
    NOTE_MAX,
    NoncomplianceRefused,
    add_event,
    day_text,
    move_to,
    require_status,
    sw_gate,
)
from models.queries.noncompliance import SanctionCheck, Schedule

S = NoncomplianceStatus


@dataclass(frozen=True)
class PlanInput:
    """The compliance plan (WTW 32, R-NC-06)."""

    activities: str
    start_on: date
    end_on: date
    agreed_on: date
    by_phone: bool


def agree_plan(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    plan: PlanInput,
    schedule: Schedule,
    user_id: int,
) -> None:
    """A compliance plan agreed by day 20, in person or by phone (R-NC-05, R-NC-06)."""
    require_status(episode, {S.OPEN}, "A compliance plan")
    if plan.agreed_on < episode.notice_issued_on:
        raise NoncomplianceRefused(
            f"It cannot be agreed before the notice ({day_text(episode.notice_issued_on)}).",
            field="agreed_on",
        )
    if plan.agreed_on > schedule.day20:
        raise NoncomplianceRefused(
            f"A compliance plan must be agreed by day 20 ({day_text(schedule.day20)}); after that "
            "the noncompliance goes on to a sanction (R-NC-05).",
            field="agreed_on",
        )
    episode.compliance_plan_activities = plan.activities.strip()[:NOTE_MAX]
    episode.compliance_plan_start = plan.start_on
    episode.compliance_plan_end = plan.end_on
    episode.compliance_plan_agreed_on = plan.agreed_on
    episode.compliance_plan_by_phone = plan.by_phone
    how = "by phone" if plan.by_phone else "in person"
    changes = [
        move_to(episode, S.COMPLIANCE_PLAN),
        Change("compliance_plan_activities", "Activities", "", episode.compliance_plan_activities),
        Change("compliance_plan", "Dates", "", f"{show(plan.start_on)} to {show(plan.end_on)}"),
        Change("compliance_plan_agreed_on", "Agreed", "", f"{show(plan.agreed_on)}, {how}"),
    ]
    add_event(db, case, episode, user_id, "compliance plan (WTW 32) agreed", changes)


def complete_plan(
    db: Session, case: MutualCase, episode: NoncomplianceEpisode, today: date, user_id: int
) -> None:
    """The compliance plan was met: the episode ends with no sanction."""
    require_status(episode, {S.COMPLIANCE_PLAN}, "Completing the plan")
    end = episode.compliance_plan_end
    if end is not None and today < end:
        raise NoncomplianceRefused(
            f"The compliance plan runs to {day_text(end)}: record it completed from that day."
        )
    episode.closed_on = today
    add_event(
        db, case, episode, user_id, "compliance plan completed", [move_to(episode, S.COMPLETED)]
    )


def fail_plan(
    db: Session, case: MutualCase, episode: NoncomplianceEpisode, today: date, user_id: int
) -> None:
    """The plan failed without good cause: a sanction by NA 817 may follow (R-NC-05)."""
    require_status(episode, {S.COMPLIANCE_PLAN}, "Recording the plan as failed")
    sw_gate(case, episode, today)
    add_event(db, case, episode, user_id, "compliance plan failed", [move_to(episode, S.FAILED)])


def no_contact(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    today: date,
    schedule: Schedule,
    user_id: int,
) -> None:
    """No contact, no good cause and no plan by the end of day 20 (R-NC-05)."""
    require_status(episode, {S.OPEN}, "Recording no contact")
    if today <= schedule.day20:
        raise NoncomplianceRefused(
            f"Day 20 is {day_text(schedule.day20)}: the client can still call or come in until the "
            "end of that day (R-NC-02)."
        )
    sw_gate(case, episode, today)
    add_event(
        db, case, episode, user_id, "no contact by day 20", [move_to(episode, S.NO_CONTACT_DAY20)]
    )


def request_sanction(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    check: SanctionCheck,
    today: date,
    user_id: int,
) -> None:
    """Ask the supervisor to review a sanction (R-GC-08): only with no blocker left."""
    require_status(episode, MAY_ASK_SANCTION, "Asking for a sanction")
    if check.blockers:
        rules = ", ".join(b.rule for b in check.blockers)
        raise NoncomplianceRefused(f"A sanction cannot be asked for yet ({rules}).")
    episode.sanction_requested_on = today
    episode.sanction_requested_by_id = user_id
    episode.sanction_review = ""
    episode.sanction_reviewed_on = None
    episode.sanction_reviewed_by_id = None
    episode.sanction_review_note = ""
    changes = [
        move_to(episode, S.SANCTION_REVIEW),
        Change("notice", "Sanction notice", "", check.notice),
    ]
    add_event(db, case, episode, user_id, "sanction asked for, waiting for the supervisor", changes)
