"""The client's calendar entries the EC records, and each EC's private iCalendar feed (issue 15).

Court dates, the joint meeting, noncompliance appointments and plan activities stay in their own
tables and are read from there (models/queries/calendar.py); an entry here is only what no other
table holds: visitation, CFT and FUP meetings, a court hearing with its time, a WTW appointment.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, str_enum, utcnow
from models.enums import CalendarAgency, CalendarKind
from models.users import User


class CalendarEntry(Base):
    """One obligation on one day, or every week from ``on`` until ``repeat_until`` (visitation
    is often weekly). Times are the county's wall-clock times (Pacific); no time = all day."""

    __tablename__ = "calendar_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mutual_case.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[CalendarKind] = mapped_column(str_enum(CalendarKind, 20))
    agency: Mapped[CalendarAgency] = mapped_column(str_enum(CalendarAgency, 8))
    on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time | None] = mapped_column(Time)
    ends_at: Mapped[time | None] = mapped_column(Time)
    repeats_weekly: Mapped[bool] = mapped_column(Boolean, default=False)
    repeat_until: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    recorded_by: Mapped[User | None] = relationship()

    @property
    def kind_label(self) -> str:
        return CalendarKind.label_of(self.kind)


class CalendarFeed(Base):
    """An EC's private feed URL; only SHA-256(token) is stored, like a share link (models/share.py).
    One working feed per EC: a new one revokes the old, so a leaked URL is one click away from
    useless."""

    __tablename__ = "calendar_feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
