"""Read-only case links for the CFS/DFCS social worker (issue 5, security.md A2).

The token is 32 random bytes (43 URL-safe characters) and says nothing about the case; only its
SHA-256 is stored, so a copy of the database yields no usable link. A link ends by itself at its
expiry, when it is revoked, when the case closes (and stays ended if the case is reopened), or
when the case's social worker changes.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import as_utc, utcnow
from models.cases import MutualCase
from models.enums import LinkState, ShareScope
from models.operations.history import record_event
from models.share import ShareLink
from policy.stages import ENDED_STAGES

TOKEN_BYTES = 32
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")
DEFAULT_DAYS = 30
MAX_DAYS = 90


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_link(
    db: Session,
    case: MutualCase,
    user_id: int,
    *,
    recipient_name: str,
    recipient_email: str,
    days: int,
    scope: ShareScope,
) -> tuple[ShareLink, str]:
    """A new link and its token; the token is returned once and never stored."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a link lasts 1 to {MAX_DAYS} days")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    cw = case.child_welfare_case
    link = ShareLink(
        case_id=case.id,
        token_sha256=token_hash(token),
        recipient_name=recipient_name.strip(),
        recipient_email=recipient_email.strip(),
        scope=scope,
        created_by_id=user_id,
        expires_at=utcnow() + timedelta(days=days),
        social_worker_id=cw.social_worker_id if cw else None,
    )
    db.add(link)
    db.flush()
    record_event(
        db,
        case.id,
        user_id,
        "share_create",
        f"Read-only link for {link.recipient_name} ({scope.label}), "
        f"until {link.expires_at:%m/%d/%Y}",
    )
    return link, token


def find_link(db: Session, token: str) -> ShareLink | None:
    if not TOKEN_SHAPE.match(token):
        return None
    return db.scalars(select(ShareLink).where(ShareLink.token_sha256 == token_hash(token))).first()


def link_state(link: ShareLink, case: MutualCase, now: datetime | None = None) -> LinkState:
    """Active, or why the link has ended."""
    now = now or utcnow()
    if link.revoked_at is not None:
        return LinkState.REVOKED
    if as_utc(link.expires_at) <= now:
        return LinkState.EXPIRED
    if link.ended_with_case_at is not None or case.stage in ENDED_STAGES:
        return LinkState.CASE_CLOSED
    cw = case.child_welfare_case
    if link.social_worker_id is not None and (
        cw is None or cw.social_worker_id != link.social_worker_id
    ):
        return LinkState.SW_CHANGED
    return LinkState.ACTIVE


def revoke(db: Session, link: ShareLink, user_id: int) -> None:
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        record_event(
            db,
            link.case_id,
            user_id,
            "share_revoke",
            f"Read-only link for {link.recipient_name} withdrawn",
        )


def links_for(db: Session, case_id: int) -> list[ShareLink]:
    return list(
        db.scalars(
            select(ShareLink).where(ShareLink.case_id == case_id).order_by(ShareLink.id.desc())
        )
    )
