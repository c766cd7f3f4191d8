"""Closing a mutual case (R-CL-01..04, §c7): record the closure facts, move the case to
CLOSING, and to CLOSED once the route, the closing date, the date the social worker was told
and the date the common-case indicator was end-dated are all recorded.

Only the mutual case is changed. The child-welfare case belongs to CFS/DFCS: its closure is
recorded there, not here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models.base import utcnow
from models.cases import MutualCase
from models.enums import ClosureRoute, PlanStatus, Stage
from models.history import Change
from models.operations.history import diff, record_event
from models.operations.stages import move_stage
from models.queries.case_facts import case_facts, current_plan_version
from policy.stages import blockers, may_start_closing

HISTORY_LABELS = {
    "closure_route": "Closure route",
    "closed_on": "Closing date",
    "sw_notified_on": "Social worker told on",
    "indicator_end_on": "Indicator end-dated on",
    "closure_note": "Closure note",
}
# A plan that was never signed ends with the case; a signed version never changes (R-PL-03),
# its record stays as it was signed.
UNSIGNED_PLAN = {PlanStatus.DRAFT, PlanStatus.AGREED_WITH_SW}


def snapshot(case: MutualCase) -> dict[str, Any]:
    return {name: getattr(case, name) for name in HISTORY_LABELS}


def can_start_closing(case: MutualCase) -> bool:
    """Any open stage may start closing (R-CL-02/03); a person who was never a mutual client
    has nothing to close, and a closed case stays closed."""
    return may_start_closing(case.stage) or case.stage == Stage.CLOSING


def apply_close(
    db: Session, case: MutualCase, values: dict[str, Any], user_id: int
) -> tuple[str, ...]:
    """Save the closure facts and move the case as far as they allow.

    Returns what is still missing to close (empty when the case is now closed)."""
    before = snapshot(case)
    case.closure_route = ClosureRoute(values["closure_route"])
    case.closed_on = values.get("closed_on")
    case.sw_notified_on = values.get("sw_notified_on")
    case.indicator_end_on = values.get("indicator_end_on")
    case.closure_note = (values.get("closure_note") or "").strip()
    case.updated_at = utcnow()  # bumps version_id: a concurrent save now conflicts
    changes = diff(before, snapshot(case), HISTORY_LABELS)
    if changes:
        record_event(db, case.id, user_id, "close", "Closure details saved", changes)
    move_stage(db, case, Stage.CLOSING, user_id, "Closure started")
    facts = case_facts(db, case)
    missing = blockers(Stage.CLOSED.value, facts)
    if missing:
        return missing
    _end_unsigned_plan(db, case, user_id)
    move_stage(
        db,
        case,
        Stage.CLOSED,
        user_id,
        "Route, closing date, social worker told and "
        "indicator end-dated are recorded (R-CL-02..04)",
        facts=facts,
    )
    return ()


def _end_unsigned_plan(db: Session, case: MutualCase, user_id: int) -> None:
    version = current_plan_version(db, case)
    if version is None or version.status not in UNSIGNED_PLAN:
        return
    before = version.status
    version.status = PlanStatus.ENDED  # the status change bumps the version's version_id
    record_event(
        db,
        case.id,
        user_id,
        "plan",
        f"Plan version {version.version_no} ended with the case",
        [Change("plan_status", "Plan status", before.label, PlanStatus.ENDED.label)],
    )
