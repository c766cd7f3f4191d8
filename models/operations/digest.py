"""The supervisor's weekly digest (issue 15): one outbox message per supervisor per week, with
the counts of the unit page and links back to Tandem. No commit here (the command commits all
supervisors' messages together); no client name anywhere, the subject least of all.

Once a week: the subject carries the week's Monday, and a supervisor who already has a message
with that subject is skipped, so running the command twice in a week writes nothing new. Two
runs at the same moment both read "none yet"; the unique index uq_outbox_digest_week lets only
one row in, and the run that lost starts again (blueprints/digest_cli.write_digests), now
seeing the other's messages.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.enums.outbox import MessageKind, MessageState
from models.outbox import OutboxMessage
from models.users import User

# A digest not sent within a week is stale: the next Monday's replaces it (prune-outbox blanks it).
KEEP_UNSENT = timedelta(days=7)


def week_of(day: date) -> date:
    """The Monday of the week ``day`` falls in: the digest's week marker."""
    return day - timedelta(days=day.weekday())


def digest_subject(day: date) -> str:
    return f"Tandem: your unit, week of {week_of(day):%m/%d/%Y}"


def queued_already(db: Session, address: str, subject: str) -> bool:
    already = select(OutboxMessage.id).where(
        OutboxMessage.kind == MessageKind.DIGEST,
        OutboxMessage.to_address == address,
        OutboxMessage.subject == subject,
    )
    return db.scalar(already.limit(1)) is not None


def queue_digest(
    db: Session, supervisor: User, body: str, day: date, now: datetime
) -> OutboxMessage | None:
    """Queue this week's digest for a supervisor, or None when it is already queued (or sent)."""
    subject = digest_subject(day)
    if queued_already(db, supervisor.email, subject):
        return None
    message = OutboxMessage(
        kind=MessageKind.DIGEST,
        state=MessageState.QUEUED,  # the same counts as the page: nothing for anyone to review
        to_address=supervisor.email,
        subject=subject,
        body=body,
        created_at=now,
        discard_after=now + KEEP_UNSENT,
    )
    db.add(message)
    return message
