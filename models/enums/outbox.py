"""What a message in the outbox is about, and where it is on its way to the mail server."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class MessageKind(LabelledEnum):
    """Why the message was written; the notices to the social worker are issue 15's list."""

    SHARE_LINK = "share_link", "Read-only link"
    PLAN_SIGNED = "plan_signed", "Plan signed"
    AMENDMENT_SIGNED = "amendment_signed", "Plan amendment signed"
    CHANGE_RECORDED = "change_recorded", "Significant change recorded"
    GOOD_CAUSE = "good_cause", "Good cause for a child-welfare activity"
    NONCOMPLIANCE = "noncompliance", "Noncompliance about a child-welfare activity"
    CLOSING = "closing", "CalWORKs / Welfare-to-Work closing"
    DIGEST = "digest", "Weekly digest"  # the supervisor's, written already queued
    OTHER = "other", "Message"


class MessageState(LabelledEnum):
    """held: written by a change, waiting for the EC to read, edit and release it; queued:
    send-outbox will deliver it; sent; cancelled by the EC (or its link expired / was
    withdrawn); failed: the mail server refused it for good or too many tries failed."""

    HELD = "held", "Waiting for your review"
    QUEUED = "queued", "Waiting to be sent"
    SENT = "sent", "Sent"
    CANCELLED = "cancelled", "Not sent"
    FAILED = "failed", "Could not be sent"


# Written by the social-worker notices: the EC reads each one before it goes.
SW_NOTICE_KINDS = frozenset(
    {
        MessageKind.PLAN_SIGNED,
        MessageKind.AMENDMENT_SIGNED,
        MessageKind.CHANGE_RECORDED,
        MessageKind.GOOD_CAUSE,
        MessageKind.NONCOMPLIANCE,
        MessageKind.CLOSING,
    }
)
UNSENT_STATES = frozenset({MessageState.HELD, MessageState.QUEUED, MessageState.FAILED})
