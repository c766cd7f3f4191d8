"""Keep the ``due_item`` table current: what policy.due says is due on each case, stored.

``refresh_due_items`` counts a case's due dates again and writes only what changed: a new item,
a moved date, an item no longer due marked resolved (kept, not deleted). Every save that changes
a fact a due date reads refreshes the cases it touched without each operation having to remember
to: ``keep_due_items_current`` watches the session's flushes (stage, assignment and
identification dates, child-welfare custody and court dates, plan versions, children's birth
dates, good-cause and exemption reviews, notices and cures, reunification and FS plans,
significant changes, attendance entries, notices to the social worker held for review, county
settings, holiday calendars; see WATCHED) and refreshes after each one, in the same transaction.
Holiday or county-setting changes refresh the cases whose dates count working days
(CALENDAR_STAGES): that county's for its own office calendar or settings, every county's for the
shared court and state calendars. Items that move with the date alone (last week's attendance,
unverified hours, the change window) are recounted daily by
``refresh_date_driven`` (`flask refresh-due-items --daily`, from cron).

Writes go through Core, so a refresh inside a flush needs no second flush and a rebuild of a
whole county stays a few statements per thousand cases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any

from sqlalchemy import bindparam, event, insert, inspect, select, update
from sqlalchemy.orm import Session, sessionmaker

from models.cases import ChildWelfareCase, MutualCase
from models.compliance import Exemption, GoodCause, NoncomplianceEpisode
from models.county import CountyProfile, Holiday, HolidayOverride
from models.due import DueItem
from models.enums import NoncomplianceStatus, Stage
from models.enums.outbox import MessageState
from models.outbox import OutboxMessage
from models.people import Child, Household
from models.plan import Plan, PlanActivity, PlanVersion
from models.programs import Referral, ReunificationRecord
from models.queries.calendars import court_holidays, not_loaded_message, office_holidays
from models.queries.due import facts_of_cases
from models.queries.outbox import HELD_NOTICE
from models.tracking import ChangeReport, TrackingEntry
from policy.calendar import CalendarNotLoaded
from policy.county_time import county_today
from policy.due import CALENDAR_STAGES, DATE_DRIVEN_STAGES, case_dues

BATCH = 1000
# The columns the due rules read (policy.due.DueFacts); a change to any of them refreshes.
WATCHED: dict[type, frozenset[str]] = {
    MutualCase: frozenset(
        {"stage", "identified_on", "assigned_on", "child_welfare_case_id", "county_id"}
    ),
    ChildWelfareCase: frozenset({"protective_custody", "removed_on", "jurisdiction_hearing_on"}),
    Plan: frozenset({"case_id"}),
    PlanVersion: frozenset(
        {
            "plan_id",
            "version_no",
            "required_from",
            "period_start",
            "period_end",
            "requirement",
            "change_window_ends",
            "signed_client_at",
        }
    ),
    Child: frozenset({"household_id", "birth_date", "aided"}),
    GoodCause: frozenset({"case_id", "next_review_on"}),
    Exemption: frozenset({"case_id", "review_on"}),
    NoncomplianceEpisode: frozenset(
        {
            "case_id",
            "status",
            "notice_issued_on",
            "appointment_on",
            "cure_complete_on",
            "cure_activity_ends_on",
        }
    ),
    ReunificationRecord: frozenset(
        {"case_id", "end_on", "extension_until", "rd_due_on", "ended_on", "ineligibility_reason"}
    ),
    Referral: frozenset({"case_id", "program", "status", "fs_plan_end"}),
    ChangeReport: frozenset({"case_id", "reported_on", "reevaluated"}),
    TrackingEntry: frozenset(
        {"activity_id", "week_start", "provider_verified", "attended_hours", "excused_hours"}
    ),
    CountyProfile: frozenset(
        {"meeting_anchor", "meeting_deadline_applies", "day20_roll_forward", "sw_message_hold_days"}
    ),
}
_HELD = MessageState.HELD.value
_STALE = "tandem_due_stale"
_CLOCK = "tandem_due_clock"  # in the sessions' info: the application's "today" (TANDEM_TODAY)
_table = DueItem.__table__


def clock_today(db: Session) -> date:
    """The day items are counted for: the application's clock when one is installed (tests and
    demos fix it), else the county's date (policy/county_time.py)."""
    clock: Callable[[], date] | None = db.info.get(_CLOCK)
    return clock() if clock else county_today()


def refresh_due_items(db: Session, case: MutualCase, today: date | None = None) -> None:
    """Count the case's due dates again and store what changed (flushes, never commits)."""
    db.flush()  # the case's own changes first; the flush hook may already have done the rest
    refresh_cases(db, [case.id], today)


def refresh_cases(db: Session, case_ids: Iterable[int], today: date | None = None) -> int:
    """``refresh_due_items`` for many cases, BATCH at a time; returns the rows written."""
    ids = sorted(set(case_ids))
    written = 0
    calendars: dict[int, tuple[Any, Any]] = {}
    day = today or clock_today(db)
    for start in range(0, len(ids), BATCH):
        written += _refresh_batch(db, ids[start : start + BATCH], calendars, day)
    return written


