"""The client's calendar of both agencies (issue 15), read where each date lives: court dates on
the child-welfare case, the joint meeting, noncompliance appointments, the signed plan's weekly
activities, and the entries the EC records. Nothing is copied; policy.calendar_conflicts expands
the weekly repeats and finds the conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models.calendar import CalendarEntry, CalendarFeed
from models.cases import MutualCase
from models.compliance import NoncomplianceEpisode
from models.enums import ActivitySource, CalendarAgency
from models.meeting import Meeting
from models.plan import Plan, PlanActivity
from models.queries.attendance import signed_versions, version_for_week
from models.queries.calendar_sources import CalendarSources, calendar_sources
from models.users import User
from policy.calendar_conflicts import (
    Conflict,
    Event,
    calendar_window,
    find_conflicts,
    parse_schedule,
    session_dates,
    weekly_dates,
)
from policy.county_time import county_moment
from policy.stages import ENDED_STAGES

COURT_DATES = (
    ("detention_hearing_on", "Detention hearing"),
    ("jurisdiction_hearing_on", "Jurisdiction hearing"),
    ("disposition_hearing_on", "Disposition hearing"),
    ("next_court_on", "Next court date"),
)
# A plan's child-welfare activity that is itself one of the obligations conflicts are checked for.
CW_ACTIVITY_KINDS = {"visitation": "visitation", "cft": "cft", "court": "court"}


@dataclass
class CaseCalendar:
    """A case's calendar for a window: events by day, conflicts, and the plan activities whose
    schedule could not be read as weekly times (no conflict is checked for those)."""

    window: tuple[date, date]
    events: list[Event]
    conflicts: list[Conflict]
    not_understood: list[PlanActivity] = field(default_factory=list)

    def conflicts_of(self, event: Event) -> list[Conflict]:
        return [c for c in self.conflicts if event in (c.obligation, c.wtw)]

    def days(self) -> list[tuple[date, list[Event]]]:
        by_day: dict[date, list[Event]] = {}
        for event in self.events:
            by_day.setdefault(event.day, []).append(event)
        return sorted(by_day.items())


def entries_of(db: Session, case: MutualCase) -> list[CalendarEntry]:
    stmt = select(CalendarEntry).where(CalendarEntry.case_id == case.id)
    return list(db.scalars(stmt.order_by(CalendarEntry.on, CalendarEntry.id)))


def _entry_events(entries: list[CalendarEntry], window: tuple[date, date], cw: str) -> list[Event]:
    found = []
    for entry in entries:
        until = entry.repeat_until if entry.repeats_weekly else None
        agency = CalendarAgency(entry.agency)
        for day in weekly_dates(entry.on, until, window):
            found.append(
                Event(
                    day,
                    entry.starts_at,
                    entry.ends_at,
                    entry.kind.value,
                    agency.value,
                    f"{entry.kind_label} ({agency.in_county(cw)})",
                    f"entry:{entry.id}",
                    entry.place,
                )
            )
    return found


def _court_events(case: MutualCase, window: tuple[date, date], taken: set[date]) -> list[Event]:
    """The hearings on the child-welfare case; a day the EC recorded a hearing for (with its
    time) is shown once, as the EC's entry."""
    cw_case = case.child_welfare_case
    if cw_case is None:
        return []
    found: dict[date, Event] = {}
    for name, words in COURT_DATES:
        day = getattr(cw_case, name)
        if day is not None and window[0] <= day <= window[1] and day not in taken:
            cw = case.county.cw_division_label
            found[day] = Event(day, None, None, "court", "cw", f"{words} ({cw})", f"court:{name}")
    return list(found.values())


def _meeting_events(meetings: list[Meeting], window: tuple[date, date]) -> list[Event]:
    found = []
    for meeting in meetings:
        if meeting.scheduled_at is not None:
            local = county_moment(meeting.scheduled_at)
            day, start = local.date(), local.time().replace(tzinfo=None)
        elif meeting.held_on is not None:
            day, start = meeting.held_on, None
        else:
            continue
        if window[0] <= day <= window[1]:
            title = "Joint meeting" + (" (held)" if meeting.held_on else "")
            found.append(
                Event(day, start, None, "joint_meeting", "both", title, f"meeting:{meeting.id}")
            )
    return found


