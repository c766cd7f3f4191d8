"""Assign: the specialized worker (R-ID-06), the supervisor who assigns (R-ID-05), the
child-welfare social worker (§c2) and the regional contact asked for the CalWORKs worker
(R-ID-07). Supervisors reassign one case or several; the reason is kept in the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from models.base import utcnow
from models.cases import ChildWelfareCase, MutualCase
from models.county import Office, RegionalContact
from models.enums import Role, Stage
from models.history import REASSIGNED, CaseEvent
from models.operations.history import diff, record_event
from models.operations.stages import StageBlocked, move_stage
from models.people import SocialWorker
from models.queries.case_facts import case_facts
from models.share import ShareLink
from models.users import User
from policy.stages import blockers

HISTORY_LABELS = {
    "worker": "Specialized worker",  # replaced by the county's title when written
    "supervisor": "Supervisor",
    "assigned_on": "Assigned on",
    "sw_name": "Social worker",
    "sw_unit": "Social worker's unit",
    "sw_phone": "Social worker's phone",
    "sw_email": "Social worker's email",
    "regional_contact": "Regional contact",
}


@dataclass(frozen=True)
class AssignValues:
    """What the Assign step saves. ``worker`` None: the worker stays (an EC saving the step).
    ``supervisor`` None with a worker: follow that worker's own supervisor."""

    assigned_on: date
    sw_name: str = ""
    sw_unit: str = ""
    sw_phone: str = ""
    sw_email: str = ""
    regional_contact: RegionalContact | None = None
    worker: User | None = None
    supervisor: User | None = None
    reason: str = ""


def snapshot(case: MutualCase) -> dict[str, Any]:
    cw = case.child_welfare_case
    sw = cw.social_worker if cw else None
    return {
        "worker": case.assigned_worker.name if case.assigned_worker else "",
        "supervisor": case.supervisor.name if case.supervisor else "",
        "assigned_on": case.assigned_on,
        "sw_name": sw.name if sw else "",
        "sw_unit": sw.unit if sw else "",
        "sw_phone": sw.phone if sw else "",
        "sw_email": sw.email if sw else "",
        "regional_contact": case.regional_contact.name if case.regional_contact else "",
    }


def county_workers(db: Session, county_id: int, unit_of: int | None = None) -> list[User]:
    """Active ECs of the county by name; a supervisor's own unit first (``unit_of``)."""
    stmt = select(User).where(
        User.county_id == county_id, User.role == Role.EC, User.active.is_(True)
    )
    users = list(db.scalars(stmt.order_by(User.name, User.id)))
    if unit_of is not None:
        users.sort(key=lambda u: u.supervisor_id != unit_of)  # stable: names stay in order
    return users


def county_supervisors(db: Session, county_id: int) -> list[User]:
    stmt = select(User).where(
        User.county_id == county_id, User.role == Role.SUPERVISOR, User.active.is_(True)
    )
    return list(db.scalars(stmt.order_by(User.name, User.id)))


def county_contacts(db: Session, county_id: int) -> list[RegionalContact]:
    stmt = (
        select(RegionalContact)
        .join(Office)
        .where(Office.county_id == county_id)
        .order_by(RegionalContact.name, RegionalContact.id)
    )
    return list(db.scalars(stmt))


def _same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _shared_with_other_cases(db: Session, sw: SocialWorker, cw: ChildWelfareCase) -> bool:
    others = select(func.count(ChildWelfareCase.id)).where(
        ChildWelfareCase.social_worker_id == sw.id, ChildWelfareCase.id != cw.id
    )
    return bool(db.scalar(others))


def _set_social_worker(db: Session, case: MutualCase, values: AssignValues) -> None:
    """A different name is a new SocialWorker row, so the history shows who the social worker
    was before (and other cases keep theirs). The same person's details are corrected in place
    only when no other case points at the row: a row shared with other cases (one social worker
    carries many) is copied for this case first, so an edit here never changes another EC's case,
    its history or the address its share form fills in. This case's links stay with the person."""
    cw = case.child_welfare_case
    if cw is None:
        return
    name = " ".join(values.sw_name.split())
    if not name:
        cw.social_worker = None
        return
    details = (values.sw_unit.strip(), values.sw_phone.strip(), values.sw_email.strip())
    sw = cw.social_worker
    if sw is None or not _same_person(sw.name, name):
        sw = SocialWorker(county_id=case.county_id, name=name)
        cw.social_worker = sw
    elif (sw.name, sw.unit, sw.phone, sw.email) != (name, *details) and (
        sw.id is not None and _shared_with_other_cases(db, sw, cw)
    ):
        old_id, sw = sw.id, SocialWorker(county_id=case.county_id, name=name)
        cw.social_worker = sw
        db.flush()
        db.execute(
            update(ShareLink)
            .where(ShareLink.case_id == case.id, ShareLink.social_worker_id == old_id)
            .values(social_worker_id=sw.id)
        )
    sw.name = name
    sw.unit, sw.phone, sw.email = details


