"""Significant changes (child removed or returned, housing, household, court dates, employment)
and the re-evaluation of participation each one calls for (R-ID-10, R-CL-06, R-PL-10)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.enums import ChangeKind, ChangeResolution, ChangeSource
from models.history import Change
from models.operations import sw_notices
from models.operations.history import record_event
from models.operations.signing import amend_signed_plan
from models.plan import PlanVersion
from models.tracking import ChangeReport

DESCRIPTION_MAX = 2000


class AlreadyResolved(ValueError):
    """Someone decided on this change already; their decision stands."""


@dataclass(frozen=True)
class ChangeInput:
    kind: ChangeKind
    reported_on: date
    changed_on: date | None
    source: ChangeSource
    description: str


def record_change(db: Session, case: MutualCase, values: ChangeInput, user_id: int) -> ChangeReport:
    """Record the change; it waits on Track as "re-evaluate participation" until resolved."""
    report = ChangeReport(
        case_id=case.id,
        kind=values.kind.value,
        reported_on=values.reported_on,
        changed_on=values.changed_on,
        source=values.source.value,
        description=values.description.strip()[:DESCRIPTION_MAX],
        recorded_by_id=user_id,
        reevaluated=False,
    )
    db.add(report)
    record_event(
        db,
        case.id,
        user_id,
        "change_report",
        f"Significant change recorded: {values.kind.label}",
        [
            Change("source", "Reported by", "", values.source.label),
            Change("description", "What changed", "", report.description),
        ],
    )
    sw_notices.change_recorded(db, case, report, user_id)  # R-CL-06
    return report


def resolve_change(
    db: Session,
    case: MutualCase,
    report: ChangeReport,
    resolution: ChangeResolution,
    note: str,
    user_id: int,
    today: date,
) -> PlanVersion | None:
    """Record what the re-evaluation decided. "Amend the plan" starts the amendment at once and
    returns it (R-PL-10); "start closing" leaves the closing itself to the Close step.
    Raises AlreadyResolved, or NothingToAmend when there is no signed plan. No commit."""
    if report.reevaluated:
        raise AlreadyResolved("This change was already re-evaluated.")
    amendment = None
    if resolution == ChangeResolution.AMEND_PLAN:
        amendment = amend_signed_plan(db, case, user_id, today)
    report.reevaluated = True
    report.resolution = resolution.value
    report.resolution_note = note.strip()[:DESCRIPTION_MAX]
    report.resolved_on = today
    report.resolved_by_id = user_id
    record_event(
        db,
        case.id,
        user_id,
        "change_report",
        f"Participation re-evaluated after: {ChangeKind.label_of(report.kind)}",
        [Change("resolution", "Decision", "", resolution.label)]
        + ([Change("resolution_note", "Why", "", report.resolution_note)] if note.strip() else []),
    )
    return amendment