def refresh_date_driven(db: Session, today: date | None = None) -> int:
    """The daily recount: only the cases whose items move with the date alone (a signed plan
    running: last week's attendance, unverified hours, the change window). Returns the rows
    written."""
    stages = [Stage(stage) for stage in DATE_DRIVEN_STAGES]
    stmt = select(MutualCase.id).where(MutualCase.stage.in_(stages)).order_by(MutualCase.id)
    return refresh_cases(db, db.scalars(stmt).all(), today)


def rebuild_due_items(db: Session, county_id: int | None = None, today: date | None = None) -> int:
    """Refresh every case (of one county, or all): after an upgrade or a bulk load
    (`flask refresh-due-items`, seed-bench). Returns the rows written."""
    stmt = select(MutualCase.id).order_by(MutualCase.id)
    if county_id is not None:
        stmt = stmt.where(MutualCase.county_id == county_id)
    return refresh_cases(db, db.scalars(stmt).all(), today)


def _refresh_batch(
    db: Session, ids: list[int], calendars: dict[int, tuple[Any, Any]], today: date
) -> int:
    facts = facts_of_cases(db, ids, today)
    existing: dict[int, dict[tuple[str, str], Any]] = defaultdict(dict)
    stored = select(
        _table.c.id,
        _table.c.case_id,
        _table.c.kind,
        _table.c.ref,
        _table.c.due_on,
        _table.c.problem,
        _table.c.resolved,
    ).where(_table.c.case_id.in_(list(facts)))
    for row in db.execute(stored):
        existing[row.case_id][(str(row.kind), row.ref)] = row
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for case_id, (county_id, case_facts) in facts.items():
        office, court = _calendars(db, county_id, calendars)
        wanted = {}
        for due in case_dues(case_facts, office, court):
            missing = due.missing_year
            problem = "" if missing is None else not_loaded_message(CalendarNotLoaded(missing))
            wanted[(due.kind, due.ref)] = (due.on, problem)
        rows = existing.get(case_id, {})
        for (kind, ref), (on, problem) in wanted.items():
            row = rows.get((kind, ref))
            if row is None:
                inserts.append(
                    dict(case_id=case_id, kind=kind, ref=ref, due_on=on, problem=problem,
                         resolved=False, resolved_on=None)
                )  # fmt: skip
            elif (row.due_on, row.problem, row.resolved) != (on, problem, False):
                updates.append(_change(row.id, on, problem, None))
        for key, row in rows.items():
            if key not in wanted and not row.resolved:
                updates.append(_change(row.id, row.due_on, row.problem, today))
    if inserts:
        db.execute(insert(_table), inserts)
    if updates:
        db.execute(
            update(_table)
            .where(_table.c.id == bindparam("item_id"))
            .values(
                due_on=bindparam("new_due_on"),
                problem=bindparam("new_problem"),
                resolved=bindparam("new_resolved"),
                resolved_on=bindparam("new_resolved_on"),
            ),
            updates,
        )
    return len(inserts) + len(updates)


def _change(item_id: int, on: date | None, problem: str, resolved_on: date | None) -> dict:
    return dict(
        item_id=item_id,
        new_due_on=on,
        new_problem=problem,
        new_resolved=resolved_on is not None,
        new_resolved_on=resolved_on,
    )


def _calendars(db: Session, county_id: int, cache: dict[int, tuple[Any, Any]]) -> tuple[Any, Any]:
    if county_id not in cache:
        county = db.get(CountyProfile, county_id)
        cache[county_id] = (office_holidays(db, county), court_holidays(db))
    return cache[county_id]


# --- Refresh after every flush that changed a watched fact ------------------------------------


@dataclass
class _Stale:
    objects: list[Any] = field(default_factory=list)
    calendar: bool = False  # a shared calendar (court, state) changed: every county's cases
    counties: set[int] = field(default_factory=set)  # a county's own calendar or settings


def keep_due_items_current(factory: sessionmaker, today: Callable[[], date] | None = None) -> None:
    """Install the flush hooks on the application's sessions (called once by the app), with the
    application's clock for the items that depend on the date."""
    if today is not None:
        factory.kw.setdefault("info", {})[_CLOCK] = today
    event.listen(factory, "before_flush", _note_changes)
    event.listen(factory, "after_flush_postexec", _refresh_noted)
    event.listen(factory, "after_rollback", lambda db: db.info.pop(_STALE, None))


def _changed(obj: Any, fields: Collection[str]) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in fields)


