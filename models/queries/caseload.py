"""The caseload as rows a worker reads: who, where the case stands, and what is due next.

"Next due" is read from the stored due items (models/due.py, kept current by
models.operations.due), never counted here: a page of 25 cases costs the same few queries in a
unit of 100 or of 25,000, and the due filters run in SQL (models/queries/caseload_filters.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Exists, Select, false, select
from sqlalchemy.orm import Session, joinedload

from models.cases import MutualCase
from models.due import DueItem
from models.enums import DueKind
from policy.due import Due, next_due

# "Due this week": today and the six days after it, so a Monday's week ends on Sunday.
WEEK_AHEAD = timedelta(days=6)


@dataclass(frozen=True)
class NextDue:
    label: str
    on: date

    def days_left(self, today: date) -> int:
        return (self.on - today).days


@dataclass(frozen=True)
class CaseRow:
    case: MutualCase
    stage_label: str
    next_due: NextDue | None
    overdue: bool
    due_this_week: bool = False
    # Why the next due date could not be counted (a holiday calendar not loaded), else "".
    due_problem: str = ""


def open_items() -> ColumnElement[bool]:
    # "= false", not "IS false": PostgreSQL uses a btree index only for the former.
    return DueItem.resolved == false()


def _cases_due_between(
    start: date | None, end: date, correlated: bool
) -> Select[tuple[int]] | Exists:
    """Cases with an open item due by ``end`` (from ``start``). As a list of case ids, served by
    the (resolved, due_on) index whatever the size of the unit; or ``correlated``: EXISTS for
    each case, served by the (case_id, resolved, due_on) index."""
    when = DueItem.due_on <= end if start is None else DueItem.due_on.between(start, end)
    if correlated:
        # case_id, not "*": a column the index holds, so SQLite reads the index alone.
        return (
            select(DueItem.case_id)
            .where(DueItem.case_id == MutualCase.id, open_items(), when)
            .exists()
        )
    return select(DueItem.case_id).where(open_items(), when)


def where_due(
    stmt: Select[tuple[MutualCase]], due: str, today: date, *, correlated: bool = False
) -> Select[tuple[MutualCase]]:
    """Overdue: the next due date is before today, i.e. some open item is. This week: the next
    due date is within today..today+6, i.e. an open item is and none is overdue.

    ``correlated`` for a page (LIMIT 25): SQLite then looks up each case of the unit in turn and
    stops when the page is full, where the list form first collects every case of the county
    with an item due (a unit's "Overdue" page at 100,000 cases: 3.9 ms, then 0.6). So does the
    count of a unit listed by its ids (models/queries/scope.py). Other counts keep the list: when
    the unit is the whole county, one pass over the due items beats a lookup for each of its
    cases (70 ms against 98 at 100,000)."""
    overdue = _cases_due_between(None, today - timedelta(days=1), correlated)
    if due == "overdue":
        return stmt.where(_holds(overdue))
    if due == "week":
        week = _cases_due_between(today, today + WEEK_AHEAD, correlated)
        return stmt.where(_holds(week), ~_holds(overdue))
    return stmt


def _holds(cases: Select[tuple[int]] | Exists) -> ColumnElement[bool]:
    return cases if isinstance(cases, Exists) else MutualCase.id.in_(cases)


def with_people(stmt: Select[tuple[MutualCase]]) -> Select[tuple[MutualCase]]:
    """What a caseload row shows besides its due date, in the same query (no N+1)."""
    return stmt.options(
        joinedload(MutualCase.participant),
        joinedload(MutualCase.child_welfare_case),
        joinedload(MutualCase.assigned_worker),
    )


def rows_for(db: Session, cases: Sequence[MutualCase], today: date) -> list[CaseRow]:
    """The rows of these cases, with their open due items read in one query."""
    items: dict[int, list[Any]] = defaultdict(list)
    if cases:
        found = db.execute(
            select(
                DueItem.case_id, DueItem.kind, DueItem.ref, DueItem.due_on, DueItem.problem
            ).where(DueItem.case_id.in_([c.id for c in cases]), open_items())
        )
        for row in found:
            items[row.case_id].append(row)
    return [_row(case, items.get(case.id, []), today) for case in cases]


def _row(case: MutualCase, items: list[Any], today: date) -> CaseRow:
    first = next_due([Due(str(i.kind), i.due_on, i.ref) for i in items])
    due = NextDue(DueKind.label_of(first.kind), first.on) if first and first.on else None
    problem = "" if due else next((i.problem for i in items if i.problem), "")
    return CaseRow(
        case,
        case.stage_label,
        due,
        overdue=bool(due and due.on < today),
        due_this_week=bool(due and today <= due.on <= today + WEEK_AHEAD),
        due_problem=problem,
    )


def calendar_problems(db: Session, visible: Select[tuple[MutualCase]]) -> list[str]:
    """Why some of these cases' due dates could not be counted, each reason once."""
    # Driven from the few undated open items (the (resolved, due_on) index), each checked
    # against the visible cases, rather than from every visible case.
    shown = visible.with_only_columns(MutualCase.id).order_by(None)
    found = db.scalars(
        select(DueItem.problem)
        .where(open_items(), DueItem.due_on.is_(None), DueItem.problem != "")
        .where(shown.where(MutualCase.id == DueItem.case_id).exists())
        .distinct()
    )
    return sorted(found)


def caseload_rows(db: Session, visible: Select[tuple[MutualCase]], today: date) -> list[CaseRow]:
    """Every visible case as a row, in id order (two queries); the caseload page reads one page
    at a time instead (caseload_filters.caseload_page)."""
    cases = list(db.scalars(with_people(visible).order_by(MutualCase.id)).unique())
    return rows_for(db, cases, today)
