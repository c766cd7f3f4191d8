"""Joint meeting: its target date, scheduling it, recording the meeting held, and the stage moves
that follow (R-MT-01..08, §c3, §c7, §e Q1-Q3). Scheduling and recording are two forms on one
Meeting row per case; a meeting may be recorded without being scheduled first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from models.base import as_utc, utcnow
from models.cases import MutualCase
from models.enums import AttendeeRole, IntegrationConsent, MeetingPlace, ReferralProgram, Stage
from models.meeting import TOPICS, Meeting, MeetingAttendee, agenda_for
from models.operations.history import diff, record_event
from models.operations.stages import StageBlocked, move_stage
from models.programs import Referral
from models.queries.calendars import court_holidays, not_loaded_message, office_holidays
from models.queries.case_facts import case_facts
from models.queries.due import meeting_due_for
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
    """R-MT-01/02 through models.queries.due.meeting_due_for, the rule the caseload stores (policy.due),
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


def when_text(at: datetime | None, zone: Any) -> str:
    """A scheduled time as people read it, in county time: "11/25/2026 at 2:30 PM"."""
    day, time = local_parts(at, zone)
    if day is None or time is None:
        return ""
    return f"{day:%m/%d/%Y} at {time.strftime('%-I:%M %p')}"


@dataclass(frozen=True)
class Person:
    """One person invited to (and perhaps at) the meeting."""

    role: str
    name: str
    present: bool = False


@dataclass(frozen=True)
class ScheduleInput:
    """The "Schedule the meeting" form: ``scheduled_at`` is an aware UTC datetime."""

    scheduled_at: datetime
    location_kind: str
    location_detail: str
    people: list[Person] = field(default_factory=list)


@dataclass(frozen=True)
class RecordInput:
    """The "Record the meeting held" form. ``checked`` holds the agenda items (and, in Santa
    Clara, the topics) the county asks about; the others are left as they are."""

    held_on: date
    people: list[Person]
    checked: dict[str, bool]
    texts: dict[str, str]
    referrals: list[str]
    integration: str
    integration_note: str = ""


def _referral_text(db: Session, case_id: int) -> str:
    rows = db.scalars(select(Referral).where(Referral.case_id == case_id).order_by(Referral.id))
    return "; ".join(
        f"{ReferralProgram.label_of(r.program)} {r.referred_on:%m/%d/%Y}" for r in rows
    )


def _role_words(role: str, case: MutualCase) -> str:
    county = case.county
    try:
        return AttendeeRole(role).in_county(county.specialist_title, county.cw_division_label)
    except ValueError:
        return AttendeeRole.label_of(role)


def snapshot(db: Session, case: MutualCase, meeting: Meeting | None, zone: Any) -> dict[str, Any]:
    """The meeting as the history shows it (before/after of each save), dates MM/DD/YYYY."""
    values: dict[str, Any] = {
        "integration": case.integration_consent.label,
        "integration_note": case.integration_note,
        "referrals": _referral_text(db, case.id),
    }
    if meeting is None:
        return values
    place = MeetingPlace.label_of(meeting.location_kind, "")
    detail = meeting.location_detail.strip()
    values.update(
        scheduled_at=when_text(meeting.scheduled_at, zone),
        place=f"{place}: {detail}" if detail else (place if meeting.scheduled_at else ""),
        attendees="; ".join(
            f"{a.name} ({_role_words(a.role, case)}{', present' if a.present else ''})"
            for a in meeting.attendees
        ),
        held_on=f"{meeting.held_on:%m/%d/%Y}" if meeting.held_on else "",
        client_attended=meeting.client_attended,
        agenda="; ".join(
            label for name, label in agenda_for(case.county.code) if getattr(meeting, name)
        ),
        topics="; ".join(label for name, label in TOPICS if getattr(meeting, name)),
        **{name: getattr(meeting, name) for name in TEXTS},
    )
    return values