def _appointment_events(
    episodes: list[NoncomplianceEpisode], window: tuple[date, date]
) -> list[Event]:
    found = []
    for episode in episodes:
        day = episode.rescheduled_to or episode.appointment_on
        if day is not None and window[0] <= day <= window[1]:
            title = (
                f"Noncompliance appointment ({episode.notice_label} of "
                f"{episode.notice_issued_on:%m/%d/%Y})"
            )
            found.append(Event(day, None, None, "nc_appointment", "wtw", title, f"nc:{episode.id}"))
    return found


def _activity_events(
    plan: Plan | None, case: MutualCase, window: tuple[date, date]
) -> tuple[list[Event], list[PlanActivity]]:
    """The signed plan's weekly sessions, each week from the version in force that week (as the
    attendance grid reads it)."""
    versions = signed_versions(plan)
    found: list[Event] = []
    unread: dict[int, PlanActivity] = {}
    monday = window[0] - timedelta(days=window[0].weekday())
    cw = case.county.cw_division_label
    while versions and monday <= window[1]:
        version = version_for_week(versions, monday)
        week = (max(window[0], monday), min(window[1], monday + timedelta(days=6)))
        for activity in version.activities if version else []:
            if (activity.end_on and activity.end_on < week[0]) or (
                activity.start_on and activity.start_on > week[1]
            ):
                continue
            schedule = parse_schedule(activity.schedule)
            if not schedule.understood:
                unread.setdefault(activity.id, activity)
                continue
            wtw = activity.source == ActivitySource.WTW
            kind = "wtw_activity" if wtw else CW_ACTIVITY_KINDS.get(activity.kind, "cw_activity")
            where = "WTW activity" if wtw else f"{cw} case-plan activity"
            for slot in schedule.slots:
                for day in session_dates(slot, activity.start_on, activity.end_on, week):
                    found.append(
                        Event(
                            day,
                            slot.start,
                            slot.end,
                            kind,
                            "wtw" if wtw else "cw",
                            f"{activity.name} ({where})",
                            f"activity:{activity.id}",
                        )
                    )
        monday += timedelta(weeks=1)
    return found, list(unread.values())


def _order(event: Event) -> tuple[date, int, str, str]:
    minutes = event.start.hour * 60 + event.start.minute if event.start else -1
    return event.day, minutes, event.title, event.ref


def case_calendar(
    db: Session,
    case: MutualCase,
    today: date,
    window: tuple[date, date] | None = None,
    sources: CalendarSources | None = None,
) -> CaseCalendar:
    """One case's calendar; ``sources`` read beforehand for many cases (the feed) or here."""
    window = window or calendar_window(today)
    sources = sources or calendar_sources(db, [case.id])
    cw = case.county.cw_division_label
    entries = _entry_events(sources.entries.get(case.id, []), window, cw)
    court_entry_days = {e.day for e in entries if e.kind == "court"}
    sessions, unread = _activity_events(sources.plans.get(case.id), case, window)
    events = (
        entries
        + _court_events(case, window, court_entry_days)
        + _meeting_events(sources.meetings.get(case.id, []), window)
        + _appointment_events(sources.episodes.get(case.id, []), window)
        + sessions
    )
    events.sort(key=_order)
    conflicts = find_conflicts(events, case.county.code, cw)
    return CaseCalendar(window, events, conflicts, unread)


def feed_of(db: Session, token_sha256: str) -> CalendarFeed | None:
    stmt = select(CalendarFeed).where(CalendarFeed.token_sha256 == token_sha256)
    return db.scalars(stmt).first()


def working_feed(db: Session, user: User) -> CalendarFeed | None:
    stmt = select(CalendarFeed).where(
        CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None)
    )
    return db.scalars(stmt.order_by(CalendarFeed.id.desc())).first()


def feed_cases(db: Session, user: User) -> list[MutualCase]:
    """The EC's own open cases in their county: what their feed shows, with the county and the
    child-welfare case (court dates) read in the same query."""
    stmt = (
        select(MutualCase)
        .where(
            MutualCase.county_id == user.county_id,
            MutualCase.assigned_worker_id == user.id,
            MutualCase.stage.not_in(list(ENDED_STAGES)),
        )
        .options(joinedload(MutualCase.county), joinedload(MutualCase.child_welfare_case))
    )
    return list(db.scalars(stmt.order_by(MutualCase.id)))
