"""Family reunification records and the family-stabilization (FSP) referral of a case, and where
each stands on a given day (R-FR-01..09, R-FS-01..04)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.enums import ReferralProgram, ReferralStatus
from models.programs import Referral, ReunificationRecord


def reunification_records(db: Session, case: MutualCase) -> list[ReunificationRecord]:
    """Every FR record of the case, the latest removal first."""
    stmt = select(ReunificationRecord).where(ReunificationRecord.case_id == case.id)
    order = (ReunificationRecord.removed_on.desc(), ReunificationRecord.id.desc())
    return list(db.scalars(stmt.order_by(*order)))


def fsp_referral(db: Session, case: MutualCase) -> Referral | None:
    """The case's FSP referral (one per program: the joint meeting never adds a second)."""
    stmt = select(Referral).where(
        Referral.case_id == case.id, Referral.program == ReferralProgram.FSP.value
    )
    return db.scalars(stmt.order_by(Referral.id)).first()


def fr_state(record: ReunificationRecord, today: date) -> str:
    """Where an FR record stands: "ineligible" (R-FR-02), "ended" (the EC ended it), "running"
    (services through the last day, extension included) or "period_over" (the last day has
    passed but nobody has ended the services yet)."""
    if record.ineligibility_reason:
        return "ineligible"
    if record.ended_on is not None:
        return "ended"
    last = record.last_day
    if last is not None and last < today:
        return "period_over"
    return "running"


def running_record(records: list[ReunificationRecord], today: date) -> ReunificationRecord | None:
    """The FR record whose services are still on (not ended by the EC), if any."""
    return next((r for r in records if fr_state(r, today) in ("running", "period_over")), None)


def fs_active(referral: Referral | None, today: date) -> bool:
    """In family stabilization today: FSP accepted and the FS plan covers today (R-FS-02)."""
    return (
        referral is not None
        and referral.status == ReferralStatus.ACCEPTED
        and referral.fs_plan_start is not None
        and referral.fs_plan_end is not None
        and referral.fs_plan_start <= today <= referral.fs_plan_end
    )


def fs_ended(referral: Referral | None, today: date) -> bool:
    """FS is over: the referral is closed, or it was accepted and the FS plan has ended
    (R-FS-03: the client then signs a WTW plan; failing the FS plan is not noncompliance)."""
    if referral is None:
        return False
    if referral.status == ReferralStatus.CLOSED:
        return True
    return (
        referral.status == ReferralStatus.ACCEPTED
        and referral.fs_plan_end is not None
        and referral.fs_plan_end < today
    )