def _start(db: Session, case: MutualCase, meeting: Meeting | None) -> Meeting:
    """The case's meeting row, created on the first save of either form."""
    if meeting is not None:
        return meeting
    meeting = Meeting(case_id=case.id, notes="")
    db.add(meeting)
    # Bump the case too: two workers creating the first meeting at once then collide on the
    # case's version (StaleDataError) instead of leaving two meetings.
    case.updated_at = utcnow()
    return meeting


def _log(
    db: Session,
    case: MutualCase,
    meeting: Meeting,
    before: dict[str, Any],
    summary: str,
    user_id: int,
    zone: Any,
) -> Meeting:
    flag_modified(meeting, "notes")  # every save bumps the version, even with no change
    db.flush()
    changes = diff(before, snapshot(db, case, meeting, zone), HISTORY_LABELS)
    if changes:
        record_event(db, case.id, user_id, "meeting", summary, changes)
    return meeting


def schedule_meeting(
    db: Session,
    case: MutualCase,
    meeting: Meeting | None,
    values: ScheduleInput,
    *,
    user_id: int,
    due: DueInfo,
    zone: Any,
) -> Meeting:
    """Set when and where the meeting takes place and who is invited; whether each person was
    there is kept (it is the other form's)."""
    before = snapshot(db, case, meeting, zone)
    meeting = _start(db, case, meeting)
    first = meeting.scheduled_at is None
    meeting.due_on, meeting.due_rule = due.on, due.rule
    meeting.scheduled_at = values.scheduled_at
    meeting.location_kind = values.location_kind
    meeting.location_detail = values.location_detail.strip()
    was_there = {(a.role, a.name): a.present for a in meeting.attendees}
    meeting.attendees = [
        MeetingAttendee(
            role=p.role, name=p.name.strip(), present=was_there.get((p.role, p.name.strip()), False)
        )
        for p in values.people
    ]
    summary = "Joint meeting scheduled" if first else "Joint meeting schedule changed"
    return _log(db, case, meeting, before, summary, user_id, zone)


def record_meeting(
    db: Session,
    case: MutualCase,
    meeting: Meeting | None,
    values: RecordInput,
    *,
    user_id: int,
    due: DueInfo,
    zone: Any,
) -> Meeting:
    """Record the meeting held (scheduled first or not, on any day up to today): who was there,
    the agenda, what the client brings and needs, the integration decision and referrals."""
    before = snapshot(db, case, meeting, zone)
    meeting = _start(db, case, meeting)
    first = meeting.held_on is None
    meeting.due_on, meeting.due_rule = due.on, due.rule
    meeting.held_on = values.held_on
    meeting.attendees = [
        MeetingAttendee(role=p.role, name=p.name.strip(), present=p.present) for p in values.people
    ]
    meeting.client_attended = any(p.present for p in values.people if p.role == "client")
    for name, ticked in values.checked.items():
        setattr(meeting, name, bool(ticked))
    for name in TEXTS:
        setattr(meeting, name, (values.texts.get(name) or "").strip())
    consent = IntegrationConsent(values.integration)
    if consent != case.integration_consent or values.integration_note != case.integration_note:
        case.integration_consent = consent
        case.integration_note = values.integration_note
        case.updated_at = utcnow()
    existing = set(db.scalars(select(Referral.program).where(Referral.case_id == case.id)))
    for program in values.referrals:
        if program not in existing:  # never a second row for the same program
            db.add(Referral(case_id=case.id, program=program, referred_on=values.held_on))
    held = f"{values.held_on:%m/%d/%Y}"
    summary = f"Joint meeting held on {held} recorded" if first else "Joint meeting record updated"
    return _log(db, case, meeting, before, summary, user_id, zone)


def _next_stage(case: MutualCase, meeting: Meeting) -> Stage | None:
    """One move toward the furthest stage the meeting's facts allow (§c7). A meeting recorded
    as held without being scheduled first passes through "Meeting scheduled"."""
    consent, stage = case.integration_consent, case.stage
    if stage == Stage.ASSIGNED and (meeting.scheduled_at or meeting.held_on):
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
        return ("Record the meeting held, with its date: the case then returns to one plan.",)
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
