"""A noncompliance episode from the NA 840/845 to its end (§c7, R-NC-01..11, R-GC-08).

OPEN → COMPLIANCE_PLAN → COMPLETED | FAILED; OPEN → NO_CONTACT_DAY20 (after day 20);
OPEN | NO_CONTACT_DAY20 | FAILED → SANCTION_REVIEW (no blocker left) → SANCTIONED (a supervisor
approves) or back (returned); SANCTIONED → CURE_PLAN → CURED; any state before a sanction →
WITHDRAWN (opened by mistake). Good cause (GOOD_CAUSE_FOUND) is recorded on the good-cause page.

This module opens an episode and keeps its appointment, SW consultation, facts and withdrawal;
noncompliance_outcomes.py has the compliance plan, no contact and the sanction request, and
sanction.py the supervisor's review and the cure. Each change adds a history row; the
participant's WTW status follows the case's open episodes. Nothing commits; a change that is
not allowed raises NoncomplianceRefused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.compliance import NoncomplianceEpisode
from models.enums import NoncomplianceStatus, NoncomplianceTrigger, NoticeType, WtwStatus
from models.history import Change
from models.operations import sw_notices
from models.operations.history import diff, record_event, show
from models.queries.noncompliance import (
    BEFORE_SANCTION,
    Schedule,
    open_episode_statuses,
)
from policy.compliance import BLOCKER_WORDS, NoncomplianceFacts, sanction_blockers

S = NoncomplianceStatus
NOTE_MAX = 2000
# A sanction is asked for after day 20 with no contact, or after a failed plan (R-NC-05).
MAY_ASK_SANCTION = frozenset({S.OPEN, S.NO_CONTACT_DAY20, S.FAILED})
# The participant's WTW status while an episode is in a state; the strongest one wins.
WTW_FOR = {
    S.OPEN: WtwStatus.NONCOMPLIANCE,
    S.NO_CONTACT_DAY20: WtwStatus.NONCOMPLIANCE,
    S.FAILED: WtwStatus.NONCOMPLIANCE,
    S.SANCTION_REVIEW: WtwStatus.NONCOMPLIANCE,
    S.COMPLIANCE_PLAN: WtwStatus.COMPLIANCE_PLAN,
    S.SANCTIONED: WtwStatus.SANCTIONED,
    S.CURE_PLAN: WtwStatus.CURE_PLAN,
}
STRONGEST = (
    WtwStatus.SANCTIONED,
    WtwStatus.CURE_PLAN,
    WtwStatus.NONCOMPLIANCE,
    WtwStatus.COMPLIANCE_PLAN,
)


class NoncomplianceRefused(ValueError):
    """Not allowed now; the message says why and ``field`` names the form field it is about."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class OpenInput:
    trigger: NoncomplianceTrigger
    notice_type: NoticeType
    notice_issued_on: date
    about_cfs_activity: bool
    activity_name: str
    missed_on: date | None
    transportation_advanced: bool
    note: str


def opening_refusal(case: MutualCase) -> str | None:
    """Why no noncompliance may be opened for this participant, or None (§e Q14, R-EX-09)."""
    status = case.participant.wtw_status
    if status == WtwStatus.FR_SERVICES_ONLY:
        return (
            "This participant gets family reunification services only (AB 429), with no cash "
            "grant to reduce. Do not open an NA 840 or NA 845 until the county confirms the rule "
            "(§e Q14, R-FR-03)."
        )
    if status in (WtwStatus.EXEMPT, WtwStatus.EXEMPT_VOLUNTEER):
        return (
            "An exempt participant cannot be in noncompliance: a volunteer who stops is closed "
            "from Welfare-to-Work, not sanctioned (R-EX-09)."
        )
    if status == WtwStatus.FAMILY_STABILIZATION:
        return (
            "In family stabilization the client is not held to the WTW hours, and stopping the "
            "FS plan is not itself a reason for an NA 840 (R-FS-02)."
        )
    return None


def day_text(day: date | None) -> str:
    return f"{day:%m/%d/%Y}" if day else ""


