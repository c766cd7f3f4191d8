"""Signed plans as screens read them: the change window, the stored documents, their signatures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from models.cases import MutualCase
from models.plan import PlanVersion
from models.signing import PlanSignature, SignedDocument

ACTIVITY_CHANGE_DAYS = 30  # R-PL-05


@dataclass(frozen=True)
class ChangeWindow:
    """The client's right to ask for changes after signing (R-PL-04) and the one-time change of
    activity within 30 days of starting the first activity (R-PL-05)."""

    version_no: int
    ends_on: date
    open: bool
    activity_change_by: date | None


def change_window(versions: Sequence[PlanVersion], today: date) -> ChangeWindow | None:
    """For the newest signed version (an amendment in progress does not close it)."""
    signed = [v for v in versions if v.change_window_ends is not None]
    if not signed:
        return None
    latest = max(signed, key=lambda v: v.version_no)
    first = min(signed, key=lambda v: v.version_no)  # R-PL-05: the initial plan's activities
    starts = [a.start_on for a in first.activities if a.start_on]
    by = min(starts) + timedelta(days=ACTIVITY_CHANGE_DAYS) if starts else None
    assert latest.change_window_ends is not None
    ends = latest.change_window_ends
    return ChangeWindow(latest.version_no, ends, today <= ends, by)


def signed_documents(db: Session, version: PlanVersion) -> list[SignedDocument]:
    stmt = (
        select(SignedDocument)
        .where(SignedDocument.plan_version_id == version.id)
        .options(defer(SignedDocument.pdf))
        .order_by(SignedDocument.id)
    )
    return list(db.scalars(stmt))


def signatures_of(db: Session, version: PlanVersion) -> list[PlanSignature]:
    stmt = select(PlanSignature).where(PlanSignature.plan_version_id == version.id)
    return list(db.scalars(stmt.order_by(PlanSignature.id)))


def find_signed(
    db: Session,
    *,
    sha256: str | None = None,
    document_id: str | None = None,
    county_id: int | None = None,
) -> SignedDocument | None:
    """The stored document whose bytes have this SHA-256, or with this printed id; with
    ``county_id``, only that county's documents (a county answers for its own records)."""
    stmt = select(SignedDocument).options(defer(SignedDocument.pdf))
    if county_id is not None:
        stmt = stmt.join(MutualCase, MutualCase.id == SignedDocument.case_id).where(
            MutualCase.county_id == county_id
        )
    if sha256 is not None:
        stmt = stmt.where(SignedDocument.sha256 == sha256)
    elif document_id is not None:
        stmt = stmt.where(SignedDocument.document_id == document_id)
    else:
        return None
    return db.scalars(stmt.order_by(SignedDocument.id)).first()
