"""The contact log with the CFS/DFCS social worker and the social worker's description of the
child-welfare case plan (seed 000 "ongoing communication" and CFS SW 2; R-CO-05)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.contacts import ChildWelfarePlanSummary, SocialWorkerContact
from models.enums import ContactChannel, ContactTopic
from models.history import Change
from models.operations.history import record_event

NOTE_MAX = 2000
DESCRIPTION_MAX = 4000


@dataclass(frozen=True)
class ContactInput:
    contact_on: date
    channel: ContactChannel
    with_whom: str
    topics: Sequence[ContactTopic]
    note: str


def record_contact(
    db: Session, case: MutualCase, values: ContactInput, user_id: int
) -> SocialWorkerContact:
    """Add one contact to the log and to the case history. No commit."""
    contact = SocialWorkerContact(
        case_id=case.id,
        contact_on=values.contact_on,
        channel=values.channel.value,
        with_whom=values.with_whom.strip()[:120],
        topics=json.dumps([t.value for t in values.topics]),
        note=values.note.strip()[:NOTE_MAX],
        recorded_by_id=user_id,
    )
    db.add(contact)
    topics = ", ".join(t.label for t in values.topics) or "no topic ticked"
    record_event(
        db,
        case.id,
        user_id,
        "sw_contact",
        f"Contact with the social worker ({values.channel.label.lower()}), "
        f"{values.contact_on:%m/%d/%Y}",
        [Change("topics", "Gone over", "", topics)]
        + ([Change("note", "Note", "", contact.note)] if contact.note else []),
    )
    return contact


def record_plan_summary(
    db: Session, case: MutualCase, received_on: date, description: str, user_id: int
) -> ChildWelfarePlanSummary:
    """Keep the social worker's written description of the case plan as received; an earlier
    one stays in the list (the plan changes over time). No commit."""
    summary = ChildWelfarePlanSummary(
        case_id=case.id,
        received_on=received_on,
        description=description.strip()[:DESCRIPTION_MAX],
        recorded_by_id=user_id,
    )
    db.add(summary)
    record_event(
        db,
        case.id,
        user_id,
        "cw_plan_summary",
        f"The social worker's description of the case plan, received {received_on:%m/%d/%Y}",
        [Change("description", "Description", "", summary.description)],
    )
    return summary
