"""Step 5, Track: the plan's activities with the same totals as the plan screen, the case's
open items and the dates coming up; read-only."""

from __future__ import annotations

from datetime import date

from models import (
    ChangeReport,
    Exemption,
    GoodCause,
    NoncomplianceEpisode,
    Referral,
    ReunificationRecord,
)
from models.enums import (
    IntegrationConsent,
    NoncomplianceStatus,
    ReunificationProgram,
    Role,
    Stage,
)
from tests import factories as f
from tests.factories import make_plan
from tests.helpers import statements_for
from tests.html import definitions, text_of


def summary(page: str) -> str:
    """The text of the hours summary (terms and hours), e.g. "Weekly requirement 30 hours"."""
    return text_of(page, "dl#hours-summary")


def test_track_shows_the_activities_and_the_same_totals_as_the_plan(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    make_plan(db, case)
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/track")
    assert page.status_code == 200
    text = page.text
    for name in ("Counseling", "Parenting class", "Visitation", "Job club"):
        assert name in text
    assert "Gardner Family Care" in text and "408-555-0100" in text
    assert "<td>DFCS</td>" in text and "<td>WTW</td>" in text
    totals = summary(text)
    assert "Weekly requirement 30 hours" in totals
    assert "DFCS hours counted 15 hours" in totals
    assert "Other WTW hours needed 15 hours" in totals
    assert "Total countable hours 30 hours" in totals
    assert (
        "45 hours" not in definitions(text, "dl#hours-summary").values()
    )  # never stacked (R-CF-04)
    assert "not yet available" not in text
    assert 'id="attendance"' in text


def test_a_short_plan_says_so_in_the_same_words_as_the_plan_screen(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    version = make_plan(db, case)
    version.activities[-1].hours_per_week = 10  # WTW 10 → 25 countable of 30
    db.commit()
    auth.login("ana.ec@example.org")
    text = client.get(f"/cases/{case.id}/track").text
    assert "Total countable hours 25 hours" in summary(text)
    assert "The plan is 5 hours short of the 30-hour weekly requirement" in text


def test_track_without_a_plan_links_to_the_plan_step(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.MEETING_HELD)
    db.commit()
    auth.login("ana.ec@example.org")
    text = client.get(f"/cases/{case.id}/track").text
    assert "There is no plan on this case yet." in text
    assert f'href="/cases/{case.id}/plan"' in text
    assert "hours-summary" not in text


def test_declined_integration_says_the_plans_are_separate(client, auth, db, team):
    case = f.case(
        db,
        team["ana"],
        stage=Stage.INTEGRATION_DECLINED,
        integration_consent=IntegrationConsent.DECLINED,
    )
    db.commit()
    auth.login("ana.ec@example.org")
    text = client.get(f"/cases/{case.id}/track").text
    assert (
        "The client declined integration: the DFCS plan and the WTW plan are separate (R-MT-05)"
        in text
    )


def _open_items(db, case, today=date(2026, 11, 23)):
    db.add_all(
        [
            GoodCause(
                case_id=case.id,
                reason="court_dates",
                recommended_by_sw=True,
                start_on=date(2026, 11, 16),
                end_on=date(2026, 12, 4),
                next_review_on=date(2026, 12, 1),
            ),
            GoodCause(  # ended last month: not open any more
                case_id=case.id,
                reason="transportation_breakdown",
                start_on=date(2026, 10, 1),
                end_on=date(2026, 10, 9),
            ),
            Exemption(
                case_id=case.id,
                kind="pregnancy",
                start_on=date(2026, 11, 1),
                review_on=date(2027, 2, 14),
            ),
            NoncomplianceEpisode(
                case_id=case.id,
                trigger="not_participating",
                notice_issued_on=date(2026, 11, 10),
                status=NoncomplianceStatus.OPEN,
            ),
            NoncomplianceEpisode(  # settled with good cause: not listed
                case_id=case.id,
                trigger="missed_orientation",
                notice_issued_on=date(2026, 9, 1),
                status=NoncomplianceStatus.GOOD_CAUSE_FOUND,
            ),
            ChangeReport(
                case_id=case.id,
                kind="housing",
                reported_on=date(2026, 11, 19),
                description="Moved in with her sister",
            ),
            ChangeReport(  # already acted on
                case_id=case.id,
                kind="household",
                reported_on=date(2026, 10, 2),
                description="Partner moved out",
                reevaluated=True,
            ),
            ReunificationRecord(
                case_id=case.id,
                program=ReunificationProgram.AB429,
                start_on=date(2026, 9, 1),
                end_on=date(2027, 2, 28),
            ),
            Referral(case_id=case.id, program="fsp", referred_on=date(2026, 11, 18)),
        ]
    )


def test_open_good_cause_noncompliance_and_other_items_are_listed(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    make_plan(db, case)
    _open_items(db, case)
    db.commit()
    auth.login("ana.ec@example.org")
    text = client.get(f"/cases/{case.id}/track").text
    assert "Court dates" in text and "recommended by the social worker" in text
    assert "Transportation breakdown" not in text
    assert "Pregnancy" in text and "02/14/2027" in text  # the exemption's review date
    # NA 840 issued Nov 10: day 20 is Nov 30, earliest action Dec 10 (R-NC-02/03)
    assert 'Day 20: <time datetime="2026-11-30">11/30/2026</time>' in text
    assert 'earliest action date: <time datetime="2026-12-10">12/10/2026</time>' in text
    assert "missed orientation" not in text
    assert "Moved in with her sister" in text and "Partner moved out" not in text
    assert "AB 429 (services only)" in text and "02/28/2027" in text
    assert "Family Services Program (FSP)" in text and ": open" in text


def test_upcoming_dates_court_plan_end_sixth_birthday_and_signature_due(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_PENDING_SIGNATURE, children=(date(2021, 3, 1),))
    case.child_welfare_case.next_court_on = date(2026, 12, 15)
    make_plan(db, case, signed=False, required_from=date(2026, 11, 2))
    db.commit()
    auth.login("ana.ec@example.org")
    text = client.get(f"/cases/{case.id}/track").text
    assert 'Next court date: <time datetime="2026-12-15">' in text
    assert 'Plan period ends: <time datetime="2027-10-31">' in text
    assert "Youngest child turns 6" in text and 'datetime="2027-03-01"' in text
    assert 'Plan signature due: <time datetime="2027-01-31">' in text  # 90 days (R-PL-02)


def test_a_signed_plan_shows_no_signature_due(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    make_plan(db, case, required_from=date(2026, 11, 2))
    db.commit()
    auth.login("ana.ec@example.org")
    assert "Plan signature due" not in client.get(f"/cases/{case.id}/track").text


def test_query_count_does_not_grow_with_activities_or_items(app, client, auth, db, team):
    small = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, first="Small")
    make_plan(db, small)
    _open_items(db, small)
    big = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, first="Big")
    make_plan(db, big, extra_cfs=12)
    for _ in range(5):
        _open_items(db, big)
    db.commit()
    auth.login("ana.ec@example.org")
    assert len(statements_for(app, client, f"/cases/{big.id}/track")) == len(
        statements_for(app, client, f"/cases/{small.id}/track")
    )


def test_supervisor_sees_the_track_page_others_do_not(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    make_plan(db, case)
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    db.commit()
    auth.login("sam.sup@example.org")
    assert "Job club" in client.get(f"/cases/{case.id}/track").text
    auth.logout()
    auth.login("olga.ec@example.org")
    assert client.get(f"/cases/{case.id}/track").status_code == 404
    auth.logout()
    auth.login("ada.admin@example.org")
    assert client.get(f"/cases/{case.id}/track").status_code == 403


def test_orange_says_cfs_and_has_no_1811(client, auth, db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(db, oscar, stage=Stage.PLAN_ACTIVE)
    make_plan(db, case)
    db.commit()
    auth.login("oscar.ec@example.org")
    text = client.get(f"/cases/{case.id}/track").text
    assert "CFS hours counted 15 hours" in summary(text)
    assert "1811" not in text
