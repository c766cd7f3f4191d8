"""What happens after signing: attendance (1811 A), good cause, exemptions, noncompliance,
reunification, referrals and significant changes (§c5)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, utcnow
from models.enums import (
    ChangeKind,
    ChangeResolution,
    ChangeSource,
    ExcuseReason,
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
