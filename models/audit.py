"""Append-only audit trail (R-CO-05, AU-3)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.append_only import guard
from models.base import Base, UTCDateTime, utcnow


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


guard(AuditEvent.__table__)  # AU-9 / security test 36: append-only in the database
