"""Family reunification (AB 429, AB 135) and program referrals: FSP, BFH, FUP and the others
(R-FR-01..09, R-FS-01..04, R-BFH-01)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, str_enum
from models.enums import (
    FrEndReason,
    FrIneligibility,
    ReferralProgram,
    ReferralStatus,
    ReunificationProgram,
)


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
    removed_on: Mapped[date | None] = mapped_column(Date)
    sw_found_necessary: Mapped[bool] = mapped_column(Boolean, default=False)  # R-FR-01
    plan_on: Mapped[date | None] = mapped_column(Date)  # AB 135: plan or amendment date
    extension_by: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # end_on stays the planned last day; these say the EC ended the services, and why (0007).
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str] = mapped_column(String(24), default="")

    @property
    def ineligibility_label(self) -> str:
        return FrIneligibility.label_of(self.ineligibility_reason, "")

    @property
    def end_reason_label(self) -> str:
        return FrEndReason.label_of(self.end_reason, "")

    @property
    def last_day(self) -> date | None:
        """The last day of services as planned: the extension when granted (R-FR-04)."""
        return self.extension_until or self.end_on


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

    fs_plan_start: Mapped[date | None] = mapped_column(Date)  # family stabilization (R-FS-03)
    fs_plan_end: Mapped[date | None] = mapped_column(Date)
    fs_specialist: Mapped[str] = mapped_column(String(120), default="")
    last_follow_up_on: Mapped[date | None] = mapped_column(Date)  # R-FS-04
    next_conference_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    @property
    def program_label(self) -> str:
        return ReferralProgram.label_of(self.program)

    @property
    def status_label(self) -> str:
        return ReferralStatus.label_of(self.status)
