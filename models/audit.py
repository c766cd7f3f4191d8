"""Append-only audit trail and read-only share links for social workers (R-CO-05, AU-3)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .append_only import guard
from .base import Base, UTCDateTime, str_enum, utcnow
from .enums import ShareScope


class AuditEvent(Base):
    """Who did or saw what, when, from where — never the sensitive values themselves."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    actor_link_id: Mapped[int | None] = mapped_column(ForeignKey("share_link.id"))
    action: Mapped[str] = mapped_column(String(40), index=True)
    outcome: Mapped[str] = mapped_column(String(16), default="ok")
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(40), default="")
    case_id: Mapped[int | None] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    ip: Mapped[str] = mapped_column(String(45), default="")
    request_id: Mapped[str] = mapped_column(String(36), default="")
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON: before/after of changed fields


class ShareLink(Base):
    """A capability link for one case and one social worker; only SHA-256(token) is stored."""

    __tablename__ = "share_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    recipient_name: Mapped[str] = mapped_column(String(120))
    recipient_email: Mapped[str] = mapped_column(String(200))
    scope: Mapped[ShareScope] = mapped_column(str_enum(ShareScope, 16))
    # The link ends by itself when the case's social worker changes (issue 5).
    social_worker_id: Mapped[int | None] = mapped_column(ForeignKey("social_worker.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


guard(AuditEvent.__table__)  # AU-9 / security test 36: append-only in the database