def _sync_wtw(db: Session, case: MutualCase) -> list[Change]:
    """Set the WTW status from the open episodes; MANDATORY when none is left."""
    db.flush()
    wanted = {WTW_FOR[s] for s in open_episode_statuses(db, case) if s in WTW_FOR}
    target = next((w for w in STRONGEST if w in wanted), None)
    current = case.participant.wtw_status
    if target is None:
        if current not in STRONGEST:
            return []
        target = WtwStatus.MANDATORY
    if target == current:
        return []
    case.participant.wtw_status = target
    return [Change("wtw_status", "WTW status", current.label, target.label)]


def add_event(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    user_id: int,
    summary: str,
    changes: list[Change],
    reason: str = "",
) -> None:
    changes = changes + _sync_wtw(db, case)
    record_event(
        db, case.id, user_id, "noncompliance", f"{episode.notice_label}: {summary}", changes, reason
    )


def move_to(episode: NoncomplianceEpisode, status: NoncomplianceStatus) -> Change:
    before = episode.status
    episode.status = status
    return Change("status", "Status", before.label, status.label)


def require_status(
    episode: NoncomplianceEpisode, allowed: frozenset[S] | set[S], what: str
) -> None:
    if episode.status not in allowed:
        raise NoncomplianceRefused(f"{what} is not possible now: {episode.status.label.lower()}.")


def sw_gate(case: MutualCase, episode: NoncomplianceEpisode, today: date) -> None:
    """Orange, a CFS activity: the SW is consulted before anything moves toward a sanction."""
    facts = NoncomplianceFacts(
        county=case.county.code,
        notice_issued_on=episode.notice_issued_on,
        today=max(today, episode.notice_issued_on),
        about_cfs_activity=episode.about_cfs_activity,
        sw_consulted=episode.sw_consulted,
    )
    if "R-NC-09" in sanction_blockers(facts):
        raise NoncomplianceRefused(
            f"{BLOCKER_WORDS['R-NC-09']} Record the consultation first (R-NC-09)."
        )


def open_episode(
    db: Session, case: MutualCase, values: OpenInput, user_id: int, today: date
) -> NoncomplianceEpisode:
    """Open an episode on the NA 840/845 (R-NC-01/02); the participant is in noncompliance."""
    if (refusal := opening_refusal(case)) is not None:
        raise NoncomplianceRefused(refusal)
    if values.missed_on is not None and values.missed_on > values.notice_issued_on:
        raise NoncomplianceRefused(
            "The missed day cannot be after the notice was issued.", field="missed_on"
        )
    facts = NoncomplianceFacts(
        county=case.county.code,
        notice_issued_on=values.notice_issued_on,
        today=max(today, values.notice_issued_on),
        missed_on=values.missed_on,
        transportation_advanced=values.transportation_advanced,
    )
    if "R-SS-02" in sanction_blockers(facts):  # E25: no noncompliance for that week at all
        raise NoncomplianceRefused(
            f"{BLOCKER_WORDS['R-SS-02']} No noncompliance can be opened for it (R-SS-02, E25): "
            "record good cause instead.",
            field="transportation",
        )
    episode = NoncomplianceEpisode(
        case_id=case.id,
        trigger=values.trigger.value,
        notice_type=values.notice_type.value,
        notice_issued_on=values.notice_issued_on,
        about_cfs_activity=values.about_cfs_activity,
        activity_name=values.activity_name.strip()[:120],
        missed_on=values.missed_on,
        transportation_advanced=values.transportation_advanced,
        notes=values.note.strip()[:NOTE_MAX],
        status=S.OPEN,
        recorded_by_id=user_id,
    )
    db.add(episode)
    changes = [
        Change("trigger", "What happened", "", values.trigger.label),
        Change("notice_issued_on", "Notice issued", "", show(values.notice_issued_on)),
    ]
    if episode.activity_name:
        changes.append(Change("activity_name", "Activity", "", episode.activity_name))
    if not values.transportation_advanced:
        changes.append(Change("transportation_advanced", "Transportation advanced", "", "No"))
    add_event(
        db,
        case,
        episode,
        user_id,
        f"noncompliance opened, issued {day_text(values.notice_issued_on)}",
        changes,
    )
    if episode.about_cfs_activity:  # Orange: the consult request of R-NC-09
        sw_notices.noncompliance(db, case, episode, user_id)
    return episode


def _in_window(day: date, episode: NoncomplianceEpisode, schedule: Schedule, field: str) -> None:
    if day < episode.notice_issued_on:
        raise NoncomplianceRefused(
            f"The appointment cannot be before the notice ({day_text(episode.notice_issued_on)}).",
            field=field,
        )
    if day > schedule.day20:
        raise NoncomplianceRefused(
            f"The appointment must be on or before day 20 ({day_text(schedule.day20)}) (R-NC-02).",
            field=field,
        )


