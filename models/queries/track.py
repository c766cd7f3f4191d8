"""What the Track step shows (issue: step 5): the current plan's activities with the same hour
totals as the plan screen (R-CF-04: CFS/DFCS hours are subtracted, never stacked), the case's
open items (good cause, exemptions, noncompliance, change reports, reunification, referrals)
and the dates coming up.

Read-only. The number of queries does not grow with the number of activities or open items:
the plan is loaded with its versions and activities in one go (selectinload) and each kind of
open item is one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from models.cases import MutualCase
from models.compliance import Exemption, GoodCause, NoncomplianceEpisode
from models.enums import ActivitySource, IntegrationConsent, Stage
from models.plan import Plan, PlanActivity, PlanVersion
from models.programs import Referral, ReunificationRecord
from models.queries.noncompliance import NONCOMPLIANCE_SETTLED, schedule_maker
from models.queries.plan_hours import activities_for_policy, participation_of
from models.queries.signing import ChangeWindow, change_window
from models.tracking import ChangeReport
from policy.deadlines import plan_signature_due
from policy.hours import Reconciliation, reconcile
from policy.requirement import requirement_changes_during


@dataclass(frozen=True)
class ActivityRow:
    name: str
    source: str  # the county's child-welfare label (CFS | DFCS) or "WTW"
    from_case_plan: bool  # a CFS/DFCS activity: the only kind written on the 1811 (R-CF-02)
    kind: str
    hours: float
    provider: str
    provider_phone: str
    schedule: str
    start_on: date | None
    end_on: date | None
    on_wtw2: bool
    on_1811: bool


@dataclass(frozen=True)
class NoncomplianceRow:
    episode: NoncomplianceEpisode
    status_label: str
    day20: date
    action_on: date


@dataclass(frozen=True)
class UpcomingDate:
    label: str
    on: date
    rule: str
    passed: bool


@dataclass(frozen=True)
class TrackView:
    version: PlanVersion | None
    activities: list[ActivityRow]
    hours: Reconciliation | None
    declined: bool
    good_causes: list[GoodCause] = field(default_factory=list)
    exemptions: list[Exemption] = field(default_factory=list)
    noncompliance: list[NoncomplianceRow] = field(default_factory=list)
    change_reports: list[ChangeReport] = field(default_factory=list)
    reunification: list[ReunificationRecord] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    upcoming: list[UpcomingDate] = field(default_factory=list)
    change_window: ChangeWindow | None = None  # R-PL-04/05, from the newest signed version

    @property
    def has_open_items(self) -> bool:
        return any(
            (
                self.good_causes,
                self.exemptions,
                self.noncompliance,
                self.change_reports,
                self.reunification,
                self.referrals,
            )
        )


def plan_version_for_track(db: Session, case: MutualCase) -> PlanVersion | None:
    """The same version as models.operations.stages.current_plan_version (the newest plan's last
    version), with its activities loaded in the same round trip."""
    stmt = (
        select(Plan)
        .where(Plan.case_id == case.id)
        .order_by(Plan.id.desc())
        .options(selectinload(Plan.versions).selectinload(PlanVersion.activities))
    )
    plan = db.scalars(stmt).first()
    return plan.current if plan else None


def _activity_row(activity: PlanActivity, cw_label: str) -> ActivityRow:
    return ActivityRow(
        name=activity.name,
        source=activity.source.in_county(cw_label),
        from_case_plan=activity.source == ActivitySource.CFS,
        kind=activity.kind.replace("_", " "),
        hours=float(activity.hours_per_week),
        provider=activity.provider_name,
        provider_phone=activity.provider_phone,
        schedule=activity.schedule,
        start_on=activity.start_on,
        end_on=activity.end_on,
        on_wtw2=activity.on_wtw2,
        on_1811=activity.on_1811,
    )


def _in_effect(model: Any, case_id: int, today: date) -> Select[Any]:
    """Good cause periods / exemptions that have started and not ended (R-GC-06, R-EX-10)."""
    return (
        select(model)
        .where(model.case_id == case_id, model.start_on <= today)
        .where(or_(model.end_on.is_(None), model.end_on >= today))
        .order_by(model.start_on)
    )


def _upcoming(case: MutualCase, version: PlanVersion | None, today: date) -> list[UpcomingDate]:
    """Court, plan end, the 6th birthday inside the plan period, the signature deadline."""
    found: list[UpcomingDate] = []
    cw = case.child_welfare_case
    # A court date or plan end already past is history, not something coming up.
    if cw and cw.next_court_on and cw.next_court_on >= today:
        found.append(UpcomingDate("Next court date", cw.next_court_on, "", False))
    if version is None:
        return found
    start, end = version.period_start, version.period_end
    if end and end >= today:
        found.append(UpcomingDate("Plan period ends", end, "R-PL-06", False))
    household = case.participant.household
    youngest = household.youngest_aided_birthdate() if household else None
    if start and end and end >= start:
        turns_six = requirement_changes_during(
            youngest_child_birthdate=youngest, period_start=start, period_end=end
        )
        if turns_six and turns_six >= today:
            label = "Youngest child turns 6"
            if version.requirement == 20:  # one-adult AU: 20 hours become 30 (R-HR-01/02)
                label += " (the 20-hour requirement becomes 30 hours)"
            found.append(UpcomingDate(label, turns_six, "R-HR-11", False))
    signed = version.signed_client_at and version.signed_worker_at
    if version.required_from and not signed:
        # Listed even when past: an unsigned plan past its due date is overdue (R-PL-02).
        due = plan_signature_due(version.required_from)
        found.append(UpcomingDate("Plan signature due", due, "R-PL-02", due < today))
    return sorted(found, key=lambda u: u.on)


def track_view(db: Session, case: MutualCase, today: date) -> TrackView:
    """Everything the Track page shows, computed once."""
    version = plan_version_for_track(db, case)
    cw_label = case.county.cw_division_label
    activities = [_activity_row(a, cw_label) for a in version.activities] if version else []
    hours = None
    if version is not None and version.activities:
        # The same call as the plan screen and the stage guard, so the numbers always agree.
        hours = reconcile(
            version.requirement,
            activities_for_policy(version),
            case.county.code,
            participation_of(case),
        )
    episodes = db.scalars(
        select(NoncomplianceEpisode)
        .where(NoncomplianceEpisode.case_id == case.id)
        .where(NoncomplianceEpisode.status.not_in(NONCOMPLIANCE_SETTLED))
        .order_by(NoncomplianceEpisode.notice_issued_on)
    )
    noncompliance = []
    dates = schedule_maker(db, case)  # the county's day-20 rule (§e Q10)
    for episode in episodes:
        s = dates(episode.notice_issued_on)
        noncompliance.append(NoncomplianceRow(episode, episode.status.label, s.day20, s.action_on))
    reunification_end = ReunificationRecord.end_on
    return TrackView(
        version=version,
        activities=activities,
        hours=hours,
        declined=(
            case.stage == Stage.INTEGRATION_DECLINED
            or case.integration_consent == IntegrationConsent.DECLINED
        ),
        good_causes=list(db.scalars(_in_effect(GoodCause, case.id, today))),
        exemptions=list(db.scalars(_in_effect(Exemption, case.id, today))),
        noncompliance=noncompliance,
        change_reports=list(
            db.scalars(
                select(ChangeReport)
                .where(ChangeReport.case_id == case.id, ChangeReport.reevaluated.is_(False))
                .order_by(ChangeReport.reported_on)
            )
        ),
        reunification=list(
            db.scalars(
                select(ReunificationRecord)
                .where(ReunificationRecord.case_id == case.id)
                .where(
                    or_(
                        reunification_end.is_(None),
                        reunification_end >= today,
                        ReunificationRecord.extension_until >= today,
                    )
                )
                .order_by(ReunificationRecord.id)
            )
        ),
        referrals=list(
            db.scalars(
                select(Referral).where(Referral.case_id == case.id).order_by(Referral.referred_on)
            )
        ),
        upcoming=_upcoming(case, version, today),
        change_window=change_window(version.plan.versions, today) if version else None,
    )
