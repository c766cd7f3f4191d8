"""Good cause, exemptions and noncompliance: what excuses the hours, what lifts them, and the
road from a missed activity to a sanction and back (§c5, R-GC, R-EX, R-NC)."""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, UTCDateTime, str_enum
from models.enums import (
    ExemptionKind,
    GoodCauseReason,
    GoodCauseRoute,
    NoncomplianceStatus,
    NoncomplianceTrigger,
    NoticeType,
)


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
    reasons: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of GoodCauseReason
    decided_on: Mapped[date | None] = mapped_column(Date)
    verification: Mapped[str] = mapped_column(String(200), default="")  # what proves it (R-GC-07)
    route: Mapped[str] = mapped_column(String(20), default="")  # a GoodCauseRoute (R-GC-05)
    noncompliance_id: Mapped[int | None] = mapped_column(ForeignKey("noncompliance_episode.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def reason_codes(self) -> list[str]:
        codes = json.loads(self.reasons or "[]")
        return codes or ([self.reason] if self.reason else [])

    @property
    def reason_labels(self) -> list[str]:
        return [GoodCauseReason.label_of(code) for code in self.reason_codes]

    @property
    def route_label(self) -> str:
        return GoodCauseRoute.label_of(self.route, "")


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

    child_birthdate: Mapped[date | None] = mapped_column(Date)  # young-child exemptions (R-EX-08)
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


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
    # Indexed (migration 0016): the sanctions waiting for review are found by status.
    status: Mapped[NoncomplianceStatus] = mapped_column(
        str_enum(NoncomplianceStatus), default=NoncomplianceStatus.OPEN, index=True
    )
    compliance_plan_start: Mapped[date | None] = mapped_column(Date)
    compliance_plan_end: Mapped[date | None] = mapped_column(Date)
    sanction_effective_on: Mapped[date | None] = mapped_column(Date)
    cure_plan_signed_on: Mapped[date | None] = mapped_column(Date)
    cure_complete_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    version_id: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    about_cfs_activity: Mapped[bool] = mapped_column(Boolean, default=False)
    activity_name: Mapped[str] = mapped_column(String(120), default="")
    missed_on: Mapped[date | None] = mapped_column(Date)
    transportation_advanced: Mapped[bool] = mapped_column(Boolean, default=True)  # R-SS-02
    rescheduled_to: Mapped[date | None] = mapped_column(Date)
    sw_consulted_on: Mapped[date | None] = mapped_column(Date)
    sw_consulted_with: Mapped[str] = mapped_column(String(120), default="")
    sw_consult_outcome: Mapped[str] = mapped_column(Text, default="")
    compliance_plan_activities: Mapped[str] = mapped_column(Text, default="")  # WTW 32
    met_state_minimum: Mapped[bool] = mapped_column(Boolean, default=False)  # R-HR-09
    closed_on: Mapped[date | None] = mapped_column(Date)
    sanction_requested_on: Mapped[date | None] = mapped_column(Date)
    sanction_requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    sanction_review: Mapped[str] = mapped_column(String(16), default="")  # a SanctionReview
    sanction_reviewed_on: Mapped[date | None] = mapped_column(Date)
    sanction_reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    sanction_review_note: Mapped[str] = mapped_column(Text, default="")
    cure_activity_ends_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # Migration 0007: the EC's word that an exemption existed in the period (R-EX-12), and when
    # and how the compliance plan was agreed (R-NC-05: by day 20; R-NC-06: by phone is enough).
    exempt_during_period: Mapped[bool] = mapped_column(Boolean, default=False)
    compliance_plan_agreed_on: Mapped[date | None] = mapped_column(Date)
    compliance_plan_by_phone: Mapped[bool] = mapped_column(Boolean, default=False)

    __mapper_args__ = {"version_id_col": version_id}

    @property
    def trigger_label(self) -> str:
        return NoncomplianceTrigger.label_of(self.trigger)

    @property
    def notice_label(self) -> str:
        return NoticeType.label_of(self.notice_type)
