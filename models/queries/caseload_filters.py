"""The caseload's filters and pages.

By default the caseload lists open cases: closed and not-mutual cases (policy.stages
ENDED_STAGES) are one choice away, "All cases" or their own stage. Stage, search and the due
filter narrow the SQL query (due dates are stored due items, models/due.py); the count and the
page are cut in SQL too, so a page costs the same few queries whatever the size of the unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from models.cases import ChildWelfareCase, MutualCase
from models.enums import Stage
from models.people import Participant
from models.queries.caseload import CaseRow, rows_for, where_due, with_people
from models.queries.paging import Page, page_number
from models.queries.scope import IDS, form_of
from policy.stages import ENDED_STAGES

PAGE_SIZE = 25
SEARCH_MAX_LENGTH = 100
DUE_CHOICES = {"week": "Due this week", "overdue": "Overdue"}
EVERY_STAGE = "all"  # the stage choice that lists closed cases too
UNKNOWN_STAGE = (
    "That stage is not one we know, so it was not applied: open cases are shown. Choose one "
    "from the list."
)
UNKNOWN_DUE = "That due date choice is not one we know, so it was not applied."


@dataclass(frozen=True)
class CaseloadFilters:
    stage: Stage | None = None
    due: str = ""  # "" (any) or a key of DUE_CHOICES
    q: str = ""
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict)
    every_stage: bool = False  # "All cases": closed ones too (the default is open cases)

    @property
    def active(self) -> bool:
        return bool(self.stage or self.due or self.q or self.every_stage)

    @property
    def open_only(self) -> bool:
        """The default: no stage chosen, so closed and not-mutual cases are left out."""
        return self.stage is None and not self.every_stage

    @property
    def stage_value(self) -> str:
        """The stage choice as the form sends it: a stage, "all", or "" for open cases."""
        return self.stage.value if self.stage else EVERY_STAGE if self.every_stage else ""

    def args(self) -> dict[str, str]:
        """The applied filters as query arguments, for links that keep them (no page)."""
        found = {"stage": self.stage_value, "due": self.due, "q": self.q}
        return {k: v for k, v in found.items() if v}

    def audit_detail(self) -> dict[str, Any]:
        # Search text may be a client's name: record only that a search was made (W&I 10850).
        return {
            "stage": self.stage_value or None,
            "due": self.due or None,
            "searched": bool(self.q),
        }


def parse_filters(args: Mapping[str, str]) -> CaseloadFilters:
    """Read the GET form; an unknown value is ignored (with a message), never an error page."""
    errors: dict[str, str] = {}
    stage_value = (args.get("stage") or "").strip()
    stage = None
    if stage_value and stage_value != EVERY_STAGE:
        try:
            stage = Stage(stage_value)
        except ValueError:
            errors["stage"] = UNKNOWN_STAGE
    due = (args.get("due") or "").strip()
    if due and due not in DUE_CHOICES:
        errors["due"] = UNKNOWN_DUE
        due = ""
    q = " ".join((args.get("q") or "").split())[:SEARCH_MAX_LENGTH]
    page = _page_number(args.get("page"))
    return CaseloadFilters(stage, due, q, page, errors, every_stage=stage_value == EVERY_STAGE)


def _page_number(raw: str | None) -> int:
    try:
        number = int(raw or "1")
    except ValueError:
        return 1
    return number if number >= 1 else 1


def filter_query(
    stmt: Select[tuple[MutualCase]], filters: CaseloadFilters
) -> Select[tuple[MutualCase]]:
    """Stage and search in SQL: case-insensitive substring of "first last", either case number.
    Without a stage chosen, open cases only."""
    if filters.stage:
        stmt = stmt.where(MutualCase.stage == filters.stage)
    elif filters.open_only:
        stmt = stmt.where(MutualCase.stage.not_in([Stage(s) for s in ENDED_STAGES]))
    if filters.q:
        term = filters.q
        full_name = Participant.first_name + " " + Participant.last_name
        stmt = stmt.where(
            or_(
                MutualCase.participant.has(
                    or_(
                        full_name.icontains(term, autoescape=True),
                        Participant.calworks_case_number.icontains(term, autoescape=True),
                    )
                ),
                MutualCase.child_welfare_case.has(
                    ChildWelfareCase.case_number.icontains(term, autoescape=True)
                ),
            )
        )
    return stmt


def caseload_page(
    db: Session, visible: Select[tuple[MutualCase]], filters: CaseloadFilters, today: date
) -> Page[CaseRow]:
    """One page of the filtered caseload in id order, and the count of all that match: two
    queries plus one for the page's due items. A page past the end shows the last page (cases
    may have moved since the link was made)."""
    filtered = filter_query(visible, filters)
    # A listed unit (SQLite) counts its due cases one by one, as the page does: a unit of
    # 2,400 at 100,000 cases, 11 -> 7 ms. A unit tested row by row keeps the list of due cases.
    counted = where_due(filtered, filters.due, today, correlated=form_of(visible) == IDS)
    total = db.scalar(counted.with_only_columns(func.count(MutualCase.id)).order_by(None)) or 0
    count, number = page_number(total, filters.page, PAGE_SIZE)
    stmt = where_due(filtered, filters.due, today, correlated=True)  # see where_due
    # The page's ids first, then those 25 cases with their people: joined before the cut, the
    # people of every case skipped were read too (PostgreSQL, a unit's last page at 100,000
    # cases: 24 ms for the page query).
    ids = (
        stmt.with_only_columns(MutualCase.id)
        .order_by(MutualCase.id)
        .limit(PAGE_SIZE)
        .offset((number - 1) * PAGE_SIZE)
    )
    page = with_people(select(MutualCase).where(MutualCase.id.in_(ids))).order_by(MutualCase.id)
    cases = list(db.scalars(page).unique())
    return Page(rows_for(db, cases, today), number, count, total, PAGE_SIZE)
