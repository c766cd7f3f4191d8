"""The integrated plan (WTW 2 + SCD/SCZ 1811) with versions, activities and supportive services (§c4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, UTCDateTime, str_enum
from models.enums import ActivityKind, ActivitySource, Language, PlanStatus, ServiceKind


class Plan(Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    plan_number: Mapped[str] = mapped_column(String(30))

    versions: Mapped[list[PlanVersion]] = relationship(
        back_populates="plan", order_by="PlanVersion.version_no", cascade="all, delete-orphan"
    )

    @property
    def current(self) -> PlanVersion | None:
        return self.versions[-1] if self.versions else None


class PlanVersion(Base):
    """One signed (or draft) version; a signed version never changes — amendments add a version."""

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("plan_id", "version_no", name="plan_version_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    status: Mapped[PlanStatus] = mapped_column(str_enum(PlanStatus), default=PlanStatus.DRAFT)
    requirement: Mapped[int] = mapped_column(Integer, default=0)  # 0 | 20 | 30 | 35
    requirement_basis: Mapped[str] = mapped_column(String(200), default="")
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    language: Mapped[str] = mapped_column(String(8), default="en")
    required_from: Mapped[date | None] = mapped_column(Date)  # R-PL-02 clock start
    sw_agreement_on: Mapped[date | None] = mapped_column(Date)  # R-MT-07
    signed_client_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_worker_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    change_window_ends: Mapped[date | None] = mapped_column(Date)  # R-PL-04
    wtw1_rights_given: Mapped[bool] = mapped_column(Boolean, default=False)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}

    plan: Mapped[Plan] = relationship(back_populates="versions")
    activities: Mapped[list[PlanActivity]] = relationship(
        back_populates="plan_version",
        cascade="all, delete-orphan",
        order_by="PlanActivity.position",
    )
    services: Mapped[list[SupportiveService]] = relationship(
        back_populates="plan_version", cascade="all, delete-orphan"
    )

    @property
    def language_label(self) -> str:
        return Language.label_of(self.language)


class PlanActivity(Base):
    __tablename__ = "plan_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[ActivitySource] = mapped_column(str_enum(ActivitySource, 8))
    kind: Mapped[str] = mapped_column(
        String(32)
    )  # counseling | parenting | visitation | job_search ...
    name: Mapped[str] = mapped_column(String(120))
    provider_name: Mapped[str] = mapped_column(String(120), default="")
    provider_phone: Mapped[str] = mapped_column(String(30), default="")
    hours_per_week: Mapped[float] = mapped_column(Numeric(5, 2))
    schedule: Mapped[str] = mapped_column(String(200), default="")
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    progress_standard: Mapped[str] = mapped_column(Text, default="")  # R-PL-07
    on_wtw2: Mapped[bool] = mapped_column(Boolean, default=True)
    on_1811: Mapped[bool] = mapped_column(Boolean, default=True)

    plan_version: Mapped[PlanVersion] = relationship(back_populates="activities")

    @property
    def kind_label(self) -> str:
        return ActivityKind.label_of(self.kind)


class SupportiveService(Base):
    """Child care, transportation, ancillary (R-SS-01..05)."""

    __tablename__ = "supportive_service"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_version_id: Mapped[int] = mapped_column(ForeignKey("plan_version.id"), index=True)
    kind: Mapped[ServiceKind] = mapped_column(str_enum(ServiceKind, 16))
    detail: Mapped[str] = mapped_column(String(200), default="")
    amount_cents: Mapped[int | None] = mapped_column(Integer)
    frequency: Mapped[str] = mapped_column(String(40), default="")
    advance_required: Mapped[bool] = mapped_column(Boolean, default=False)
    authorized_on: Mapped[date | None] = mapped_column(Date)
    issued_on: Mapped[date | None] = mapped_column(Date)

    plan_version: Mapped[PlanVersion] = relationship(back_populates="services")
