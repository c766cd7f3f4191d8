"""The signed forms of the demo's active plans, made as the Sign page makes them (`make demo`).

The demo data (models/demo/) builds plans that were signed some working days ago, but a signed
PDF can only come from WeasyPrint, which lives here. `flask seed-demo` calls
``sign_demo_plans`` after loading the data: for every demo plan version that is signed but has
no stored forms it signs it with ``plan_signing.sign_plan``, exactly as the Sign page does, so
the demo's signed forms download and verify like any other. Idempotent: a version with stored
forms is left alone. `seed-demo --no-documents` (the tests) skips it.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.demo.seed import DEMO_EMAIL_DOMAIN
from models.enums import SIGNED_PLAN_STATUSES
from models.history import CaseEvent
from models.plan import PlanVersion
from models.queries.case_facts import current_plan_version
from models.signing import SignedDocument
from models.users import User
from policy.county_time import county_date

from .plan_signing import Signers, sign_plan


def _demo_cases(db: Session) -> list[MutualCase]:
    demo_supervisors = select(User.id).where(User.email.like(f"%@{DEMO_EMAIL_DOMAIN}"))
    return list(
        db.scalars(
            select(MutualCase)
            .where(MutualCase.supervisor_id.in_(demo_supervisors))
            .order_by(MutualCase.id)
        )
    )


def _needs_forms(db: Session, version: PlanVersion | None) -> bool:
    if version is None or version.status not in SIGNED_PLAN_STATUSES:
        return False
    if version.signed_client_at is None or version.signed_worker_at is None:
        return False
    stored = exists().where(SignedDocument.plan_version_id == version.id)
    return not db.scalar(select(stored))


def sign_demo_plans(db: Session) -> int:
    """Store the signed forms of every signed demo plan version that has none; returns how
    many documents were stored. Flushes, never commits (the command commits once)."""
    count = 0
    for case in _demo_cases(db):
        version = current_plan_version(db, case)
        worker = case.assigned_worker
        if worker is None or not _needs_forms(db, version):
            continue
        assert version is not None
        assert version.signed_client_at and version.signed_worker_at
        status, signed_at = version.status, version.signed_client_at
        assert version.change_window_ends is not None
        signers = Signers(
            client_name=case.participant.display_name,
            worker_name=worker.name,
            method="in_person",
            user_id=worker.id,
            at=signed_at,
            worker_at=version.signed_worker_at,
        )
        stored = sign_plan(
            db,
            case,
            version,
            signers,
            signed_on=county_date(signed_at),
            change_window_ends=version.change_window_ends,
        )
        # Dated when the demo says the plan was signed, not when the demo was loaded; the demo's
        # plans are past the change window, so they stay "Active".
        version.status = status
        for document in stored:
            document.created_at = signed_at
        for row in db.new:
            if isinstance(row, CaseEvent) and row.case_id == case.id:
                row.at = version.signed_worker_at
        db.flush()
        count += len(stored)
    return count
