"""More facts for policy.due, many cases at once (models.queries.due gathers them): the current
plan version, the youngest child, reunification and FS plans, changes to re-evaluate and the
attendance weeks. One query each, whatever the number of cases."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.enums import ReferralProgram, ReferralStatus
from models.outbox import OutboxMessage
from models.people import Child, Household
from models.plan import Plan, PlanActivity, PlanVersion
from models.programs import Referral, ReunificationRecord
from models.queries.outbox import HELD_NOTICE, written_on
from models.tracking import ChangeReport, TrackingEntry
from policy.county_time import county_date
from policy.due_tracking import UNVERIFIED_AFTER, last_finished_week
from policy.hours import counts_toward_requirement

OPEN_REFERRALS = (ReferralStatus.OPEN.value, ReferralStatus.ACCEPTED.value)


@dataclass(frozen=True)
class CurrentVersion:
    """The case's current plan version (the newest plan's highest version, as Plan.current reads
    it) and the first day attendance can be recorded (the first signed version's start or
    signing day, the earlier; blueprints.wizard.attendance_view.first_recordable_week)."""

    required_from: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    requirement: int | None = None
    change_window_ends: date | None = None
    attendance_from: date | None = None


def current_versions(db: Session, case_ids: list[int]) -> dict[int, CurrentVersion]:
    rows = db.execute(
        select(
            Plan.case_id,
            Plan.id,
            PlanVersion.version_no,
            PlanVersion.required_from,
            PlanVersion.period_start,
            PlanVersion.period_end,
            PlanVersion.requirement,
            PlanVersion.change_window_ends,
            PlanVersion.signed_client_at,
        )
        .outerjoin(PlanVersion, PlanVersion.plan_id == Plan.id)
        .where(Plan.case_id.in_(case_ids))
    )
    by_case: dict[int, list] = defaultdict(list)
    for row in rows:
        by_case[row.case_id].append(row)
    found = {}
    for case_id, versions in by_case.items():
        newest_plan = max(v.id for v in versions)
        mine = sorted(
            (v for v in versions if v.id == newest_plan),
            key=lambda v: -1 if v.version_no is None else v.version_no,
        )
        current = mine[-1]
        signed = [v for v in mine if v.signed_client_at is not None]
        starts = [signed[0].period_start, county_date(signed[0].signed_client_at)] if signed else []
        found[case_id] = CurrentVersion(
            required_from=current.required_from,
            period_start=current.period_start,
            period_end=current.period_end,
            requirement=current.requirement,
            change_window_ends=current.change_window_ends,
            attendance_from=min((d for d in starts if d is not None), default=None),
        )
    return found


def youngest_born(db: Session, case_ids: list[int]) -> dict[int, date]:
    """{case id: the youngest aided child's birth date} (R-HR-02, R-HR-11)."""
    stmt = (
        select(MutualCase.id, Child.birth_date)
        .join(Household, Household.participant_id == MutualCase.participant_id)
        .join(Child, Child.household_id == Household.id)
        .where(MutualCase.id.in_(case_ids), Child.aided.is_(True))
    )
    found: dict[int, date] = {}
    for case_id, born in db.execute(stmt):
        if case_id not in found or born > found[case_id]:
            found[case_id] = born
    return found


def programs_of(
    db: Session, case_ids: list[int]
) -> tuple[
    dict[int, tuple[tuple[int, date | None, date | None], ...]],
    dict[int, tuple[tuple[int, date], ...]],
]:
    """Running reunification records (record id, last day, redetermination: R-FR-04/07/08) and
    open Family Stabilization plans (referral id, plan end: R-FS-03) per case."""
    fr = ReunificationRecord
    records: dict[int, list[tuple[int, date | None, date | None]]] = defaultdict(list)
    running = select(fr.case_id, fr.id, fr.end_on, fr.extension_until, fr.rd_due_on).where(
        fr.case_id.in_(case_ids), fr.ended_on.is_(None), fr.ineligibility_reason == ""
    )
    for case_id, record_id, end_on, extension, rd_due in db.execute(running.order_by(fr.id)):
        records[case_id].append((record_id, extension or end_on, rd_due))
    plans: dict[int, list[tuple[int, date]]] = defaultdict(list)
    fs = select(Referral.case_id, Referral.id, Referral.fs_plan_end).where(
        Referral.case_id.in_(case_ids),
        Referral.program == ReferralProgram.FSP.value,
        Referral.status.in_(OPEN_REFERRALS),
        Referral.fs_plan_end.is_not(None),
    )
    for case_id, referral_id, ends in db.execute(fs.order_by(Referral.id)):
        plans[case_id].append((referral_id, ends))
    return (
        {case_id: tuple(items) for case_id, items in records.items()},
        {case_id: tuple(items) for case_id, items in plans.items()},
    )


def open_changes_of(db: Session, case_ids: list[int]) -> dict[int, tuple[tuple[int, date], ...]]:
    """{case id: ((change id, reported on), ...)} not yet re-evaluated (R-ID-10, R-CL-06)."""
    found: dict[int, list[tuple[int, date]]] = defaultdict(list)
    stmt = select(ChangeReport.case_id, ChangeReport.id, ChangeReport.reported_on).where(
        ChangeReport.case_id.in_(case_ids), ChangeReport.reevaluated.is_(False)
    )
    for case_id, change_id, reported_on in db.execute(stmt.order_by(ChangeReport.id)):
        found[case_id].append((change_id, reported_on))
    return {case_id: tuple(items) for case_id, items in found.items()}


def held_messages_of(db: Session, case_ids: list[int]) -> dict[int, tuple[tuple[int, date], ...]]:
    """{case id: ((message id, day written), ...)} of the notices to the social worker waiting
    for the EC's review (share-link e-mails are sent as the EC asks, never held)."""
    found: dict[int, list[tuple[int, date]]] = defaultdict(list)
    stmt = select(OutboxMessage.case_id, OutboxMessage.id, OutboxMessage.created_at).where(
        OutboxMessage.case_id.in_(case_ids), HELD_NOTICE
    )
    for case_id, message_id, created_at in db.execute(stmt.order_by(OutboxMessage.id)):
        found[case_id].append((message_id, written_on(created_at)))
    return {case_id: tuple(items) for case_id, items in found.items()}


def attendance_weeks(
    db: Session, case_ids: list[int], counties: Mapping[int, str], today: date | None
) -> tuple[dict[int, frozenset[date]], dict[int, tuple[date, ...]]]:
    """Per case, the Mondays since last finished week with anything recorded, and the Mondays
    old enough to owe verification whose counting hours (R-CF-02) the provider has not verified
    (R-CF-03). Nothing without a date to count from."""
    if today is None:
        return {}, {}
    base = (
        select(Plan.case_id, TrackingEntry.week_start)
        .join(PlanActivity, PlanActivity.id == TrackingEntry.activity_id)
        .join(PlanVersion, PlanVersion.id == PlanActivity.plan_version_id)
        .join(Plan, Plan.id == PlanVersion.plan_id)
        .where(Plan.case_id.in_(case_ids))
    )
    recorded: dict[int, set[date]] = defaultdict(set)
    recent = base.where(TrackingEntry.week_start >= last_finished_week(today)).distinct()
    for case_id, monday in db.execute(recent):
        recorded[case_id].add(monday)
    unverified: dict[int, set[date]] = defaultdict(set)
    old = base.add_columns(PlanActivity.source, PlanActivity.on_wtw2, PlanActivity.on_1811).where(
        TrackingEntry.provider_verified.is_(False),
        TrackingEntry.week_start <= today - UNVERIFIED_AFTER,
        or_(TrackingEntry.attended_hours > 0, TrackingEntry.excused_hours > 0),
    )
    for case_id, monday, source, on_wtw2, on_1811 in db.execute(old):
        if counts_toward_requirement(str(source), on_wtw2, on_1811, counties.get(case_id, "")):
            unverified[case_id].add(monday)
    return (
        {case_id: frozenset(weeks) for case_id, weeks in recorded.items()},
        {case_id: tuple(sorted(weeks)) for case_id, weeks in unverified.items()},
    )
