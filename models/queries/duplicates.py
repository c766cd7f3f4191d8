"""Possible duplicates of a client: warn and link, never block or merge (Identify)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from models.cases import ChildWelfareCase, MutualCase
from models.duplicates import DuplicateDismissal
from models.people import Participant


@dataclass(frozen=True)
class PossibleDuplicate:
    case: MutualCase
    reasons: tuple[str, ...]


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def possible_duplicates(
    db: Session,
    county_id: int,
    *,
    first_name: str = "",
    last_name: str = "",
    birth_date: date | None = None,
    calworks_number: str = "",
    cw_number: str = "",
    exclude_case_id: int | None = None,
) -> list[PossibleDuplicate]:
    """Cases in the county that may be the same client. Searches every case in the county,
    not only the worker's caseload: a duplicate is most likely on someone else's."""
    conditions = []
    cal, cwn = calworks_number.strip(), cw_number.strip()
    if cal:
        conditions.append(func.lower(Participant.calworks_case_number) == cal.lower())
    if cwn:
        conditions.append(func.lower(ChildWelfareCase.case_number) == cwn.lower())
    if last_name.strip() and birth_date:
        conditions.append(
            (func.lower(Participant.last_name) == _norm(last_name))
            & (Participant.birth_date == birth_date)
        )
    if not conditions:
        return []
    stmt = (
        select(MutualCase)
        .join(MutualCase.participant)
        .outerjoin(MutualCase.child_welfare_case)
        .where(MutualCase.county_id == county_id, or_(*conditions))
        .options(joinedload(MutualCase.participant), joinedload(MutualCase.child_welfare_case))
        .order_by(MutualCase.id)
    )
    if exclude_case_id is not None:
        stmt = stmt.where(MutualCase.id != exclude_case_id)
        dismissed = dismissed_with(db, exclude_case_id)
    else:
        dismissed = set()
    found = []
    for case in db.scalars(stmt).unique():
        if case.id in dismissed:
            continue
        reasons = _reasons(case, first_name, last_name, birth_date, cal, cwn)
        if reasons:
            found.append(PossibleDuplicate(case, reasons))
    return found


def _reasons(
    case: MutualCase, first: str, last: str, born: date | None, cal: str, cwn: str
) -> tuple[str, ...]:
    p, cw = case.participant, case.child_welfare_case
    reasons = []
    if cal and p.calworks_case_number.lower() == cal.lower():
        reasons.append("same CalWORKs case number")
    if cwn and cw is not None and cw.case_number.lower() == cwn.lower():
        reasons.append("same child-welfare case number")
    if born and p.birth_date == born and _norm(p.last_name) == _norm(last):
        same_first = _norm(p.first_name) == _norm(first)
        reasons.append(
            "same name and birth date" if same_first else "same last name and birth date"
        )
    return tuple(reasons)


def dismissed_with(db: Session, case_id: int) -> set[int]:
    rows = db.execute(
        select(DuplicateDismissal.case_id, DuplicateDismissal.other_case_id).where(
            or_(DuplicateDismissal.case_id == case_id, DuplicateDismissal.other_case_id == case_id)
        )
    )
    return {b if a == case_id else a for a, b in rows}