def set_appointment(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    on: date,
    schedule: Schedule,
    user_id: int,
) -> None:
    """The county appointment, within the 20 days (R-NC-02)."""
    require_status(episode, {S.OPEN}, "Setting the appointment")
    if episode.appointment_on is not None:
        raise NoncomplianceRefused("The appointment is set: reschedule it instead.", field="on")
    _in_window(on, episode, schedule, "on")
    episode.appointment_on = on
    add_event(
        db,
        case,
        episode,
        user_id,
        "appointment set",
        [Change("appointment_on", "Appointment", "", show(on))],
    )


def reschedule(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    to: date,
    schedule: Schedule,
    user_id: int,
) -> None:
    """Move the appointment, once, still within the 20 days (R-NC-02)."""
    require_status(episode, {S.OPEN}, "Rescheduling")
    if episode.appointment_on is None:
        raise NoncomplianceRefused("Set the appointment first.", field="to")
    if episode.rescheduled_once:
        raise NoncomplianceRefused(
            "The appointment was already rescheduled once; it can be moved only once (R-NC-02).",
            field="to",
        )
    _in_window(to, episode, schedule, "to")
    if to == episode.appointment_on:
        raise NoncomplianceRefused("That is the day already set.", field="to")
    episode.rescheduled_once = True
    episode.rescheduled_to = to
    change = Change("rescheduled_to", "Appointment", show(episode.appointment_on), show(to))
    add_event(
        db, case, episode, user_id, "appointment rescheduled (the one time allowed)", [change]
    )


def record_consult(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    on: date,
    with_whom: str,
    outcome: str,
    user_id: int,
) -> None:
    """The EC and the CFS/DFCS social worker conferred about good cause (R-NC-09, R-GC-04)."""
    require_status(episode, BEFORE_SANCTION, "Recording the consultation")
    before = _consult(episode)
    episode.sw_consulted = True
    episode.sw_consulted_on = on
    episode.sw_consulted_with = with_whom.strip()[:120]
    episode.sw_consult_outcome = outcome.strip()[:NOTE_MAX]
    changes = diff(before, _consult(episode), CONSULT_LABELS)
    add_event(db, case, episode, user_id, "social worker consulted", changes)


CONSULT_LABELS = {
    "sw_consulted": "Social worker consulted",
    "sw_consulted_on": "Consulted on",
    "sw_consulted_with": "With",
    "sw_consult_outcome": "What you decided",
}


def _consult(episode: NoncomplianceEpisode) -> dict[str, object]:
    return {name: getattr(episode, name) for name in CONSULT_LABELS}


FACT_LABELS = {
    "met_state_minimum": "Met the state minimum hours",
    "exempt_during_period": "An exemption existed during the period",
    "transportation_advanced": "Transportation paid in advance",
}


def record_facts(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    facts: dict[str, bool],
    user_id: int,
) -> None:
    """What stops a sanction as the EC learns it (R-HR-09, R-EX-12, R-SS-02)."""
    require_status(episode, BEFORE_SANCTION, "Changing these facts")
    before = {name: getattr(episode, name) for name in FACT_LABELS}
    for name in FACT_LABELS:
        setattr(episode, name, bool(facts[name]))
    changes = diff(before, facts, FACT_LABELS)
    if changes:
        add_event(db, case, episode, user_id, "facts recorded", changes)


def withdraw(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    reason: str,
    today: date,
    user_id: int,
) -> None:
    """Withdraw an episode opened by mistake; the reason is kept in its notes and the history."""
    require_status(episode, BEFORE_SANCTION, "Withdrawing")
    reason = reason.strip()[:NOTE_MAX]
    if not reason:
        raise NoncomplianceRefused("Say why it is withdrawn.", field="reason")
    episode.closed_on = today
    line = f"Withdrawn {day_text(today)}: {reason}"
    episode.notes = f"{episode.notes}\n{line}".strip()[: NOTE_MAX * 2]
    add_event(
        db,
        case,
        episode,
        user_id,
        "withdrawn (opened by mistake)",
        [move_to(episode, S.WITHDRAWN)],
        reason,
    )
