"""The case's messages to the social worker, and which held ones the EC has left too long."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.enums.outbox import MessageKind, MessageState
from models.outbox import OutboxMessage
from models.queries.calendars import office_holidays
from policy.calendar import CalendarNotLoaded
from policy.county_time import county_date
from policy.due import held_message_dues

# A notice to the social worker waiting for the EC's review (share-link e-mails are sent as the
# EC asks, never held): what a "not sent yet" due item is about.
HELD_NOTICE = and_(
    OutboxMessage.state == MessageState.HELD.value,
    OutboxMessage.kind != MessageKind.SHARE_LINK.value,
)


def written_on(created_at: datetime) -> date:
    """The county's calendar day of a message written at ``created_at`` (Pacific time)."""
    return county_date(created_at)


def messages_of(db: Session, case_id: int) -> list[OutboxMessage]:
    """Every message of the case except share-link e-mails (the share page lists those)."""
    return list(
        db.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.case_id == case_id)
            .where(OutboxMessage.kind != MessageKind.SHARE_LINK.value)
            .order_by(OutboxMessage.id.desc())
        )
    )


def held_count(db: Session, case_id: int) -> int:
    stmt = select(func.count()).where(
        OutboxMessage.case_id == case_id, OutboxMessage.state == MessageState.HELD.value
    )
    return db.scalar(stmt) or 0


def closing_notice(db: Session, case_id: int) -> OutboxMessage | None:
    """The newest closing message of the case (R-CL-04), whatever its state."""
    stmt = (
        select(OutboxMessage)
        .where(OutboxMessage.case_id == case_id, OutboxMessage.kind == MessageKind.CLOSING.value)
        .order_by(OutboxMessage.id.desc())
    )
    return db.scalars(stmt).first()


def message_on_case(db: Session, case_id: int, message_id: int) -> OutboxMessage | None:
    message = db.get(OutboxMessage, message_id)
    if message is None or message.case_id != case_id or message.kind == MessageKind.SHARE_LINK:
        return None
    return message


def held_too_long(
    db: Session, case: MutualCase, messages: list[OutboxMessage], today: date
) -> tuple[set[int], str]:
    """Ids of held messages written more than the county's sw_message_hold_days working days
    before today, and the calendar's problem ("" when the county's holidays are loaded)."""
    held = [m for m in messages if m.state == MessageState.HELD.value]
    if not held:
        return set(), ""
    # The same count as the due list's "not sent yet" items (policy.due).
    dues = held_message_dues(
        tuple((m.id, written_on(m.created_at)) for m in held),
        case.county.sw_message_hold_days,
        office_holidays(db, case.county),
    )
    missing = next((d.missing_year for d in dues if d.missing_year), None)
    if missing:
        return set(), str(CalendarNotLoaded(missing))
    return {int(d.ref) for d in dues if d.on is not None and d.on < today}, ""
