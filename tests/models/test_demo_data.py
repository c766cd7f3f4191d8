"""The demo a presenter walks through: eight accounts, a real caseload for every EC across every
stage, plans whose hours add up without stacking (R-CF-04), deadlines that show on the
caseload, and a second load that changes nothing."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from models import (
    Base,
    ChangeReport,
    CountyProfile,
    Exemption,
    GoodCause,
    Meeting,
    MutualCase,
    NoncomplianceEpisode,
    Office,
    Participant,
    PlanActivity,
    PlanVersion,
    Referral,
    ReunificationRecord,
    SocialWorker,
    TrackingEntry,
    User,
)
from models.contacts import SocialWorkerContact
from models.db import make_engine
from models.demo.seed import DEMO_EMAIL_DOMAIN, DemoSummary, load_demo
from models.enums import (
    IntegrationConsent,
    NoncomplianceStatus,
    PlanStatus,
    ReunificationProgram,
    Role,
    Stage,
)
from models.operations.passwords import verify
from models.queries.caseload import caseload_rows
from policy.hours import Activity, reconcile
from policy.requirement import weekly_requirement
from tests.helpers import PG_URL

TODAY = date(2026, 11, 23)
PASSWORD = "tandem-demo-2026"
WORKING_STAGES = (
    Stage.ASSIGNED,
    Stage.MEETING_SCHEDULED,
    Stage.PLAN_PENDING_SIGNATURE,
    Stage.PLAN_ACTIVE,
)


def _row_counts(db: Session) -> dict[str, int]:
    return {
        t.name: db.execute(select(func.count()).select_from(t)).scalar_one()
        for t in Base.metadata.sorted_tables
    }


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, _template_db: str
) -> Iterator[tuple[Session, list[DemoSummary], list[dict[str, int]]]]:
    if PG_URL:  # the shared PostgreSQL schema, emptied first (the next test empties it again)
        engine = make_engine(PG_URL)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            # The audit trail refuses TRUNCATE (append_only.py); the test reset, as the
            # superuser that owns the throwaway cluster, sets ordinary triggers aside.
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    else:
        path = tmp_path_factory.mktemp("demo") / "t.db"
        engine = make_engine(f"sqlite:///{path}")
        Base.metadata.create_all(engine)
    with Session(engine) as db:
        summaries, counts = [], []
        for _ in range(2):
            summaries.append(load_demo(db, password=PASSWORD, today=TODAY))
            db.commit()
            counts.append(_row_counts(db))
        yield db, summaries, counts
    engine.dispose()


@pytest.fixture
def db(demo) -> Session:
    return demo[0]


def _cases(db: Session) -> list[MutualCase]:
    return list(db.scalars(select(MutualCase).order_by(MutualCase.id)))


def test_second_load_adds_nothing_and_reports_the_same_counts(demo):
    _db, (first, second), (before, after) = demo
    assert first == second
    assert before == after
    assert first.users == 8
    assert first.cases == before["mutual_case"] and 28 <= first.cases <= 34
    assert sum(first.cases_by_stage.values()) == first.cases


def test_eight_accounts_admin_supervisor_and_two_ecs_per_county(db):
    users = list(db.scalars(select(User)))
    assert len(users) == 8
    assert all(u.email.endswith("@" + DEMO_EMAIL_DOMAIN) for u in users)
    roles = Counter((u.county.code, u.role) for u in users)
    for code in ("orange", "santa_clara"):
        assert roles[(code, Role.ADMIN)] == 1
        assert roles[(code, Role.SUPERVISOR)] == 1
        assert roles[(code, Role.EC)] == 2
    for ec in (u for u in users if u.role == Role.EC):
        assert ec.supervisor is not None
        assert ec.supervisor.role == Role.SUPERVISOR and ec.supervisor.county_id == ec.county_id
    assert len({u.password_hash for u in users}) == 1  # hashed once, reused
    assert db.scalars(select(User.email).where(User.email.like("ec1.orange@%"))).one()


def test_demo_password_signs_in_a_demo_user(db):
    ec = db.scalars(select(User).where(User.email == f"ec1.orange@{DEMO_EMAIL_DOMAIN}")).one()
    assert verify(ec.password_hash, PASSWORD)
    assert not verify(ec.password_hash, PASSWORD + "x")


def test_every_stage_appears_and_each_county_has_working_cases(db, demo):
    cases = _cases(db)
    assert {c.stage for c in cases} == set(Stage)
    assert Counter(c.stage.value for c in cases) == Counter(demo[1][0].cases_by_stage)
    for county in db.scalars(select(CountyProfile)):
        stages = Counter(c.stage for c in cases if c.county_id == county.id)
        for stage in WORKING_STAGES:
            assert stages[stage] >= 2, (county.code, stage)


def test_each_ec_has_a_caseload_in_their_own_county(db):
    cases = _cases(db)
    for ec in db.scalars(select(User).where(User.role == Role.EC)):
        mine = [c for c in cases if c.assigned_worker_id == ec.id]
        assert len(mine) >= 3, ec.email
        assert {c.county_id for c in mine} == {ec.county_id}
        assert {c.supervisor_id for c in mine} == {ec.supervisor_id}
        assert any(c.stage in WORKING_STAGES for c in mine)
    unassigned = {c.stage for c in cases if c.assigned_worker_id is None}
    assert unassigned <= {Stage.CANDIDATE, Stage.CONFIRMED, Stage.NOT_MUTUAL}


def test_plan_hours_meet_the_requirement_without_stacking(db):
    versions = list(db.scalars(select(PlanVersion)))
    warned = []
    for version in versions:
        case = db.get(MutualCase, version.plan.case_id)
        assert case is not None and case.participant.household is not None
        household = case.participant.household
        assert version.requirement == weekly_requirement(
            aided_adults=household.aided_adults,
            youngest_child_birthdate=household.youngest_aided_birthdate(),
            on=version.period_start,
        )
        result = reconcile(
            version.requirement,
            [
                Activity(a.name, a.hours_per_week, a.source.value, a.on_wtw2, a.on_1811)
                for a in version.activities
            ],
            case.county.code,
        )
        codes = {f.code for f in result.findings}
        if "not_on_1811" in codes:  # the deliberate Santa Clara warning (E07)
            warned.append((case.county.code, version.status))
            continue
        cfs, requirement = result.cfs_hours, version.requirement
        assert not result.has_errors, (case.participant.last_name, result.findings)
        assert "stacked_hours" not in codes
        assert result.other_wtw_needed == max(0, requirement - cfs)
        assert result.wtw_hours <= result.other_wtw_needed
        assert result.total_hours == max(requirement, cfs)  # meets it exactly, never 45 for 30
    assert warned == [("santa_clara", PlanStatus.DRAFT)]
    statuses = Counter(v.status for v in versions)
    assert statuses[PlanStatus.ACTIVE] >= 4 and statuses[PlanStatus.AGREED_WITH_SW] >= 4


def test_plans_follow_their_stage(db):
    for case in _cases(db):
        versions = [v for v in db.scalars(select(PlanVersion)) if v.plan.case_id == case.id]
        if case.stage in (Stage.PLAN_ACTIVE, Stage.CLOSING):
            (version,) = versions
            assert version.status == PlanStatus.ACTIVE
            assert version.signed_client_at and version.signed_worker_at
            assert version.change_window_ends and version.sw_agreement_on
            assert version.services, "supportive services for every plan"
        if case.stage == Stage.PLAN_PENDING_SIGNATURE:
            assert [v.status for v in versions] == [PlanStatus.AGREED_WITH_SW]
            assert versions[0].sw_agreement_on and versions[0].signed_client_at is None
        if case.stage == Stage.PLAN_ACTIVE:
            tracked = db.scalars(
                select(func.count())
                .select_from(TrackingEntry)
                .join(PlanActivity)
                .where(PlanActivity.plan_version_id == versions[0].id)
            ).one()
            assert tracked >= 3
        if case.stage in (Stage.CANDIDATE, Stage.CONFIRMED, Stage.ASSIGNED, Stage.NOT_MUTUAL):
            assert versions == []
    weeks = set(db.scalars(select(TrackingEntry.week_start)))
    assert weeks and all(w.weekday() == 0 and w < TODAY for w in weeks)


def test_meetings_match_the_stage(db):
    meetings = {m.case_id: m for m in db.scalars(select(Meeting))}
    for case in _cases(db):
        meeting = meetings.get(case.id)
        if case.stage == Stage.MEETING_SCHEDULED:
            assert meeting and meeting.held_on is None and meeting.scheduled_at is not None
            assert meeting.scheduled_at.date() >= TODAY
        if case.stage in (
            Stage.MEETING_HELD,
            Stage.PLAN_PENDING_SIGNATURE,
            Stage.PLAN_ACTIVE,
            Stage.INTEGRATION_DECLINED,
        ):
            assert meeting and meeting.held_on and meeting.held_on <= TODAY
            assert meeting.agenda_strengths and meeting.agenda_cw_activities
            assert meeting.strengths and meeting.barriers
    consent = {c.stage: c.integration_consent for c in _cases(db)}
    assert consent[Stage.INTEGRATION_DECLINED] == IntegrationConsent.DECLINED
    assert consent[Stage.PLAN_ACTIVE] == IntegrationConsent.AGREED


def test_caseload_shows_overdue_and_due_today_meetings_in_santa_clara(db):
    for code, expect in (("santa_clara", True), ("orange", False)):
        county = db.scalars(select(CountyProfile).where(CountyProfile.code == code)).one()
        rows = caseload_rows(db, select(MutualCase).where(MutualCase.county_id == county.id), TODAY)
        meeting_dues = [r for r in rows if r.next_due and r.next_due.label == "Joint meeting"]
        assert any(r.overdue for r in meeting_dues) is expect
        assert any(r.next_due.on == TODAY for r in meeting_dues) is expect
        assert any(r.next_due.on > TODAY for r in meeting_dues) is expect
        signature_dues = [r for r in rows if r.next_due and r.next_due.label == "Plan signature"]
        assert signature_dues and all(not r.overdue for r in signature_dues)


def test_custody_cases_carry_removal_and_court_dates(db):
    custody = [
        c.child_welfare_case
        for c in _cases(db)
        if c.child_welfare_case and c.child_welfare_case.protective_custody
    ]
    assert len(custody) >= 5
    assert all(cw.removed_on and cw.removed_on < TODAY for cw in custody)
    assert any(cw.removed_on and TODAY - cw.removed_on <= timedelta(days=7) for cw in custody)
    assert any(cw.jurisdiction_hearing_on and cw.jurisdiction_hearing_on > TODAY for cw in custody)
    removed = [
        ch for p in db.scalars(select(Participant)) for ch in p.household.children if ch.removed_on
    ]
    assert removed and all(not ch.in_home for ch in removed)


def test_closing_closed_and_not_mutual_cases_explain_themselves(db):
    for case in _cases(db):
        if case.stage in (Stage.CLOSED, Stage.CLOSING):  # dates the Close step would accept
            recorded = [case.closed_on, case.sw_notified_on, case.indicator_end_on]
            assert all(d >= case.identified_on and d <= TODAY for d in recorded if d)
            if case.closed_on and case.indicator_end_on:
                assert case.indicator_end_on >= case.closed_on
        if case.stage == Stage.CLOSED:
            assert case.closure_route and case.closed_on and case.sw_notified_on
            assert case.indicator_end_on
        if case.stage == Stage.CLOSING:
            assert case.closure_route and case.closed_on is None
        if case.stage == Stage.NOT_MUTUAL:
            assert "R-ID-01" in case.not_mutual_reason
    assert len({c.identified_by for c in _cases(db)}) >= 5


def test_one_of_each_event_a_worker_handles(db):
    good_cause = db.scalars(select(GoodCause)).one()
    assert good_cause.recommended_by_sw
    gc_case = db.get(MutualCase, good_cause.case_id)
    assert gc_case and gc_case.county.code == "orange"
    episode = db.scalars(select(NoncomplianceEpisode)).one()
    assert episode.status == NoncomplianceStatus.OPEN and episode.notice_issued_on < TODAY
    assert episode.appointment_on
    assert episode.appointment_on <= episode.notice_issued_on + timedelta(days=20)  # R-NC-02
    exemption = db.scalars(select(Exemption)).one()
    assert exemption.review_on and exemption.end_on and exemption.review_on < exemption.end_on
    fr = db.scalars(select(ReunificationRecord)).one()
    assert fr.program == ReunificationProgram.AB429
    assert fr.end_on == fr.start_on + timedelta(days=180)  # type: ignore[operator]
    referral = db.scalars(select(Referral)).one()
    assert referral.program == "fsp"
    fsp_case = db.get(MutualCase, referral.case_id)
    assert fsp_case and fsp_case.county.code == "santa_clara"
    assert fsp_case.integration_consent == IntegrationConsent.AGREED  # R-MT-05
    assert {r.kind for r in db.scalars(select(ChangeReport))} >= {"child_removed", "housing"}


def test_languages_and_numbers_look_real_but_are_invented(db):
    people = list(db.scalars(select(Participant)))
    languages = Counter(p.preferred_language for p in people)
    assert languages["en"] > len(people) / 2 and languages["es"] >= 3 and languages["vi"] == 1
    assert all(re.fullmatch(r"C\d{7}", p.calworks_case_number) for p in people)
    assert all(
        re.fullmatch(r"CW-\d+", c.child_welfare_case.case_number)  # type: ignore[union-attr]
        for c in _cases(db)
    )
    phones = [p.phone for p in people] + [u.phone for u in db.scalars(select(User))]
    phones += [s.phone for s in db.scalars(select(SocialWorker))]
    phones += [o.phone for o in db.scalars(select(Office))]
    phones += list(db.scalars(select(PlanActivity.provider_phone)))
    assert all(re.fullmatch(r"\d{3}-555-01\d\d", phone) for phone in phones)
    assert all(s.email.endswith(".example.org") for s in db.scalars(select(SocialWorker)))


def test_every_active_plan_has_weeks_recorded_some_unverified_and_the_demo_a_short_week(db):
    """Issue 10: a newcomer sees attendance at work, not an empty grid."""
    from models.queries.attendance import weekly_totals
    from models.queries.case_facts import find_plan

    short_weeks = 0
    for case in _cases(db):
        if case.stage != Stage.PLAN_ACTIVE:
            continue
        weeks = weekly_totals(db, case, find_plan(db, case), date(2026, 1, 5), TODAY)
        assert len(weeks) >= 3, case.participant.last_name
        assert any(w.unverified for w in weeks.values()), case.participant.last_name
        short_weeks += sum(1 for w in weeks.values() if w.shortfall)
        assert case.id in {c.case_id for c in db.scalars(select(SocialWorkerContact))}
    assert short_weeks >= 1
