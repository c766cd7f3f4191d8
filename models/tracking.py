"""What happens after signing: attendance (1811 A), good cause, exemptions, noncompliance,
reunification, referrals and significant changes (§c5)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, str_enum, utcnow
from models.enums import (
    ChangeKind,
    ChangeResolution,
    ChangeSource,
    ExcuseReason,
    ExemptionKind,
    NoncomplianceStatus,
    ReferralProgram,
    ReferralStatus,
    ReunificationProgram,
)


class TrackingEntry(Base):
    """One activity's week on the SCD/SCZ 1811 A (R-CF-03): one row per activity and Monday."""

    __tablename__ = "tracking_entry"
    __table_args__ = (
        UniqueConstraint("activity_id", "week_start", name="one_entry_per_activity_week"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("plan_activity.id"), index=True)
    week_start: Mapped[date] = mapped_column(Date)  # a Monday
    scheduled_hours: Mapped[float] = mapped_column(Numeric(5, 2), default=0)
    attended_hours: Mapped[float] = mapped_column(Numeric(5, 2), default=0)
    excused_hours: Mapped[float] = mapped_column(Numeric(5, 2), default=0)
    absence_reason: Mapped[str] = mapped_column(String(32), default="")
    provider_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_by: Mapped[str] = mapped_column(String(120), default="")
    verified_on: Mapped[date | None] = mapped_column(Date)
    sw_comment: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}

    @property
    def reason_label(self) -> str:
        return ExcuseReason.label_of(self.absence_reason, "")


class GoodCause(Base):
    """R-GC-01..09."""

    __tablename__ = "good_cause"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    reason: Mapped[str] = mapped_column(String(40))
    recommended_by_sw: Mapped[bool] = mapped_column(Boolean, default=False)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    isolated_incident: Mapped[bool] = mapped_column(Boolean, default=False)
    covers_half_month: Mapped[bool] = mapped_column(Boolean, default=False)  # R-TC-03
    next_review_on: Mapped[date | None] = mapped_column(Date)  # R-GC-06
    exemption_referral_made: Mapped[bool] = mapped_column(Boolean, default=False)  # R-GC-05
    notes: Mapped[str] = mapped_column(Text, default="")


class Exemption(Base):
    """R-EX-01..12, R-DA-01..02."""

    __tablename__ = "exemption"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    review_on: Mapped[date | None] = mapped_column(Date)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    decided_by: Mapped[str] = mapped_column(String(120), default="")  # IEES/CEES or EW (R-EX-11)
    volunteer: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def kind_label(self) -> str:
        return ExemptionKind.label_of(self.kind)


class NoncomplianceEpisode(Base):
    """NA 840/845 through compliance plan, sanction and cure (R-NC-01..11)."""

    __tablename__ = "noncompliance_episode"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    trigger: Mapped[str] = mapped_column(String(40))
    notice_type: Mapped[str] = mapped_column(String(8), default="NA840")
    notice_issued_on: Mapped[date] = mapped_column(Date)
    appointment_on: Mapped[date | None] = mapped_column(Date)
    rescheduled_once: Mapped[bool] = mapped_column(Boolean, default=False)
    sw_consulted: Mapped[bool] = mapped_column(Boolean, default=False)  # R-NC-09
    status: Mapped[NoncomplianceStatus] = mapped_column(
        str_enum(NoncomplianceStatus), default=NoncomplianceStatus.OPEN
    )
    compliance_plan_start: Mapped[date | None] = mapped_column(Date)
    compliance_plan_end: Mapped[date | None] = mapped_column(Date)
    sanction_effective_on: Mapped[date | None] = mapped_column(Date)
    cure_plan_signed_on: Mapped[date | None] = mapped_column(Date)
    cure_complete_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class ReunificationRecord(Base):
    """AB 429 services-only or AB 135 cash aid and services (R-FR-01..09)."""

    __tablename__ = "reunification_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    program: Mapped[ReunificationProgram] = mapped_column(str_enum(ReunificationProgram, 8))
    all_children_removed: Mapped[bool] = mapped_column(Boolean, default=False)
    aided_at_removal: Mapped[bool] = mapped_column(Boolean, default=False)
    sw_necessity_on: Mapped[date | None] = mapped_column(Date)
    start_on: Mapped[date | None] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date)
    extension_until: Mapped[date | None] = mapped_column(Date)
    rd_due_on: Mapped[date | None] = mapped_column(Date)
    ineligibility_reason: Mapped[str] = mapped_column(String(24), default="")


class Referral(Base):
    """FSP, BFH, FUP, behavioral health, DA services, assessment (R-FS-04, R-BFH-01)."""

    __tablename__ = "referral"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    program: Mapped[str] = mapped_column(String(24))
    referred_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24), default="open")
    sw_invited: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    @property
    def program_label(self) -> str:
        return ReferralProgram.label_of(self.program)

    @property
    def status_label(self) -> str:
        return ReferralStatus.label_of(self.status)


class ChangeReport(Base):
    """A significant change the SW reports (child removed, housing, household) — R-ID-10, R-CL-06."""

    __tablename__ = "change_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # a ChangeKind
    reported_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    reevaluated: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(24), default="")  # a ChangeSource
    changed_on: Mapped[date | None] = mapped_column(Date)  # when it happened, if known
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    resolution: Mapped[str] = mapped_column(String(16), default="")  # a ChangeResolution
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    resolved_on: Mapped[date | None] = mapped_column(Date)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    @property
    def source_label(self) -> str:
        return ChangeSource.label_of(self.source, "")

    @property
    def resolution_label(self) -> str:
        return ChangeResolution.label_of(self.resolution, "")

    @property
    def kind_label(self) -> str:
        return ChangeKind.label_of(self.kind)
