"""Joint meeting: its target date, saving what the EC recorded, and the stage moves that follow
(R-MT-01..08, §c3, §c7, §e Q1-Q3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from models.base import as_utc, utcnow
from models.cases import MutualCase
from models.enums import AttendeeRole, IntegrationConsent, MeetingPlace, ReferralProgram, Stage
from models.meeting import AGENDA_ITEMS, TOPICS, Meeting, MeetingAttendee
from models.operations.history import diff, record_event
from models.operations.stages import StageBlocked, move_stage
from models.programs import Referral
from models.queries.calendars import court_holidays, not_loaded_message, office_holidays
from models.queries.case_facts import case_facts
from models.queries.caseload import meeting_due_for
from policy.calendar import CalendarNotLoaded, previous_working_day
from policy.deadlines import MEETING_WORKING_DAYS, custody_timeline
from policy.stages import BEFORE_ASSIGNMENT, blockers

HISTORY_LABELS = {
    "scheduled_at": "Scheduled for",
    "place": "Place",
    "attendees": "Attendees",
    "held_on": "Held on",
    "client_attended": "Client attended",
    "agenda": "Agenda items covered",
    "topics": "Topics gone over",
    "strengths": "Strengths",
    "barriers": "Barriers",
    "needs": "Needs",
    "concerns": "Concerns",
    "notes": "Notes",
    "integration": "Integration decision",
    "integration_note": "Why declined",
    "referrals": "Referrals",
}
TEXTS = ("strengths", "barriers", "needs", "concerns", "notes")


def referral_programs(offers_fsp: bool, offers_bfh: bool) -> list[str]:
    """FSP and BFH only where the county runs them (§c1 offers_fsp / offers_bfh)."""
    skip = {"fsp"} if not offers_fsp else set()
    skip |= {"bfh"} if not offers_bfh else set()
    return [p.value for p in ReferralProgram if p.value not in skip]


@dataclass(frozen=True)
class DueInfo:
    """What the page says about the meeting's target date."""

    on: date | None = None
    rule: str = ""  # five_working_days | before_court | ""
    rule_text: str = ""
    missing: str = ""  # what to enter so the date can be computed
    applies: bool = True  # False where the county sets no day count (§e Q3)
    days_left: int = 0
    overdue: bool = False
    refused: str = ""  # why the date cannot be counted (a holiday calendar not loaded)


def due_info(db: Session, case: MutualCase, today: date, held: bool) -> DueInfo:
    """R-MT-01/02 through models.queries.caseload.meeting_due_for, the same function as the caseload,
    plus which rule gave the date (so the page can say it). A count reaching a year whose holiday
    calendar is not loaded gives no date but the reason (``refused``)."""
    county = case.county
    if not county.meeting_deadline_applies:
        return DueInfo(applies=False)
    try:
        return _due_info(db, case, today, held)
    except CalendarNotLoaded as exc:
        return DueInfo(refused=not_loaded_message(exc))


def _due_info(db: Session, case: MutualCase, today: date, held: bool) -> DueInfo:
    county = case.county
    office, court = office_holidays(db, county), court_holidays(db)
    due = meeting_due_for(case, county, office, court)
    anchor = case.assigned_on if county.meeting_anchor == "assigned" else case.identified_on
    cw = case.child_welfare_case
    if due is None or anchor is None:
        if anchor is None:
            what = "assignment" if county.meeting_anchor == "assigned" else "identification"
            return DueInfo(missing=f"The target counts from the {what} date (§e Q1).")
        return DueInfo(
            missing="A child is in protective custody, so the meeting is due before court: enter "
            "the jurisdiction hearing date (or the removal date) on the Identify step (R-MT-02)."
        )
    after = "assignment" if county.meeting_anchor == "assigned" else "identification"
    five = f"{MEETING_WORKING_DAYS} working days after {after} (R-MT-01)"
    rule, text = "five_working_days", five
    if cw is not None and cw.protective_custody:
        if cw.jurisdiction_hearing_on is not None:
            court_day = cw.jurisdiction_hearing_on
            what = "the court day before the jurisdiction hearing (R-MT-02)"
        else:
            assert cw.removed_on is not None  # meeting_due_for returned a date
            court_day = custody_timeline(
                removed_on=cw.removed_on, court_holidays=court
            ).jurisdiction_by
            what = (
                "the court day before the latest jurisdiction hearing date the law allows after "
                "the removal (R-MT-02, R-CT-01..03); enter the actual date on Identify when known"
            )
        if previous_working_day(court_day, court) >= anchor:
            rule, text = "before_court", what
        else:
            text = f"{five}: the court date had passed when the case was assigned"
    days_left = (due - today).days
    return DueInfo(due, rule, text, days_left=days_left, overdue=days_left < 0 and not held)


def local_parts(at: datetime | None, zone: Any) -> tuple[date | None, Any]:
    if at is None:
        return None, None
    local = as_utc(at).astimezone(zone)
    return local.date(), local.time().replace(second=0, microsecond=0)


def _referral_text(db: Session, case_id: int) -> str:
    rows = db.scalars(select(Referral).where(Referral.case_id == case_id).order_by(Referral.id))
    return "; ".join(f"{ReferralProgram.label_of(r.program)} {r.referred_on}" for r in rows)


def _role_words(role: str, case: MutualCase) -> str:
    county = case.county
    try:
        return AttendeeRole(role).in_county(county.specialist_title, county.cw_division_label)
    except ValueError:
        return AttendeeRole.label_of(role)