def _note_changes(db: Session, _context: Any, _instances: Any) -> None:
    stale: _Stale = db.info.setdefault(_STALE, _Stale())
    fresh = set(db.new) | set(db.deleted)
    for obj in chain(db.new, db.dirty, db.deleted):
        if isinstance(obj, Holiday):
            stale.calendar = True
            continue
        if isinstance(obj, HolidayOverride):
            stale.counties.add(inspect(obj).dict.get("county_id"))
            continue
        if isinstance(obj, OutboxMessage):
            # Only a notice that is or was held changes what is due: the sender's queued →
            # sent (or failed) costs no recount.
            if _held_before_or_after(obj, obj in fresh):
                stale.objects.append(obj)
            continue
        fields = WATCHED.get(type(obj))
        if fields is None or not (obj in fresh or _changed(obj, fields)):
            continue
        if isinstance(obj, CountyProfile):
            stale.counties.add(inspect(obj).dict.get("id"))
        else:
            stale.objects.append(obj)


def _held_before_or_after(message: OutboxMessage, fresh: bool) -> bool:
    if message.case_id is None:
        return False
    if fresh:  # written or deleted in this flush
        return _is_held(message.state)
    state = inspect(message).attrs
    if _is_held(message.state) and state["created_at"].history.has_changes():
        return True  # its day written, which the due date counts from
    history = state["state"].history
    return any(_is_held(value) for value in (*history.added, *history.deleted))


def _is_held(state: Any) -> bool:
    return getattr(state, "value", state) == _HELD


def _refresh_noted(db: Session, _context: Any) -> None:
    stale: _Stale | None = db.info.pop(_STALE, None)
    if stale is None or not (stale.objects or stale.calendar or stale.counties):
        return
    ids = _case_ids(db, stale)
    if stale.calendar or stale.counties:
        ids |= _calendar_cases(db, None if stale.calendar else stale.counties)
    if ids:
        refresh_cases(db, ids)
        for obj in list(db.identity_map.values()):
            if isinstance(obj, DueItem) and obj.case_id in ids:
                db.expire(obj)  # written through Core: reload on next access


def _calendar_cases(db: Session, counties: set[int] | None) -> set[int]:
    """The cases whose dates count working days, of ``counties`` (None: every county)."""
    # Last week's attendance is due the first working day after the week (a plan running).
    counted = [Stage(stage) for stage in CALENDAR_STAGES | DATE_DRIVEN_STAGES]
    # A day 20 rolled forward off a holiday (§e Q10) moves with the calendar too.
    still_open = NoncomplianceEpisode.status == NoncomplianceStatus.OPEN
    notices = select(NoncomplianceEpisode.case_id).where(still_open)
    # Notices waiting for review: due a number of working days after they were written.
    held = select(OutboxMessage.case_id).where(HELD_NOTICE)
    queries = [select(MutualCase.id).where(MutualCase.stage.in_(counted)), notices, held]
    if counties is not None:
        in_county = select(MutualCase.id).where(MutualCase.county_id.in_(counties))
        queries[0] = queries[0].where(MutualCase.county_id.in_(counties))
        queries[1] = notices.where(NoncomplianceEpisode.case_id.in_(in_county))
        queries[2] = held.where(OutboxMessage.case_id.in_(in_county))
    ids = {case_id for query in queries for case_id in db.scalars(query.distinct())}
    ids.discard(None)  # type: ignore[arg-type]
    return ids


def _case_ids(db: Session, stale: _Stale) -> set[int]:
    ids: set[int] = set()
    cw_ids: set[int] = set()
    plan_ids: set[int] = set()
    household_ids: set[int] = set()
    activity_ids: set[int] = set()
    for obj in stale.objects:
        values = inspect(obj).dict  # never loads: a deleted row's attributes stay readable
        if isinstance(obj, MutualCase):
            ids.add(values.get("id"))
        elif isinstance(obj, ChildWelfareCase):
            cw_ids.add(values.get("id"))
        elif isinstance(obj, PlanVersion):
            plan_ids.add(values.get("plan_id"))
        elif isinstance(obj, Child):
            household_ids.add(values.get("household_id"))
        elif isinstance(obj, TrackingEntry):
            activity_ids.add(values.get("activity_id"))
        else:  # every other watched row belongs to a case
            ids.add(values.get("case_id"))
    if cw_ids:
        ids |= set(
            db.scalars(select(MutualCase.id).where(MutualCase.child_welfare_case_id.in_(cw_ids)))
        )
    if plan_ids:
        ids |= set(db.scalars(select(Plan.case_id).where(Plan.id.in_(plan_ids))))
    if household_ids:
        ids |= set(
            db.scalars(
                select(MutualCase.id)
                .join(Household, Household.participant_id == MutualCase.participant_id)
                .where(Household.id.in_(household_ids))
            )
        )
    if activity_ids:
        ids |= set(
            db.scalars(
                select(Plan.case_id)
                .join(PlanVersion, PlanVersion.plan_id == Plan.id)
                .join(PlanActivity, PlanActivity.plan_version_id == PlanVersion.id)
                .where(PlanActivity.id.in_(activity_ids))
            )
        )
    ids.discard(None)
    return ids
