"""Outgoing e-mail, queued in the database and delivered by `flask send-outbox` (SMTP).

A share-link e-mail carries a live link, so its body is the one place a raw token is kept:
the body is blanked as soon as the message is sent, and an unsent message is blanked when its
link would have expired (`prune-outbox`). Subject, recipient and times stay as the record.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow


class OutboxMessage(Base):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    to_address: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    discard_after: Mapped[datetime] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(String(200), default="")
