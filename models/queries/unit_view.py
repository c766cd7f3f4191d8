"""The supervisor's view of a unit (issue 15): per worker, open cases, overdue due items, cases
with no contact with the social worker for 30 days, sanctions waiting for the supervisor's
review (R-GC-08) and cases reassigned in the last 30 days; and the cases behind each count.

Each count is one GROUP BY query over the cases the caller may see (blueprints.access
.visible_cases, passed in: a unit supervisor's unit, or a county-wide supervisor's county), so
the page costs the same few queries for a unit of 8 workers or a county of 300.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, distinct, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload

from models.cases import MutualCase
from models.compliance import NoncomplianceEpisode
from models.contacts import SocialWorkerContact
from models.due import DueItem
from models.enums import NoncomplianceStatus, Role, Stage
from models.history import REASSIGNED, CaseEvent
from models.queries.caseload import open_items
from models.queries.paging import Page, page_number
from models.users import User
from policy.stages import ENDED_STAGES

# "No contact for 30 days" and "reassigned in the last 30 days" look back this far.
LOOKBACK = timedelta(days=30)
PAGE_SIZE = 25
UNASSIGNED = "none"  # the worker argument of the cases not assigned to anyone

# The drill-down lists, in the order of the page's columns (overdue items are the due list's);
# {cw} is the county's child-welfare division (CFS, DFCS).
MEASURES = {
    "open": "Open cases",
    "no_contact": "No contact with the {cw} social worker for 30 days",
    "sanctions": "Sanctions waiting for your review",
    "reassigned": "Reassigned in the last 30 days",
}


@dataclass
class WorkerCounts:
    worker_id: int | None  # None: cases assigned to no one
    name: str
    open: int = 0
    overdue: int = 0
    no_contact: int = 0
    sanctions: int = 0
    reassigned: int = 0

    @property
    def worker_arg(self) -> str:
        """The worker as the links' query argument."""
        return UNASSIGNED if self.worker_id is None else str(self.worker_id)


@dataclass(frozen=True)
class UnitSummary:
    rows: list[WorkerCounts]
    totals: WorkerCounts
    since: date  # the first day of the 30 days looked back over
    today: date


@dataclass(frozen=True)
class Windows:
    """The two dates the counts turn on, from "today" (frozen in tests)."""

    today: date
    since: date = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "since", self.today - LOOKBACK)

    @property
    def since_at(self) -> datetime:
        # History times are stored in UTC; the day boundary is taken in UTC too.
        return datetime.combine(self.since, time(0), tzinfo=UTC)


def _ids(visible: Select[tuple[MutualCase]]) -> Select[Any]:
    return visible.with_only_columns(MutualCase.id).order_by(None)


def _open() -> ColumnElement[bool]:
    return MutualCase.stage.not_in([Stage(s) for s in ENDED_STAGES])


def no_contact_condition(w: Windows) -> ColumnElement[bool]:
    """An open case assigned before the 30 days began with no contact logged in them. A case
    with no contact ever counts from its assignment date; a case never assigned is not counted
    (no worker owes the social worker a call yet)."""
    recent = exists().where(
        SocialWorkerContact.case_id == MutualCase.id, SocialWorkerContact.contact_on >= w.since
    )
    return and_(_open(), MutualCase.assigned_on < w.since, ~recent)


def _reassignment(w: Windows) -> tuple[ColumnElement[bool], ...]:
    """History rows of a case moved from one worker to another since the 30 days began: the
    Assign step and the caseload's bulk reassignment both write a summary starting REASSIGNED
    (served by the (action, at) index)."""
    return (
        CaseEvent.action.in_(("assign", "reassign")),
        CaseEvent.at >= w.since_at,
        CaseEvent.summary.startswith(REASSIGNED, autoescape=True),
    )


def _reassigned_ids(w: Windows) -> Select[Any]:
    return select(CaseEvent.case_id).where(*_reassignment(w))


def measure_condition(measure: str, w: Windows) -> ColumnElement[bool]:
    """Which visible cases a drill-down list shows (MEASURES)."""
    if measure == "no_contact":
        return no_contact_condition(w)
    if measure == "sanctions":
        waiting = select(NoncomplianceEpisode.case_id).where(
            NoncomplianceEpisode.status == NoncomplianceStatus.SANCTION_REVIEW
        )
        return MutualCase.id.in_(waiting)
    if measure == "reassigned":
        return and_(_open(), MutualCase.id.in_(_reassigned_ids(w)))
    return _open()


def _by_worker(db: Session, stmt: Select[Any]) -> dict[int | None, int]:
    return {row[0]: int(row[1]) for row in db.execute(stmt)}


