"""The rows a calendar reads, for one case or for every case of an EC's feed at once.

The private feed (blueprints/calendar_feed.py) draws every open case of an EC, which can be
thousands: read per case, that is five or six queries each. Read here in a few IN queries, a
feed costs the same handful of statements at any caseload size."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.calendar import CalendarEntry
from models.compliance import NoncomplianceEpisode
from models.meeting import Meeting
from models.plan import Plan, PlanVersion

CHUNK = 500  # ids per IN list: well under SQLite's bound-parameter limit


@dataclass
class CalendarSources:
    entries: dict[int, list[CalendarEntry]] = field(default_factory=lambda: defaultdict(list))
    meetings: dict[int, list[Meeting]] = field(default_factory=lambda: defaultdict(list))
    episodes: dict[int, list[NoncomplianceEpisode]] = field(
        default_factory=lambda: defaultdict(list)
    )
    plans: dict[int, Plan] = field(default_factory=dict)  # the newest plan of each case


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _rows(db: Session, model: Any, ids: list[int], *order: Any, options: Sequence[Any] = ()):
    stmt = select(model).where(model.case_id.in_(ids)).order_by(*order).options(*options)
    return db.scalars(stmt)


def calendar_sources(db: Session, case_ids: Sequence[int]) -> CalendarSources:
    """Entries, meetings, noncompliance episodes and the plan (its versions and activities) of
    these cases: four queries per 500 cases, plus the plan's two eager loads."""
    found = CalendarSources()
    versions = selectinload(Plan.versions).selectinload(PlanVersion.activities)
    for ids in _chunks(sorted(set(case_ids))):
        for entry in _rows(db, CalendarEntry, ids, CalendarEntry.on, CalendarEntry.id):
            found.entries[entry.case_id].append(entry)
        for meeting in _rows(db, Meeting, ids, Meeting.id):
            found.meetings[meeting.case_id].append(meeting)
        for episode in _rows(db, NoncomplianceEpisode, ids, NoncomplianceEpisode.id):
            found.episodes[episode.case_id].append(episode)
        for plan in _rows(db, Plan, ids, Plan.id, options=(versions,)):
            found.plans[plan.case_id] = plan  # ordered by id: the newest wins, as find_plan
    return found
