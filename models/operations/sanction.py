"""The end of a noncompliance episode that reaches a sanction: the supervisor's review before
any sanction (R-GC-08) and the cure (WTW 29, R-NC-08). See models/operations/noncompliance.py
for the road up to the request. No commit; a refused change raises NoncomplianceRefused.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.compliance import NoncomplianceEpisode
from models.enums import NoncomplianceStatus, SanctionReview
from models.history import Change
from models.operations.history import show
from models.operations.noncompliance import (
    NOTE_MAX,
    NoncomplianceRefused,
    add_event,
    day_text,
    move_to,
    require_status,
)
from models.queries.noncompliance import SanctionCheck, Schedule
from policy.deadlines import cure_complete

S = NoncomplianceStatus


def review_sanction(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    decision: SanctionReview,
    note: str,
    check: SanctionCheck,
    schedule: Schedule,
    today: date,
    user_id: int,
) -> None:
    """The supervisor approves the sanction, effective on the earliest action date or today if
    later, or returns it with a note (good cause or active status instead, R-GC-08). The
    blockers are checked again: anything learned since the request still stops it."""
    require_status(episode, {S.SANCTION_REVIEW}, "A review")
    note = note.strip()[:NOTE_MAX]
    if decision == SanctionReview.RETURNED and not note:
        raise NoncomplianceRefused("Say why it goes back and what to do instead.", field="note")
    if decision == SanctionReview.APPROVED and check.blockers:
        rules = ", ".join(b.rule for b in check.blockers)
        raise NoncomplianceRefused(f"The sanction cannot be approved: {rules}.", field="decision")
    episode.sanction_review = decision.value
    episode.sanction_reviewed_on = today
    episode.sanction_reviewed_by_id = user_id
    episode.sanction_review_note = note
    changes = [Change("sanction_review", "Supervisor's review", "", decision.label)]
    if decision == SanctionReview.APPROVED:
        effective = max(schedule.action_on, today)
        episode.sanction_effective_on = effective
        changes.insert(0, move_to(episode, S.SANCTIONED))
        changes.append(Change("sanction_effective_on", "Sanction from", "", show(effective)))
        changes.append(Change("notice", "Notice", "", check.notice))
        summary = f"sanction approved, effective {day_text(effective)}"
    else:
        back = S.FAILED if episode.compliance_plan_start is not None else S.OPEN
        changes.insert(0, move_to(episode, back))
        summary = "sanction returned by the supervisor"
    if note:
        changes.append(Change("sanction_review_note", "Supervisor's note", "", note))
    add_event(db, case, episode, user_id, summary, changes)


def start_cure(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    signed_on: date,
    activity_ends_on: date,
    user_id: int,
) -> None:
    """A cure plan (WTW 29): aid returns after the activity or 30 days, the shorter (R-NC-08)."""
    require_status(episode, {S.SANCTIONED}, "A cure plan")
    approved = episode.sanction_reviewed_on
    if approved is not None and signed_on < approved:
        raise NoncomplianceRefused(
            f"The cure plan cannot be signed before the sanction was approved ({day_text(approved)}).",
            field="signed_on",
        )
    if activity_ends_on < signed_on:
        raise NoncomplianceRefused(
            "The activity cannot end before the cure plan was signed.", field="activity_ends_on"
        )
    complete = cure_complete(cure_plan_signed_on=signed_on, activity_ends_on=activity_ends_on)
    episode.cure_plan_signed_on = signed_on
    episode.cure_activity_ends_on = activity_ends_on
    episode.cure_complete_on = complete
    changes = [
        move_to(episode, S.CURE_PLAN),
        Change("cure_plan_signed_on", "Cure plan signed", "", show(signed_on)),
        Change("cure_activity_ends_on", "Activity ends", "", show(activity_ends_on)),
        Change("cure_complete_on", "Cure complete on", "", show(complete)),
    ]
    add_event(db, case, episode, user_id, "cure plan (WTW 29) signed", changes)


def mark_cured(
    db: Session, case: MutualCase, episode: NoncomplianceEpisode, today: date, user_id: int
) -> None:
    """The client did the cure activity to its end or for 30 days: the sanction ends."""
    require_status(episode, {S.CURE_PLAN}, "Recording the cure")
    complete = episode.cure_complete_on
    if complete is not None and today < complete:
        raise NoncomplianceRefused(
            f"The cure is complete on {day_text(complete)}: record it from that day (R-NC-08)."
        )
    episode.closed_on = today
    add_event(db, case, episode, user_id, "sanction cured", [move_to(episode, S.CURED)])
