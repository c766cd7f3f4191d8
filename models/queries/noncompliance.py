"""Noncompliance episodes as the EC and the supervisor read them: the case's episodes, one
episode's dates under the county's day-20 rule (§e Q10), the facts that decide whether a sanction
may be asked for (policy.compliance.sanction_blockers), and the supervisor's review queue (R-GC-08).

Read-only. Nothing here decides a rule: the dates come from policy.deadlines and the blockers
from policy.compliance; this module only gathers what they need from the tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, joinedload

from models.cases import MutualCase
from models.compliance import Exemption, GoodCause, NoncomplianceEpisode
from models.enums import SIGNED_PLAN_STATUSES, ActivitySource, NoncomplianceStatus, WtwStatus
from models.plan import Plan, PlanVersion
from models.queries.calendars import not_loaded_message, office_holidays
from models.queries.scope import in_scope
from policy.calendar import CalendarNotLoaded
from policy.compliance import (
    BLOCKER_WORDS,
    NoncomplianceFacts,
    sanction_blockers,
    sanction_notice,
)
from policy.deadlines import noncompliance_dates, noncompliance_schedule

S = NoncomplianceStatus
# An episode in one of these states needs nothing more from the worker (R-NC-02, R-NC-08).
NONCOMPLIANCE_SETTLED = frozenset({S.GOOD_CAUSE_FOUND, S.COMPLETED, S.CURED, S.WITHDRAWN})
# Before any sanction: good cause, a compliance plan, the SW consult and the facts still count.
BEFORE_SANCTION = frozenset({S.OPEN, S.COMPLIANCE_PLAN, S.FAILED, S.NO_CONTACT_DAY20})


@dataclass(frozen=True)
class Schedule:
    """Day 1, day 20 and the earliest action date of one notice (R-NC-02/03/04, §e Q10)."""

    day1: date
    day20: date
    action_on: date
    calendar_day20: date  # notice + 20, what day 20 is without the roll-forward
    roll_forward: bool  # the county setting in force
    problem: str = ""  # a holiday calendar not loaded: the rolled day 20 could not be counted

    @property
    def rolled(self) -> bool:
        return self.day20 != self.calendar_day20


@dataclass(frozen=True)
class Blocker:
    rule: str
    words: str


@dataclass(frozen=True)
class SanctionCheck:
    """Whether a sanction may be asked for now, and on which notice (R-NC-05, R-GC-08)."""

    blockers: tuple[Blocker, ...]
    notice: str  # "NA 817" after a failed compliance plan, else "NA 840"
    good_cause_found: bool
    exempt_in_tandem: tuple[Exemption, ...]  # exemptions recorded for the case in the period

    @property
    def allowed(self) -> bool:
        return not self.blockers


def schedule_maker(db: Session, case: MutualCase) -> Callable[[date], Schedule]:
    """A function giving a notice's Schedule for this case's county; the office holidays are
    read once, and only when the county rolls day 20 forward."""
    roll = bool(case.county.day20_roll_forward)
    holidays: Any = office_holidays(db, case.county) if roll else frozenset()

    def make(notice_issued_on: date) -> Schedule:
        calendar_day20 = noncompliance_dates(notice_issued_on)[1]
        try:
            day1, day20, action_on = noncompliance_schedule(
                notice_issued_on, roll_forward=roll, holidays=holidays
            )
        except CalendarNotLoaded as exc:
            day1, day20, action_on = noncompliance_dates(notice_issued_on)
            return Schedule(day1, day20, action_on, calendar_day20, roll, not_loaded_message(exc))
        return Schedule(day1, day20, action_on, calendar_day20, roll)

    return make


def schedule_of(db: Session, case: MutualCase, episode: NoncomplianceEpisode) -> Schedule:
    return schedule_maker(db, case)(episode.notice_issued_on)


def episodes_of(db: Session, case: MutualCase) -> list[NoncomplianceEpisode]:
    """The case's episodes: the open ones first, then the settled; newest notice first in each."""
    rows = list(
        db.scalars(
            select(NoncomplianceEpisode)
            .where(NoncomplianceEpisode.case_id == case.id)
            .order_by(NoncomplianceEpisode.notice_issued_on.desc(), NoncomplianceEpisode.id.desc())
        )
    )
    return [e for e in rows if e.status not in NONCOMPLIANCE_SETTLED] + [
        e for e in rows if e.status in NONCOMPLIANCE_SETTLED
    ]


def episode_on_case(db: Session, case: MutualCase, episode_id: int) -> NoncomplianceEpisode | None:
    episode = db.get(NoncomplianceEpisode, episode_id)
    return episode if episode is not None and episode.case_id == case.id else None


def open_episode_statuses(db: Session, case: MutualCase) -> list[NoncomplianceStatus]:
    """The statuses of the case's unsettled episodes (they decide the WTW status)."""
    stmt = select(NoncomplianceEpisode.status).where(
        NoncomplianceEpisode.case_id == case.id,
        NoncomplianceEpisode.status.not_in(NONCOMPLIANCE_SETTLED),
    )
    return list(db.scalars(stmt))


