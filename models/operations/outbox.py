"""Deliver queued e-mail over SMTP. The one place that commits: an e-mail cannot be recalled once sent,
so each message is marked sent (and its body blanked) in its own commit.

The messages carry share links to child-welfare records, so the connection is encrypted and the
server's certificate verified unless the county has said, explicitly, that its relay is on this
machine (`plain`, loopback hosts only)."""

from __future__ import annotations

import ipaddress
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy.orm import Session

from models.base import utcnow
from models.outbox import OutboxMessage

SECURITY_MODES = ("starttls", "tls", "plain")


class MailSecurityError(Exception):
    """The mail server cannot be reached safely; nothing was sent and every message stays queued."""


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    sender: str
    security: str = "starttls"  # starttls (required, not optional) | tls (implicit) | plain
    ca_file: str = ""  # a county's own certificate authority, when its relay uses one
    username: str = ""
    password: str = ""

    def problem(self) -> str:
        """Why this setting may not be used, or "" when it may."""
        if self.security not in SECURITY_MODES:
            return f"TANDEM_SMTP_SECURITY must be one of {', '.join(SECURITY_MODES)}."
        if self.security == "plain" and not is_loopback(self.host):
            return (
                "Plain SMTP is only allowed to a relay on this machine (localhost); "
                f"{self.host} needs starttls or tls."
            )
        if self.security == "plain" and self.username:
            return "A password is never sent over plain SMTP; use starttls or tls."
        return ""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _context(server: MailServer) -> ssl.SSLContext:
    # create_default_context verifies the chain and the host name (CERT_REQUIRED, check_hostname).
    context = ssl.create_default_context(cafile=server.ca_file or None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _connect(server: MailServer) -> smtplib.SMTP:
    problem = server.problem()
    if problem:
        raise MailSecurityError(problem)
    try:
        if server.security == "tls":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                server.host, server.port, timeout=30, context=_context(server)
            )
            smtp.ehlo()
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=30)
            smtp.ehlo()
            if server.security == "starttls":
                if not smtp.has_extn("starttls"):
                    smtp.close()
                    raise MailSecurityError(
                        f"{server.host} does not offer STARTTLS; nothing was sent. Set "
                        "TANDEM_SMTP_SECURITY=tls for a server that encrypts from the start."
                    )
                smtp.starttls(context=_context(server))
                smtp.ehlo()
    except ssl.SSLError as exc:
        raise MailSecurityError(
            f"The mail server's certificate was refused ({exc.reason or type(exc).__name__}); "
            "nothing was sent. TANDEM_SMTP_CA_FILE names a county certificate authority."
        ) from exc
    if server.username:
        smtp.login(server.username, server.password)
    return smtp


def deliver(db: Session, messages: list[OutboxMessage], server: MailServer) -> int:
    """Send each message; blank its body once sent. Raises MailSecurityError before sending any."""
    sent = 0
    with _connect(server) as smtp:
        for message in messages:
            email = EmailMessage()
            email["From"], email["To"], email["Subject"] = (
                server.sender,
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
