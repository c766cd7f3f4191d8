"""The caseload as rows a worker reads: who, where the case stands, and what is due next."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from models.cases import MutualCase
from models.county import CountyProfile
from models.plan import Plan
from models.queries.calendars import court_holidays, not_loaded_message, office_holidays
from policy.calendar import CalendarNotLoaded
from policy.deadlines import meeting_due, plan_signature_due
from policy.stages import MEETING_DUE_STAGES, SIGNATURE_DUE_STAGES

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


def meeting_due_for(
    case: MutualCase, county: CountyProfile, office: Collection[date], court: Collection[date]
) -> date | None:
    """R-MT-01/02 with the county's anchor (§e Q1); None where the county sets no target (§e Q3).

    Raises policy.calendar.CalendarNotLoaded when the count needs a year not loaded."""
    if not county.meeting_deadline_applies:
        return None
    anchor = case.assigned_on if county.meeting_anchor == "assigned" else case.identified_on
    cw = case.child_welfare_case
    if anchor is None or cw is None:
        return None
    custody = cw.protective_custody
    if custody and cw.removed_on is None and cw.jurisdiction_hearing_on is None:
        return None
    return meeting_due(
        assigned_on=anchor,
        in_protective_custody=custody,
        holidays=office,
        court_holidays=court,
        removed_on=cw.removed_on,
        jurisdiction_hearing_on=cw.jurisdiction_hearing_on,
    )


def _next_due(
    case: MutualCase,
    plans: dict[int, Plan],
    county: CountyProfile,
    office: Collection[date],
    court: Collection[date],
) -> NextDue | None:
    if case.stage in MEETING_DUE_STAGES:
        due = meeting_due_for(case, county, office, court)
        return NextDue("Joint meeting", due) if due else None
    plan = plans.get(case.id)
    current = plan.current if plan else None
    if case.stage in SIGNATURE_DUE_STAGES and current and current.required_from:
        return NextDue("Plan signature", plan_signature_due(current.required_from))
    return None


def caseload_rows(
    db: Session, visible: Select[tuple[MutualCase]], county: CountyProfile, today: date
) -> list[CaseRow]:
    """Two queries for the cases whatever their number (no N+1), then the pure deadline rules."""
    stmt = visible.options(
        joinedload(MutualCase.participant),
        joinedload(MutualCase.child_welfare_case),
        joinedload(MutualCase.assigned_worker),
    ).order_by(MutualCase.id)
    cases = list(db.scalars(stmt).unique())
    plans = {p.case_id: p for p in db.scalars(_plans_query(cases))}
    office, court = office_holidays(db, county), court_holidays(db)
    rows = []
    for case in cases:
        problem = ""
        try:
            due = _next_due(case, plans, county, office, court)
        except CalendarNotLoaded as exc:
            due, problem = None, not_loaded_message(exc)
        rows.append(
            CaseRow(
                case,
                case.stage_label,
                due,
                overdue=bool(due and due.on < today),
                due_this_week=bool(due and today <= due.on <= today + WEEK_AHEAD),
                due_problem=problem,
            )
        )
    return rows


def _plans_query(cases: list[MutualCase]) -> Select[tuple[Plan]]:
    return (
        select(Plan)
        .where(Plan.case_id.in_([c.id for c in cases]))
        .options(selectinload(Plan.versions))
    )
