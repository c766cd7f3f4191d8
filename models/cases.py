"""The child-welfare case and the mutual case that ties it to the CalWORKs side (the aggregate root)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, str_enum, utcnow
from models.county import CountyProfile, RegionalContact
from models.enums import ClosureRoute, IdentifiedBy, IntegrationConsent, ServiceComponent, Stage
from models.people import Participant, SocialWorker
from models.users import User


class ChildWelfareCase(Base):
    """CFS/DFCS case facts that drive deadlines (§c2, R-MT-02, B13). No court documents (R-CO-05)."""

    __tablename__ = "child_welfare_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county_profile.id"), index=True)
    case_number: Mapped[str] = mapped_column(String(30), index=True)
    service_component: Mapped[ServiceComponent] = mapped_column(str_enum(ServiceComponent, 8))
    social_worker_id: Mapped[int | None] = mapped_column(ForeignKey("social_worker.id"))
    protective_custody: Mapped[bool] = mapped_column(Boolean, default=False)
    removed_on: Mapped[date | None] = mapped_column(Date)
    petition_filed_on: Mapped[date | None] = mapped_column(Date)
    detention_hearing_on: Mapped[date | None] = mapped_column(Date)
    jurisdiction_hearing_on: Mapped[date | None] = mapped_column(Date)
    disposition_hearing_on: Mapped[date | None] = mapped_column(Date)
    next_court_on: Mapped[date | None] = mapped_column(Date)
    case_plan_set: Mapped[bool] = mapped_column(Boolean, default=False)
    open: Mapped[bool] = mapped_column(Boolean, default=True)
    closed_on: Mapped[date | None] = mapped_column(Date)

    social_worker: Mapped[SocialWorker | None] = relationship()


class MutualCase(Base):
    """A mutual client (Orange) / common case (Santa Clara): R-ID-01, §c2, state machine §c7."""

    __tablename__ = "mutual_case"
    # An EC's caseload: without it SQLite walks the whole county's cases (issue 14).
    __table_args__ = (Index("ix_mutual_case_county_worker", "county_id", "assigned_worker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county_profile.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    child_welfare_case_id: Mapped[int | None] = mapped_column(ForeignKey("child_welfare_case.id"))
    stage: Mapped[Stage] = mapped_column(str_enum(Stage), default=Stage.CANDIDATE, index=True)
    identified_on: Mapped[date] = mapped_column(Date)
    identified_by: Mapped[IdentifiedBy] = mapped_column(str_enum(IdentifiedBy))
    assigned_worker_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id"), index=True
    )
    assigned_on: Mapped[date | None] = mapped_column(Date)
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    regional_contact_id: Mapped[int | None] = mapped_column(ForeignKey("regional_contact.id"))
    integration_consent: Mapped[IntegrationConsent] = mapped_column(
        str_enum(IntegrationConsent), default=IntegrationConsent.PENDING
    )
    indicator_begin_on: Mapped[date | None] = mapped_column(Date)
    indicator_end_on: Mapped[date | None] = mapped_column(Date)  # R-CL-04
    closure_route: Mapped[ClosureRoute | None] = mapped_column(str_enum(ClosureRoute))
    closed_on: Mapped[date | None] = mapped_column(Date)
    sw_notified_on: Mapped[date | None] = mapped_column(Date)
    not_mutual_reason: Mapped[str] = mapped_column(Text, default="")
    integration_note: Mapped[str] = mapped_column(Text, default="")  # R-MT-05: why declined
    closure_note: Mapped[str] = mapped_column(Text, default="")
    # The open stage the case was in when closing started: a reopened case goes back there.
    closing_from: Mapped[Stage | None] = mapped_column(str_enum(Stage))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}

    county: Mapped[CountyProfile] = relationship()
    participant: Mapped[Participant] = relationship()
    child_welfare_case: Mapped[ChildWelfareCase | None] = relationship()
    assigned_worker: Mapped[User | None] = relationship(foreign_keys=[assigned_worker_id])
    supervisor: Mapped[User | None] = relationship(foreign_keys=[supervisor_id])
    regional_contact: Mapped[RegionalContact | None] = relationship()

    def stage_in_county(self, stage: Stage | None = None) -> str:
        """A stage (this case's by default) in the county's words: "Confirmed common case"."""
        return (stage or self.stage).in_county(self.county.case_term)

    @property
    def stage_label(self) -> str:
        return self.stage_in_county()
