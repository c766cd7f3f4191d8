"""The facts policy.stages decides on, read from a case: its meeting, its current plan, its dates."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, joinedload

from models.cases import MutualCase
from models.enums import ActivitySource, IntegrationConsent
from models.meeting import AGENDA_ITEMS, Meeting
from models.plan import Plan, PlanVersion
from models.queries.plan_hours import (
    activities_for_policy,
    missing_item_findings,
    participation_of,
)
from policy.hours import reconcile
from policy.stages import UNVERIFIED_STAGES, CaseFacts

# Built once with the case as a bound parameter: the plan preview runs these on every pause in
# typing, and building a statement costs more than SQLite takes to answer it (issue 14).
_CASE = bindparam("case_id")
_LATEST_MEETING = select(Meeting).where(Meeting.case_id == _CASE).order_by(Meeting.id.desc())
_NEWEST_PLAN = select(Plan).where(Plan.case_id == _CASE).order_by(Plan.id.desc())
_NEWEST_PLAN_AND_VERSIONS = _NEWEST_PLAN.options(joinedload(Plan.versions))


def latest_meeting(db: Session, case: MutualCase) -> Meeting | None:
    return db.scalars(_LATEST_MEETING, {"case_id": case.id}).first()


def find_plan(db: Session, case: MutualCase) -> Plan | None:
    """The case's plan (the newest, should there ever be two)."""
    return db.scalars(_NEWEST_PLAN, {"case_id": case.id}).first()


def current_plan_version(db: Session, case: MutualCase) -> PlanVersion | None:
    """The plan's newest version: a draft amendment when one is in progress. The plan and its
    versions in one query (the plan preview asks on every keystroke batch)."""
    plan = db.scalars(_NEWEST_PLAN_AND_VERSIONS, {"case_id": case.id}).unique().first()
    return plan.current if plan else None


def case_facts(db: Session, case: MutualCase) -> CaseFacts:
    return facts_with_plan(db, case, current_plan_version(db, case))


def facts_with_plan(
    db: Session, case: MutualCase, version: PlanVersion | None, *, check_plan: bool = True
) -> CaseFacts:
    """The facts, with the plan version the caller already has. The plan's live preview counts
    the plan as typed itself (check_plan=False: its activities, CFS activities and errors): the
    saved rows are then not read at all, on every keystroke batch (issue 14)."""
    cw = case.child_welfare_case
    meeting = latest_meeting(db, case)
    missing: tuple[str, ...] = ()
    declined = case.integration_consent == IntegrationConsent.DECLINED
    # The seven-item agenda is Santa Clara's (R-MT-03, seed 001); Orange's policy sets none, and
    # a declined integration leaves nothing to integrate.
    if meeting is not None and case.county.code == "santa_clara" and not declined:
        missing = tuple(
            label
            for name, label in AGENDA_ITEMS
            if name != "agenda_signatures" and not getattr(meeting, name)
        )
    plan_errors: tuple[str, ...] = ()
    if check_plan and version is not None and version.activities:
        result = reconcile(
            version.requirement,
            activities_for_policy(version),
            case.county.code,
            participation_of(case),
        )
        found = [*result.findings, *missing_item_findings(version)]  # R-PL-03..08
        plan_errors = tuple(f.message for f in found if f.severity == "error")
    sw = cw.social_worker if cw else None
    saved = list(version.activities) if check_plan and version is not None else []
    return CaseFacts(
        stage=case.stage.value,
        calworks_status=case.participant.calworks_status.value,
        cw_case_open=bool(cw and cw.open),
        verified=case.stage not in UNVERIFIED_STAGES,
        worker_assigned=case.assigned_worker_id is not None and case.assigned_on is not None,
        sw_named=bool(sw and sw.name.strip()),
        # A meeting held on the spot was never scheduled: holding it counts as scheduling it.
        meeting_scheduled=bool(meeting and (meeting.scheduled_at or meeting.held_on)),
        meeting_held=bool(meeting and meeting.held_on),
        agenda_missing=missing,
        integration=case.integration_consent.value,
        county=case.county.code,
        plan_activities=len(saved),
        plan_cfs_activities=sum(1 for a in saved if a.source == ActivitySource.CFS),
        plan_errors=plan_errors,
        sw_agreement=bool(version and version.sw_agreement_on),
        signed=bool(version and version.signed_client_at and version.signed_worker_at),
        closure_route=case.closure_route is not None,
        closed_on=case.closed_on is not None,
        sw_notified=case.sw_notified_on is not None,
        indicator_ended=case.indicator_end_on is not None,
        not_mutual_reason=bool(case.not_mutual_reason.strip()),
        case_term=case.county.case_term,
    )