def unit_summary(
    db: Session, visible: Select[tuple[MutualCase]], supervisor: User, today: date
) -> UnitSummary:
    """One row per worker: the supervisor's own ECs (even with nothing to count) and whoever
    holds a visible case. Six queries, whatever the size of the unit. Sanctions and
    reassignments count cases (a case with two episodes waiting counts once, as it is listed
    once)."""
    w = Windows(today)
    worker = MutualCase.assigned_worker_id
    ids = _ids(visible)

    def count(condition: ColumnElement[bool]) -> dict[int | None, int]:
        stmt = select(worker, func.count(MutualCase.id)).where(MutualCase.id.in_(ids), condition)
        return _by_worker(db, stmt.group_by(worker))

    def joined(small: Any, case_id: Any, *conditions: ColumnElement[bool]) -> dict[int | None, int]:
        """Cases counted from a small table (few rows match), each checked against the visible
        cases, rather than every visible case checked against it."""
        stmt = (
            select(worker, func.count(distinct(MutualCase.id)))
            .select_from(small)
            .join(MutualCase, MutualCase.id == case_id)
            .where(*conditions, MutualCase.id.in_(ids))
        )
        return _by_worker(db, stmt.group_by(worker))

    waiting = NoncomplianceEpisode.status == NoncomplianceStatus.SANCTION_REVIEW
    counts = {
        "open": count(measure_condition("open", w)),
        "no_contact": count(measure_condition("no_contact", w)),
        "sanctions": joined(NoncomplianceEpisode, NoncomplianceEpisode.case_id, waiting),
        "reassigned": joined(CaseEvent, CaseEvent.case_id, *_reassignment(w), _open()),
        # Items, not cases, as the due list and the navigation count them (same conditions).
        "overdue": _by_worker(
            db,
            select(worker, func.count(DueItem.id))
            .join(MutualCase, MutualCase.id == DueItem.case_id)
            .where(open_items(), DueItem.due_on < today, DueItem.case_id.in_(ids))
            .group_by(worker),
        ),
    }
    seen = {key for found in counts.values() for key in found}
    people = db.scalars(
        select(User).where(
            or_(
                User.id.in_([k for k in seen if k is not None]),
                and_(
                    User.supervisor_id == supervisor.id,
                    User.role == Role.EC,
                    User.active.is_(True),
                ),
            )
        )
    )
    rows: dict[int | None, WorkerCounts] = {u.id: WorkerCounts(u.id, u.name) for u in people}
    if None in seen:
        rows[None] = WorkerCounts(None, "Not assigned")
    for measure, found in counts.items():
        for key, number in found.items():
            setattr(rows[key], measure, number)
    ordered = sorted(rows.values(), key=lambda r: (r.worker_id is None, r.name, r.worker_id or 0))
    totals = WorkerCounts(None, "Total")
    for measure in counts:
        setattr(totals, measure, sum(getattr(r, measure) for r in ordered))
    return UnitSummary(ordered, totals, w.since, today)


def worker_condition(worker_arg: str) -> ColumnElement[bool] | None:
    """The cases of one worker (an id, or UNASSIGNED); None when the argument is not one."""
    if worker_arg == UNASSIGNED:
        return MutualCase.assigned_worker_id.is_(None)
    if worker_arg.isascii() and worker_arg.isdigit() and len(worker_arg) < 10:
        return MutualCase.assigned_worker_id == int(worker_arg)
    return None


@dataclass(frozen=True)
class CaseList:
    page: Page[MutualCase]
    last_contact: dict[int, date]  # no_contact: each listed case's last contact, if any
    reassigned_on: dict[int, datetime]  # reassigned: each listed case's latest reassignment


def case_list(
    db: Session,
    visible: Select[tuple[MutualCase]],
    measure: str,
    worker: ColumnElement[bool] | None,
    page: int,
    today: date,
) -> CaseList:
    """One page of the cases behind a count, in id order: a count, a page and one query for
    the column the measure adds."""
    w = Windows(today)
    stmt = visible.where(measure_condition(measure, w))
    if worker is not None:
        stmt = stmt.where(worker)
    total = db.scalar(stmt.with_only_columns(func.count(MutualCase.id)).order_by(None)) or 0
    count, number = page_number(total, page, PAGE_SIZE)
    cases = list(
        db.scalars(
            stmt.options(
                joinedload(MutualCase.participant),
                joinedload(MutualCase.child_welfare_case),
                joinedload(MutualCase.assigned_worker),
            )
            .order_by(MutualCase.id)
            .limit(PAGE_SIZE)
            .offset((number - 1) * PAGE_SIZE)
        ).unique()
    )
    shown = [c.id for c in cases]
    contacts: dict[int, date] = {}
    moved: dict[int, datetime] = {}
    if shown and measure == "no_contact":
        found = db.execute(
            select(SocialWorkerContact.case_id, func.max(SocialWorkerContact.contact_on))
            .where(SocialWorkerContact.case_id.in_(shown))
            .group_by(SocialWorkerContact.case_id)
        )
        contacts = {row[0]: row[1] for row in found}
    if shown and measure == "reassigned":
        found = db.execute(
            _reassigned_ids(w)
            .with_only_columns(CaseEvent.case_id, func.max(CaseEvent.at))
            .where(CaseEvent.case_id.in_(shown))
            .group_by(CaseEvent.case_id)
        )
        moved = {row[0]: row[1] for row in found}
    return CaseList(Page(cases, number, count, total, PAGE_SIZE), contacts, moved)
