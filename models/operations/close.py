"""Closing a mutual case (R-CL-01..04, §c7): record the closure facts, move the case to
CLOSING, and to CLOSED once the route, the closing date, the date the social worker was told
and the date the common-case indicator was end-dated are all recorded.

Only the mutual case is changed. The child-welfare case belongs to CFS/DFCS: its closure is
recorded there, not here. ``closing_preview`` says beforehand what a save will do, so the EC
confirms before the case is locked; ``reopen_case`` is the supervisor's undo (issue 13).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from models.base import utcnow
from models.cases import MutualCase
from models.enums import ClosureRoute, LinkState, PlanStatus, Stage
from models.history import Change
from models.operations import sw_notices
from models.operations.history import diff, record_event
from models.operations.share_links import link_state, links_for
from models.operations.stages import move_stage
from models.people import SocialWorker
from models.plan import PlanVersion
from models.queries.case_facts import case_facts, current_plan_version
from models.share import ShareLink
from policy.stages import (
    OPEN_STAGES,
    REOPENABLE_STAGES,
    blockers,
    may_start_closing,
    reopen_target,
)

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
    starts = case.stage.value in OPEN_STAGES
    if starts:
        case.closing_from = case.stage  # where a supervisor's reopening puts it back
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
    if starts:  # R-CL-04: once per closing, when it starts
        sw_notices.closing(db, case, user_id)
    facts = case_facts(db, case)
    missing = blockers(Stage.CLOSED.value, facts)
    if missing:
        return missing
    _end_unsigned_plan(db, case, user_id)
    _end_links(db, case, user_id)
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


def _end_links(db: Session, case: MutualCase, user_id: int | None) -> None:
    """The social worker's working links end with the case and stay ended (issue 5, 13)."""
    now = utcnow()
    for link in links_for(db, case.id):
        if link.ended_with_case_at is None and link_state(link, case, now).is_active:
            link.ended_with_case_at = now
            record_event(
                db,
                case.id,
                user_id,
                "share_end",
                f"Read-only link for {link.recipient_name} ended with the case",
            )


def _keep_links_ended(db: Session, case: MutualCase) -> None:
    """Links of a case closed before they were marked ended: marked now, before reopening."""
    now = utcnow()
    for link in links_for(db, case.id):
        if link.ended_with_case_at is None and link_state(link, case, now) == LinkState.CASE_CLOSED:
            link.ended_with_case_at = now


@dataclass(frozen=True)
class ClosingPreview:
    """What saving the close form will do, shown before anything is locked."""

    closes: bool  # all four facts: the case closes and becomes read-only
    starts_closing: bool  # an open case moves to "Closing" (nothing is locked yet)
    still_needed: tuple[str, ...]
    links: tuple[ShareLink, ...]  # working read-only links that end with the case
    plan: PlanVersion | None
    plan_ends: bool  # a plan never signed ends and can no longer be signed
    social_worker: SocialWorker | None


def closing_preview(db: Session, case: MutualCase, values: dict[str, Any]) -> ClosingPreview:
    """What ``apply_close`` would do with these values; reads only."""
    facts = replace(
        case_facts(db, case),
        stage=Stage.CLOSING.value,
        closure_route=bool(values.get("closure_route")),
        closed_on=values.get("closed_on") is not None,
        sw_notified=values.get("sw_notified_on") is not None,
        indicator_ended=values.get("indicator_end_on") is not None,
    )
    missing = blockers(Stage.CLOSED.value, facts)
    version = current_plan_version(db, case)
    now = utcnow()
    links = tuple(link for link in links_for(db, case.id) if link_state(link, case, now).is_active)
    cw = case.child_welfare_case
    return ClosingPreview(
        closes=not missing,
        starts_closing=case.stage.value in OPEN_STAGES,
        still_needed=missing,
        links=links if not missing else (),
        plan=version,
        plan_ends=version is not None and version.status in UNSIGNED_PLAN,
        social_worker=cw.social_worker if cw else None,
    )


class ReopenRefused(Exception):
    """Only a case that is closing or closed can be reopened; the message says why not."""


def reopen_case(db: Session, case: MutualCase, reason: str, user_id: int) -> Stage:
    """A supervisor's undo of a closing done by mistake (issue 13): the case goes back to the
    stage it closed from, the closure details are cleared (the history keeps them), a plan that
    ended with the case is a draft again. Links that ended stay ended. Returns the stage."""
    if case.stage.value not in REOPENABLE_STAGES:
        raise ReopenRefused("The case is not closed or closing: there is nothing to reopen.")
    if not reason.strip():
        raise ReopenRefused("Give the reason for reopening the case.")
    facts = case_facts(db, case)
    target = Stage(reopen_target(case.closing_from.value if case.closing_from else None, facts))
    if case.stage == Stage.CLOSED:
        _keep_links_ended(db, case)
    before, was = snapshot(case), case.stage
    case.closure_route = None
    case.closed_on = case.sw_notified_on = case.indicator_end_on = None
    case.closure_note = ""
    case.stage, case.closing_from = target, None
    case.updated_at = utcnow()
    changes = [Change("stage", "Stage", was.label, target.label)]
    changes += diff(before, snapshot(case), HISTORY_LABELS)
    record_event(
        db,
        case.id,
        user_id,
        "stage",
        f"Case reopened: {was.label} → {target.label}",
        changes,
        reason.strip(),
    )
    _restore_plan(db, case, target, user_id)
    return target


def _restore_plan(db: Session, case: MutualCase, target: Stage, user_id: int) -> None:
    """A plan that ended with the case (never signed) can be worked on again."""
    version = current_plan_version(db, case)
    if version is None or version.status != PlanStatus.ENDED:
        return
    after = (
        PlanStatus.AGREED_WITH_SW if target == Stage.PLAN_PENDING_SIGNATURE else PlanStatus.DRAFT
    )
    version.status = after
    record_event(
        db,
        case.id,
        user_id,
        "plan",
        f"Plan version {version.version_no} reopened with the case",
        [Change("plan_status", "Plan status", PlanStatus.ENDED.label, after.label)],
    )