def snapshot(db: Session, case: MutualCase, meeting: Meeting | None, zone: Any) -> dict[str, Any]:
    """The meeting as the history shows it (before/after of each save)."""
    values: dict[str, Any] = {
        "integration": case.integration_consent.label,
        "integration_note": case.integration_note,
        "referrals": _referral_text(db, case.id),
    }
    if meeting is None:
        return values
    day, time = local_parts(meeting.scheduled_at, zone)
    place = MeetingPlace.label_of(meeting.location_kind, "")
    detail = meeting.location_detail.strip()
    values.update(
        scheduled_at=f"{day} {time.strftime('%H:%M')}" if day and time else "",
        place=f"{place}: {detail}" if detail else (place if meeting.scheduled_at else ""),
        attendees="; ".join(
            f"{a.name} ({_role_words(a.role, case)}{', present' if a.present else ''})"
            for a in meeting.attendees
        ),
        held_on=meeting.held_on,
        client_attended=meeting.client_attended,
        agenda="; ".join(label for name, label in AGENDA_ITEMS if getattr(meeting, name)),
        topics="; ".join(label for name, label in TOPICS if getattr(meeting, name)),
        **{name: getattr(meeting, name) for name in TEXTS},
    )
    return values


def apply_meeting(
    db: Session,
    case: MutualCase,
    meeting: Meeting | None,
    values: dict[str, Any],
    *,
    user_id: int,
    today: date,
    due: DueInfo,
    zone: Any,
) -> Meeting:
    """Write the form's values (one Meeting row per case), add new referrals and one history
    row with what changed. ``values['scheduled_at']`` is already an aware UTC datetime."""
    before = snapshot(db, case, meeting, zone)
    created = meeting is None
    if meeting is None:
        meeting = Meeting(case_id=case.id)
        db.add(meeting)
        # Bump the case too: two workers creating the first meeting at once then collide on the
        # case's version (StaleDataError) instead of leaving two meetings.
        case.updated_at = utcnow()
    meeting.due_on, meeting.due_rule = due.on, due.rule
    meeting.scheduled_at = values["scheduled_at"]
    meeting.location_kind = values["location_kind"]
    meeting.location_detail = values["location_detail"].strip()
    meeting.held_on = values["held_on"]
    meeting.client_attended = values["client_attended"]
    for name, _label in (*AGENDA_ITEMS, *TOPICS):
        if name in values:  # topics are not asked in every county (R-MT-04)
            setattr(meeting, name, bool(values[name]))
    for name in TEXTS:
        setattr(meeting, name, (values[name] or "").strip())
    meeting.attendees = [
        MeetingAttendee(role=a["role"], name=a["name"].strip(), present=bool(a["present"]))
        for a in values["attendees"]
    ]
    flag_modified(meeting, "notes")  # every save bumps the version, even with no change
    consent = IntegrationConsent(values["integration"])
    if consent != case.integration_consent or values["integration_note"] != case.integration_note:
        case.integration_consent = consent
        case.integration_note = values["integration_note"]
        case.updated_at = utcnow()
    existing = set(db.scalars(select(Referral.program).where(Referral.case_id == case.id)))
    for program in values["referrals"]:
        if program not in existing:  # never a second row for the same program
            db.add(Referral(case_id=case.id, program=program, referred_on=meeting.held_on or today))
    db.flush()
    changes = diff(before, snapshot(db, case, meeting, zone), HISTORY_LABELS)
    summary = "Joint meeting recorded" if created else "Joint meeting updated"
    if created or changes:
        record_event(db, case.id, user_id, "meeting", summary, changes)
    return meeting


def _next_stage(case: MutualCase, meeting: Meeting) -> Stage | None:
    """One move toward the furthest stage the meeting's facts allow (§c7)."""
    consent, stage = case.integration_consent, case.stage
    if stage == Stage.ASSIGNED and meeting.scheduled_at:
        return Stage.MEETING_SCHEDULED
    if stage == Stage.MEETING_SCHEDULED and meeting.held_on:
        return Stage.MEETING_HELD
    if consent == IntegrationConsent.DECLINED and stage in (
        Stage.MEETING_SCHEDULED,
        Stage.MEETING_HELD,
    ):
        return Stage.INTEGRATION_DECLINED
    if (
        stage == Stage.INTEGRATION_DECLINED
        and consent == IntegrationConsent.AGREED
        and meeting.held_on
    ):
        return Stage.MEETING_HELD  # the client changed their mind (R-MT-05)
    return None


def advance(db: Session, case: MutualCase, meeting: Meeting, user_id: int) -> tuple[str, ...]:
    """Move the case stage by stage; returns why it could not move (empty when all is well)."""
    if case.stage in BEFORE_ASSIGNMENT:
        target = "confirmed" if case.stage == Stage.CANDIDATE else "assigned"
        facts = case_facts(db, case)
        return (
            f"The case is at “{case.stage_label}”: the meeting counts once the case "
            "is confirmed and assigned.",
            *blockers(target, facts),
        )
    if (
        case.stage == Stage.INTEGRATION_DECLINED
        and case.integration_consent == IntegrationConsent.AGREED
        and not meeting.held_on
    ):
        return ("Enter the date the meeting was held: the case then returns to one plan.",)
    for _ in range(3):  # assigned → scheduled → held → declined at most
        target = _next_stage(case, meeting)
        if target is None:
            break
        try:
            move_stage(db, case, target, user_id, "Joint meeting step")
        except StageBlocked as exc:
            return exc.reasons
        db.flush()
    return ()
