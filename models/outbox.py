"""Outgoing e-mail, queued in the database and delivered by `flask send-outbox` (SMTP).

A share-link e-mail carries a live link, so its body is the one place a raw token is kept:
the body is blanked as soon as the message is sent, and an unsent message is blanked when its
link would have expired (`prune-outbox`). Subject, recipient and times stay as the record.
"""

from __future__ import annotations

import smtplib
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base, UTCDateTime, utcnow


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


def deliver(db: Session, messages: list[OutboxMessage], host: str, port: int, sender: str) -> int:
    """Send each message over SMTP (STARTTLS when offered); blank its body once sent."""
    sent = 0
    with smtplib.SMTP(host, port, timeout=30) as smtp:
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls()
            smtp.ehlo()
        for message in messages:
            email = EmailMessage()
            email["From"], email["To"], email["Subject"] = (
                sender,
                message.to_address,
                message.subject,
            )
            email.set_content(message.body)
            try:
                smtp.send_message(email)
            except smtplib.SMTPException as exc:
                message.error = type(exc).__name__
                continue
            message.sent_at = utcnow()
            message.body = ""
            message.error = ""
            sent += 1
            db.commit()
    return sent
