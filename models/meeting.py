"""The joint meeting of EC, social worker and client (R-MT-01..08, §c3)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime
from models.enums import AttendeeRole, MeetingPlace

# R-MT-03: the seven agenda items of Santa Clara's Coordinating Case Plan.
AGENDA_ITEMS = (
    ("agenda_strengths", "Strengths, barriers, needs and concerns identified; referrals made"),
    ("agenda_wtw_activities", "WTW activities and hours to integrate reviewed"),
    ("agenda_cw_activities", "Child-welfare plan activities and hours to integrate reviewed"),
    ("agenda_expectations", "Expectations reviewed and requirements verified"),
    ("agenda_signatures", "Client signed the plan forms; copy sent for imaging"),
    ("agenda_supportive_services", "Supportive services identified and approved"),
    ("agenda_next_steps", "Next steps planned for the end of the integrated plan"),
)
# R-MT-04: topics the EC must go over in the integration meeting.
TOPICS = (
    ("topic_hours", "Participation hours and satisfactory progress"),
    ("topic_time_on_aid", "The 60-month time-on-aid clock"),
    ("topic_exemptions", "Exemptions"),
    ("topic_good_cause", "Good cause"),
    ("topic_integration", "Advantages of integrating the court plan into the WTW plan"),
    ("topic_supportive_services", "Supportive services"),
)
# Orange's Policy 403 (seed 000), Specialized CM 1a-d: what the worker goes over with the social
# worker (R-MT-06). Kept in the columns of the matching Santa Clara items; 1e-f (build the WTW plan
# from the child-welfare plan, add its activities) are the Plan step itself.
ORANGE_AGENDA = (
    (
        "agenda_expectations",
        "Told the social worker the client must take part in WTW unless exempt",
    ),
    (
        "agenda_wtw_activities",
        "WTW plan discussed: the activities and hours required of the client",
    ),
    ("agenda_cw_activities", "Child-welfare case plan discussed and reviewed"),
    ("agenda_supportive_services", "Supportive services coordinated and referrals made"),
)


def agenda_for(county_code: str) -> tuple[tuple[str, str], ...]:
    """The meeting agenda of the county's procedure: Santa Clara's seven items (R-MT-03), or
    Orange's four points of Policy 403 (R-MT-06)."""
    return ORANGE_AGENDA if county_code == "orange" else AGENDA_ITEMS


class Meeting(Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    due_on: Mapped[date | None] = mapped_column(Date)
    due_rule: Mapped[str] = mapped_column(
        String(24), default=""
    )  # five_working_days | before_court
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    held_on: Mapped[date | None] = mapped_column(Date)
    location_kind: Mapped[str] = mapped_column(String(20), default="office")
    location_detail: Mapped[str] = mapped_column(String(200), default="")
    client_attended: Mapped[bool] = mapped_column(Boolean, default=False)
    agenda_strengths: Mapped[bool] = mapped_column(Boolean, default=False)
    agenda_wtw_activities: Mapped[bool] = mapped_column(Boolean, default=False)
    agenda_cw_activities: Mapped[bool] = mapped_column(Boolean, default=False)
    agenda_expectations: Mapped[bool] = mapped_column(Boolean, default=False)
    agenda_signatures: Mapped[bool] = mapped_column(Boolean, default=False)
    agenda_supportive_services: Mapped[bool] = mapped_column(Boolean, default=False)
    agenda_next_steps: Mapped[bool] = mapped_column(Boolean, default=False)
    topic_hours: Mapped[bool] = mapped_column(Boolean, default=False)
    topic_time_on_aid: Mapped[bool] = mapped_column(Boolean, default=False)
    topic_exemptions: Mapped[bool] = mapped_column(Boolean, default=False)
    topic_good_cause: Mapped[bool] = mapped_column(Boolean, default=False)
    topic_integration: Mapped[bool] = mapped_column(Boolean, default=False)
    topic_supportive_services: Mapped[bool] = mapped_column(Boolean, default=False)
    strengths: Mapped[str] = mapped_column(Text, default="")
    barriers: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    concerns: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}

    attendees: Mapped[list[MeetingAttendee]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )

    @property
    def place_label(self) -> str:
        return MeetingPlace.label_of(self.location_kind, "")


class MeetingAttendee(Base):
    __tablename__ = "meeting_attendee"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    # ec | sw | client | cft_member | provider | interpreter (models.enums.AttendeeRole)
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    present: Mapped[bool] = mapped_column(Boolean, default=True)

    meeting: Mapped[Meeting] = relationship(back_populates="attendees")

    @property
    def role_label(self) -> str:
        return AttendeeRole.label_of(self.role)
