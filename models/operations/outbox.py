"""Deliver queued e-mail over SMTP. The one place that commits: an e-mail cannot be recalled once sent,
so each message is marked sent (and its body blanked) in its own commit."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from sqlalchemy.orm import Session

from models.base import utcnow
from models.outbox import OutboxMessage


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
