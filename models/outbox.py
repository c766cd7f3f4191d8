"""Outgoing e-mail, queued in the database and delivered by `flask send-outbox` (SMTP).

A message is written in the same transaction as the change it reports (the transactional
outbox, security.md 39). A notice to the social worker starts "held": the EC reads it, may edit
it, and releases it ("queued") or decides not to send it ("cancelled"). Rows written without a
state (a share link the EC chose to e-mail, a digest) are "queued" straight away.

send-outbox claims one queued message at a time (a compare-and-set on ``claim_token``), sends
it and commits "sent" before the next, so two senders never send the same message; a
temporary refusal leaves it queued with ``attempts`` + 1 and ``next_attempt_at`` later, a
permanent one makes it "failed" (models.operations.outbox).

A message carrying a share link is the one place a raw token is kept: its body is blanked as
soon as it is sent, and an unsent one is blanked when its link would have expired
(`prune-outbox`, ``discard_after``). Subject, recipient and times stay as the record.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow
from models.enums.outbox import MessageKind, MessageState

SUBJECT_MAX = 200
BODY_MAX = 4000


DIGEST_ONLY = "kind = 'digest'"


class OutboxMessage(Base):
    __tablename__ = "outbox_message"
    __table_args__ = (
        # One digest per supervisor per week even when two `send-digest` runs overlap: the
        # command's read-before-insert alone let both queue one (models/operations/digest.py).
        Index(
            "uq_outbox_digest_week",
            "to_address",
            "subject",
            unique=True,
            sqlite_where=text(DIGEST_ONLY),
            postgresql_where=text(DIGEST_ONLY),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    to_address: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(SUBJECT_MAX))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    discard_after: Mapped[datetime] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(String(200), default="")
    # Server defaults too, so a row inserted by other code (a digest) is a valid queued message.
    kind: Mapped[str] = mapped_column(
        String(32), default=MessageKind.OTHER.value, server_default=MessageKind.OTHER.value
    )
    state: Mapped[str] = mapped_column(
        String(16),
        default=MessageState.QUEUED.value,
        server_default=MessageState.QUEUED.value,
        index=True,
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The sender that is sending it now; another sender leaves a claimed message alone.
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str] = mapped_column(String(200), default="", server_default="")
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    @property
    def kind_label(self) -> str:
        return MessageKind.label_of(self.kind)

    @property
    def state_label(self) -> str:
        return MessageState.label_of(self.state)