def signed_plan_activities(db: Session, case: MutualCase) -> list[tuple[str, bool]]:
    """(name, from the child-welfare case plan) of the newest signed plan version's activities;
    an amendment in progress does not count until it is signed."""
    plan = db.scalars(select(Plan).where(Plan.case_id == case.id).order_by(Plan.id.desc())).first()
    if plan is None:
        return []
    signed = [v for v in plan.versions if v.status in SIGNED_PLAN_STATUSES]
    version: PlanVersion | None = signed[-1] if signed else None
    if version is None:
        return []
    return [(a.name, a.source == ActivitySource.CFS) for a in version.activities]


def exemptions_during(db: Session, case: MutualCase, start: date, end: date) -> list[Exemption]:
    """Exemptions recorded for the case that overlap start..end (R-EX-12)."""
    stmt = (
        select(Exemption)
        .where(Exemption.case_id == case.id, Exemption.start_on <= end)
        .where(or_(Exemption.end_on.is_(None), Exemption.end_on >= start))
        .order_by(Exemption.start_on)
    )
    return list(db.scalars(stmt))


def good_cause_found(db: Session, episode: NoncomplianceEpisode) -> bool:
    if episode.status == S.GOOD_CAUSE_FOUND:
        return True
    stmt = select(GoodCause.id).where(GoodCause.noncompliance_id == episode.id).limit(1)
    return db.scalars(stmt).first() is not None


def plan_failed(episode: NoncomplianceEpisode) -> bool:
    """A compliance plan was agreed and did not end in completion (R-NC-05)."""
    return episode.compliance_plan_start is not None and episode.status not in (
        S.COMPLIANCE_PLAN,
        S.COMPLETED,
    )


def sanction_check(
    db: Session, case: MutualCase, episode: NoncomplianceEpisode, today: date, schedule: Schedule
) -> SanctionCheck:
    """policy.compliance.sanction_blockers on what the case holds today (R-NC-02..09, R-HR-09,
    R-EX-12, R-FS-02, R-FR-03, R-SS-02, R-GC-04/08)."""
    period_start = min(episode.missed_on or episode.notice_issued_on, episode.notice_issued_on)
    in_tandem = tuple(exemptions_during(db, case, period_start, max(today, period_start)))
    found = good_cause_found(db, episode)
    wtw = case.participant.wtw_status
    facts = NoncomplianceFacts(
        county=case.county.code,
        notice_issued_on=episode.notice_issued_on,
        today=max(today, episode.notice_issued_on),
        about_cfs_activity=episode.about_cfs_activity,
        sw_consulted=episode.sw_consulted,
        good_cause_found=found,
        compliance_plan_agreed=episode.compliance_plan_start is not None,
        compliance_plan_failed=plan_failed(episode),
        met_state_minimum=episode.met_state_minimum,
        exempt_during_period=episode.exempt_during_period or bool(in_tandem),
        fs_active=wtw == WtwStatus.FAMILY_STABILIZATION,
        fr_services_only=wtw == WtwStatus.FR_SERVICES_ONLY,
        missed_on=episode.missed_on,
        transportation_advanced=episode.transportation_advanced,
        day_20_on=schedule.day20,
    )
    rules = sanction_blockers(facts)
    return SanctionCheck(
        blockers=tuple(Blocker(rule, BLOCKER_WORDS[rule]) for rule in rules),
        notice=sanction_notice(facts),
        good_cause_found=found,
        exempt_in_tandem=in_tandem,
    )


def _pending(cases: Select[tuple[MutualCase]]) -> Any:
    return (
        NoncomplianceEpisode.status == S.SANCTION_REVIEW,
        in_scope(cases, NoncomplianceEpisode.case_id),
    )


def pending_review_count(db: Session, cases: Select[tuple[MutualCase]]) -> int:
    """How many episodes wait for the supervisor's review among ``cases`` (one COUNT)."""
    stmt = select(func.count()).select_from(NoncomplianceEpisode).where(*_pending(cases))
    return int(db.scalar(stmt) or 0)


def pending_reviews(
    db: Session, cases: Select[tuple[MutualCase]]
) -> list[tuple[NoncomplianceEpisode, MutualCase]]:
    """The episodes waiting for the supervisor among ``cases``, oldest request first."""
    stmt = (
        select(NoncomplianceEpisode, MutualCase)
        .join(MutualCase, MutualCase.id == NoncomplianceEpisode.case_id)
        .where(*_pending(cases))
        .options(
            joinedload(MutualCase.participant),
            joinedload(MutualCase.assigned_worker),
            joinedload(MutualCase.county),
        )
        .order_by(NoncomplianceEpisode.sanction_requested_on, NoncomplianceEpisode.id)
    )
    return [(row[0], row[1]) for row in db.execute(stmt)]


def review_target(
    db: Session, cases: Select[tuple[MutualCase]], episode_id: int
) -> tuple[NoncomplianceEpisode, MutualCase] | None:
    """An episode and its case, only when the case is one of ``cases``."""
    episode = db.get(NoncomplianceEpisode, episode_id)
    if episode is None:
        return None
    case = db.scalars(cases.where(MutualCase.id == episode.case_id)).first()
    return (episode, case) if case is not None else None
