"""The EC's contacts with the CFS/DFCS social worker and the social worker's own description of
the child-welfare case plan (seed 000 "ongoing communication", CFS SW 2; R-CO-05)."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, utcnow
from models.enums import ContactChannel, ContactTopic
from models.users import User


class SocialWorkerContact(Base):
    """One contact in the log: when, how, with whom, what was gone over, a short note."""

    __tablename__ = "sw_contact"
    # "No contact with the social worker for 30 days" per case (migration 0016).
    __table_args__ = (Index("ix_sw_contact_case_on", "case_id", "contact_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    contact_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(16))  # a ContactChannel
    with_whom: Mapped[str] = mapped_column(String(120), default="")
    topics: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of ContactTopic values
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    recorded_by: Mapped[User | None] = relationship()

    @property
    def channel_label(self) -> str:
        return ContactChannel.label_of(self.channel)

    @property
    def topic_list(self) -> list[str]:
        return list(json.loads(self.topics or "[]"))

    @property
    def topic_labels(self) -> list[str]:
        return [ContactTopic.label_of(t) for t in self.topic_list]


class ChildWelfarePlanSummary(Base):
    """The social worker's written description of the CFS/DFCS case plan and the day it came.

    Only what the social worker chose to share is kept: never court papers (R-CO-04/05).
    """

    __tablename__ = "cw_plan_summary"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    recorded_by: Mapped[User | None] = relationship()
