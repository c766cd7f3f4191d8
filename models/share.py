"""Read-only links to a case for the CFS/DFCS social worker (issue 5, security.md A2)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, str_enum, utcnow
from models.enums import ShareScope


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
    # Working when the case closed: it stays ended even if a supervisor reopens the case.
    ended_with_case_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
