"""Moving a case between stages (§c7): gather the facts, ask policy.stages, record the history."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import utcnow
from models.cases import MutualCase
from models.enums import STAGE_LABELS, Stage
from models.history import Change
from models.meeting import AGENDA_ITEMS, Meeting
from models.operations.history import record_event
from models.plan import Plan, PlanVersion
from models.queries.plan_hours import activities_for_policy
from policy.hours import reconcile
from policy.stages import CaseFacts, blockers


class StageBlocked(Exception):
    """The case may not move yet; ``reasons`` says why, in words for the EC."""

    def __init__(self, reasons: tuple[str, ...]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def latest_meeting(db: Session, case: MutualCase) -> Meeting | None:
    stmt = select(Meeting).where(Meeting.case_id == case.id).order_by(Meeting.id.desc())
    return db.scalars(stmt).first()


def current_plan_version(db: Session, case: MutualCase) -> PlanVersion | None:
    plan = db.scalars(select(Plan).where(Plan.case_id == case.id).order_by(Plan.id.desc())).first()
    return plan.current if plan else None


def case_facts(db: Session, case: MutualCase) -> CaseFacts:
    cw = case.child_welfare_case
    meeting = latest_meeting(db, case)
    version = current_plan_version(db, case)
    missing: tuple[str, ...] = ()
    if meeting is not None:
        missing = tuple(
            label
            for name, label in AGENDA_ITEMS
            if name != "agenda_signatures" and not getattr(meeting, name)
        )
    plan_errors: tuple[str, ...] = ()
    if version is not None and version.activities:
        result = reconcile(version.requirement, activities_for_policy(version), case.county.code)
        plan_errors = tuple(f.message for f in result.findings if f.severity == "error")
    sw = cw.social_worker if cw else None
    return CaseFacts(
        stage=case.stage.value,
        calworks_status=case.participant.calworks_status.value,
        cw_case_open=bool(cw and cw.open),
        verified=case.stage not in (Stage.CANDIDATE, Stage.NOT_MUTUAL),
        worker_assigned=case.assigned_worker_id is not None and case.assigned_on is not None,
        sw_named=bool(sw and sw.name.strip()),
        meeting_scheduled=bool(meeting and meeting.scheduled_at),
        meeting_held=bool(meeting and meeting.held_on),
        agenda_missing=missing,
        integration=case.integration_consent.value,
        plan_activities=len(version.activities) if version else 0,
        plan_errors=plan_errors,
        sw_agreement=bool(version and version.sw_agreement_on),
        signed=bool(version and version.signed_client_at and version.signed_worker_at),
        closure_route=case.closure_route is not None,
        closed_on=case.closed_on is not None,
        sw_notified=case.sw_notified_on is not None,
        indicator_ended=case.indicator_end_on is not None,
        not_mutual_reason=bool(case.not_mutual_reason.strip()),
    )


def move_stage(
    db: Session,
    case: MutualCase,
    target: Stage,
    user_id: int | None,
    reason: str = "",
    facts: CaseFacts | None = None,
) -> None:
    """Move the case or raise StageBlocked; the move is written to the case history."""
    if case.stage == target:
        return
    found = blockers(target.value, facts or case_facts(db, case))
    if found:
        raise StageBlocked(found)
    before = case.stage
    case.stage = target
    case.updated_at = utcnow()
    record_event(
        db,
        case.id,
        user_id,
        "stage",
        f"Stage: {STAGE_LABELS[before]} → {STAGE_LABELS[target]}",
        [Change("stage", "Stage", STAGE_LABELS[before], STAGE_LABELS[target])],
        reason,
    )
