"""Write audit rows for the current request (AU-3: when, who, what, where, outcome)."""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, g, request
from flask_login import current_user
from sqlalchemy.orm import Session

from models.audit import AuditEvent
from models.base import utcnow


def client_ip() -> str:
    # Behind a proxy, ProxyFix (configured by TANDEM_PROXY_HOPS) has already set remote_addr.
    return (request.remote_addr or "")[:45]


def _values(
    action: str,
    *,
    outcome: str,
    case_id: int | None,
    object_type: str,
    object_id: Any,
    detail: dict[str, Any] | None,
    user_id: int | None,
    link_id: int | None,
) -> dict[str, Any]:
    if user_id is None and current_user and current_user.is_authenticated:
        user_id = current_user.id
    return {
        "actor_user_id": user_id,
        "actor_link_id": link_id,
        "action": action,
        "outcome": outcome,
        "case_id": case_id,
        "object_type": object_type,
        "object_id": str(object_id or ""),
        "ip": client_ip(),
        "request_id": g.get("request_id", ""),
        "detail": json.dumps(detail or {}, default=str, sort_keys=True),
    }


def record(
    db: Session,
    action: str,
    *,
    outcome: str = "ok",
    case_id: int | None = None,
    object_type: str = "",
    object_id: Any = "",
    detail: dict[str, Any] | None = None,
    user_id: int | None = None,
    link_id: int | None = None,
) -> AuditEvent:
    """Add (not commit) one audit row; the caller's transaction decides its fate with the change."""
    event = AuditEvent(
        **_values(
            action,
            outcome=outcome,
            case_id=case_id,
            object_type=object_type,
            object_id=object_id,
            detail=detail,
            user_id=user_id,
            link_id=link_id,
        )
    )
    db.add(event)
    return event


def record_read(
    action: str,
    *,
    case_id: int | None = None,
    object_type: str = "",
    object_id: Any = "",
    detail: dict[str, Any] | None = None,
) -> None:
    """Commit one row for a request that changed nothing (a download), together with the
    rows of other such requests (audit_group.py); returns once it is committed, raises
    AuditUnavailable if it was not."""
    values = _values(
        action,
        outcome="ok",
        case_id=case_id,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
        user_id=None,
        link_id=None,
    )
    values["at"] = utcnow()  # when it happened, not when the batch was written
    current_app.extensions["tandem_audit_group"].write(values)


def record_refusal(db: Session, once: Any, action: str, outcome: str, object_type: str) -> None:
    """One audit row per address per minute for a refused anonymous request (a share link, a
    calendar feed): anyone can send requests, and each used to add an undeletable row (issue
    12). The attempts themselves are counted by the throttle; this row says that an address was
    refused in that minute. ``once`` is the caller's one-per-minute SharedLimit."""
    key = f"{action} {client_ip()}"
    if once.allowed(key):
        once.hit(key)
        record(db, action, outcome=outcome, object_type=object_type, detail={"per": "minute"})
        db.commit()
