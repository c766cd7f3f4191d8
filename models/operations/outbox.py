"""Deliver queued e-mail over SMTP. The one place that commits: an e-mail cannot be recalled once sent,
so each message is claimed in its own commit and marked sent (its body blanked) in its own commit.

Exactly once: a sender claims a queued message by a compare-and-set (UPDATE ... WHERE state is
queued AND nobody holds a fresh claim; one row changed or it moves on), so two senders running
at once never send the same message. The one window left is a crash (or lost connection to the
database) after the mail server accepted a message and before "sent" is committed: the claim
then goes stale after STALE_CLAIM and the message is sent again, at least once rather than
never. The window is one SMTP reply and one small commit long.

A temporary refusal (4xx, a dropped connection) leaves the message queued with attempts + 1 and
next_attempt_at pushed back (backoff); a permanent one (5xx) or MAX_ATTEMPTS tries makes it
"failed", which the EC sees on the case's messages page.

The messages carry share links to child-welfare records, so the connection is encrypted and the
server's certificate verified unless the county has said, explicitly, that its relay is on this
machine (`plain`, loopback hosts only)."""

from __future__ import annotations

import ipaddress
import secrets
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.orm import Session

from models.base import utcnow
from models.enums.outbox import UNSENT_STATES, MessageState
from models.outbox import OutboxMessage

SECURITY_MODES = ("starttls", "tls", "plain")
MAX_ATTEMPTS = 8
# Far longer than any SMTP exchange (30 s timeouts): a claim this old belongs to a dead sender.
STALE_CLAIM = timedelta(minutes=15)
QUEUED = MessageState.QUEUED.value


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


def backoff(attempts: int) -> timedelta:
    """2, 4, 8 ... minutes after the n-th failed try, at most 6 hours."""
    return min(timedelta(minutes=2**attempts), timedelta(hours=6))


def _sendable(now: datetime) -> ColumnElement[bool]:
    return and_(
        OutboxMessage.state == QUEUED,
        or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
        or_(OutboxMessage.claim_token.is_(None), OutboxMessage.claimed_at < now - STALE_CLAIM),
    )


def waiting(db: Session, now: datetime | None = None) -> int:
    """Messages send-outbox would try now."""
    return db.scalar(select(func.count()).where(_sendable(now or utcnow()))) or 0


def claim_next(db: Session, token: str, after_id: int, now: datetime) -> OutboxMessage | None:
    """The next sendable message after ``after_id``, claimed for ``token`` and committed; None
    when there is none. A message another sender claimed first is skipped."""
    while True:
        candidate = db.scalar(
            select(OutboxMessage.id)
            .where(_sendable(now), OutboxMessage.id > after_id)
            .order_by(OutboxMessage.id)
            .limit(1)
        )
        if candidate is None:
            return None
        claimed = db.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == candidate, _sendable(now))
            .values(claim_token=token, claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        db.commit()
        if claimed.rowcount == 1:
            message = db.get(OutboxMessage, candidate)
            assert message is not None
            return message
        after_id = candidate


@dataclass
class Outcome:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    tried: list[int] = field(default_factory=list)


def _email(server: MailServer, message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"], email["To"], email["Subject"] = (
        server.sender,
        message.to_address,
        message.subject,
    )
    email.set_content(message.body)
    return email


def _code(exc: Exception) -> int | None:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return codes[0] if codes else None
    return getattr(exc, "smtp_code", None)


def _refused(message: OutboxMessage, exc: Exception, now: datetime, outcome: Outcome) -> None:
    """A 5xx is final; anything else (4xx, a dropped connection) is tried again later."""
    code = _code(exc)
    message.attempts += 1
    message.claim_token = message.claimed_at = None
    message.error = f"{code or ''} {type(exc).__name__}".strip()[:200]
    if (code is not None and 500 <= code < 600) or message.attempts >= MAX_ATTEMPTS:
        message.state = MessageState.FAILED.value
        outcome.failed += 1
    else:
        message.next_attempt_at = now + backoff(message.attempts)
        outcome.retried += 1


def deliver(
    db: Session,
    server: MailServer,
    *,
    clock: Callable[[], datetime] = utcnow,
    after_send: Callable[[OutboxMessage], None] | None = None,
) -> Outcome:
    """Send every sendable message once. Raises MailSecurityError before claiming any.
    ``after_send`` runs between the server's acceptance and the commit (tests use it to crash
    there, the at-least-once window)."""
    outcome, token, last = Outcome(), secrets.token_hex(16), 0
    with _connect(server) as smtp:
        while (message := claim_next(db, token, last, clock())) is not None:
            last = message.id
            outcome.tried.append(message.id)
            try:
                email = _email(server, message)
            except ValueError:  # a header no mail server would take: not worth retrying
                message.state, message.error = MessageState.FAILED.value, "not a valid e-mail"
                message.claim_token = message.claimed_at = None
                outcome.failed += 1
                db.commit()
                continue
            try:
                smtp.send_message(email)
            except (smtplib.SMTPException, OSError) as exc:
                _refused(message, exc, clock(), outcome)
                db.commit()
                dropped = isinstance(exc, smtplib.SMTPServerDisconnected) or not isinstance(
                    exc, smtplib.SMTPException
                )
                if dropped:
                    break  # the connection is gone: the rest waits for the next run
                continue
            if after_send is not None:
                after_send(message)
            message.state = MessageState.SENT.value
            message.sent_at = clock()
            message.claim_token = None
            message.error = ""
            message.body = ""  # it is in the recipient's mailbox; a share link's token is not kept
            outcome.sent += 1
            db.commit()
    return outcome


def discard_expired(db: Session, now: datetime) -> int:
    """Unsent share-link messages whose link has expired: blanked and not sent. No commit."""
    result = db.execute(
        update(OutboxMessage)
        .where(OutboxMessage.discard_after < now, OutboxMessage.body != "")
        .where(OutboxMessage.state.in_([s.value for s in UNSENT_STATES]))
        .values(
            body="",
            state=MessageState.CANCELLED.value,
            error="discarded unsent: the link expired",
            cancel_reason="The link expired before the message was sent.",
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