def _labels(case: MutualCase) -> dict[str, str]:
    return {**HISTORY_LABELS, "worker": case.county.specialist_title}


def _summary(before: str, after: str) -> str:
    if before and before != after:
        return f"{REASSIGNED}{before} to {after}"
    if not before and after:
        return f"Assigned to {after}"
    return "Assignment updated"


def _supervisor_for(case: MutualCase, worker: User, chosen: User | None) -> User | None:
    """A chosen supervisor wins; otherwise the worker's own supervisor, and a case is never
    left without one just because the new worker has none recorded."""
    if chosen is not None:
        return chosen
    return worker.supervisor or case.supervisor


def apply_assign(
    db: Session, case: MutualCase, values: AssignValues, user: User
) -> CaseEvent | None:
    """Write the Assign step; one history row with before/after and the reason (R-ID-05/06)."""
    before = snapshot(case)
    if values.worker is not None:
        case.supervisor = _supervisor_for(case, values.worker, values.supervisor)
        case.assigned_worker = values.worker
    elif case.supervisor_id is None and user.supervisor is not None:
        case.supervisor = user.supervisor  # an EC taking the case brings their supervisor
    case.assigned_on = values.assigned_on
    case.regional_contact = values.regional_contact
    _set_social_worker(db, case, values)
    case.updated_at = utcnow()  # bumps version_id even when only the social worker changed
    db.flush()
    after = snapshot(case)
    changes = diff(before, after, _labels(case))
    if not changes and not values.reason.strip():
        return None
    return record_event(
        db,
        case.id,
        user.id,
        "assign",
        _summary(before["worker"], after["worker"]),
        changes,
        values.reason.strip(),
    )


def reassign_many(
    db: Session, cases: list[MutualCase], worker: User, reason: str, user_id: int, on: date
) -> list[MutualCase]:
    """Bulk reassignment by a supervisor: each case gets the worker, an assignment date if it
    had none, the worker's supervisor, and its own history row with the reason. Cases that
    already belong to the worker are left alone. Returns the cases that changed."""
    changed = []
    for case in cases:
        if case.assigned_worker_id == worker.id:
            continue
        before = snapshot(case)
        case.supervisor = _supervisor_for(case, worker, None)
        case.assigned_worker = worker
        if case.assigned_on is None:
            case.assigned_on = on
        case.updated_at = utcnow()
        db.flush()
        changes = diff(before, snapshot(case), _labels(case))
        summary = (
            f"{REASSIGNED}{before['worker']} to {worker.name}"
            if before["worker"]
            else f"Assigned to {worker.name}"
        )
        record_event(db, case.id, user_id, "reassign", summary, changes, reason.strip())
        advance(db, case, user_id)
        changed.append(case)
    return changed


def not_ready(db: Session, case: MutualCase) -> tuple[str, ...]:
    """Why a case cannot reach Assigned yet (only confirmed mutual clients are assigned)."""
    if case.stage == Stage.CANDIDATE:
        reasons = blockers("confirmed", case_facts(db, case))
        return (
            f"The case is not yet confirmed as a {case.county.case_term} (R-ID-01): finish the "
            "Identify step first.",
            *reasons,
        )
    if case.stage == Stage.NOT_MUTUAL:
        return (
            f"The person is recorded as not a {case.county.case_term}. Correct the facts on the "
            "Identify step to identify them again.",
        )
    return ()


def advance(db: Session, case: MutualCase, user_id: int) -> tuple[str, ...]:
    """A confirmed case with a worker and a date moves to Assigned; later stages stay where
    they are. Returns the reasons it did not move (empty when it moved or need not)."""
    if case.stage != Stage.CONFIRMED:
        return not_ready(db, case)
    try:
        move_stage(db, case, Stage.ASSIGNED, user_id)
    except StageBlocked as exc:
        return exc.reasons
    return ()
