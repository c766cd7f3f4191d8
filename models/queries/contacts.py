"""The Track step's contact log and significant changes, newest first (seed 000, R-CL-06)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.contacts import ChildWelfarePlanSummary, SocialWorkerContact
from models.tracking import ChangeReport


def contacts_of(db: Session, case: MutualCase) -> list[SocialWorkerContact]:
    stmt = select(SocialWorkerContact).where(SocialWorkerContact.case_id == case.id)
    return list(
        db.scalars(
            stmt.order_by(SocialWorkerContact.contact_on.desc(), SocialWorkerContact.id.desc())
        )
    )


def plan_summaries_of(db: Session, case: MutualCase) -> list[ChildWelfarePlanSummary]:
    stmt = select(ChildWelfarePlanSummary).where(ChildWelfarePlanSummary.case_id == case.id)
    order = (ChildWelfarePlanSummary.received_on.desc(), ChildWelfarePlanSummary.id.desc())
    return list(db.scalars(stmt.order_by(*order)))


def changes_of(db: Session, case: MutualCase) -> list[ChangeReport]:
    """Every change, open ones first (oldest first: they have waited longest), then resolved."""
    rows = db.scalars(
        select(ChangeReport)
        .where(ChangeReport.case_id == case.id)
        .order_by(ChangeReport.reported_on, ChangeReport.id)
    )
    rows = list(rows)
    return [r for r in rows if not r.reevaluated] + [r for r in reversed(rows) if r.reevaluated]


def open_changes(db: Session, case: MutualCase) -> list[ChangeReport]:
    """Changes still waiting for the re-evaluation of participation (R-ID-10, R-CL-06)."""
    stmt = select(ChangeReport).where(
        ChangeReport.case_id == case.id, ChangeReport.reevaluated.is_(False)
    )
    return list(db.scalars(stmt.order_by(ChangeReport.reported_on, ChangeReport.id)))
