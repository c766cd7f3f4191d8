"""Track: good cause (R-GC-01..09). Several reasons on one determination, the social worker's
recommendation (Orange, R-GC-03), the route and its next step (R-GC-05, E19, E24), the monthly
review (R-GC-06), the WTW status, ending one early, and ending a noncompliance episode with no
sanction (R-GC-04, the contract with the noncompliance page)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from models import (
    AuditEvent,
    CaseEvent,
    GoodCause,
    MutualCase,
    PlanVersion,
)
from models.demo.seed import load_demo
from models.enums import Stage, WtwStatus
from tests import factories as f
from tests.factories import make_plan
from tests.helpers import PASSWORD, TODAY, Auth
from tests.html import by_id, csrf_token, elements, field_value, text_of
from tests.web.wizard.test_demo_cases_open import raw_codes


@pytest.fixture
def active(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 10, 1))
    make_plan(db, case)
    db.commit()
    return case


@pytest.fixture
def orange(db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(db, oscar, stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 10, 1))
    make_plan(db, case)
    db.commit()
    return case


def _post(client, case, data, path=""):
    page = f"/cases/{case.id}/good-cause"
    token = csrf_token(client.get(page).text)
    return client.post(page + path, data={"csrf_token": token, **data})


E19 = {  # Orange: two court hearings and a visit in Riverside County in one week
    "reasons": ["cfs_court_dates", "cfs_out_of_county_visitation"],
    "recommended_by_sw": "y",
    "decided_on": "11/20/2026",
    "start_on": "11/16/2026",
    "end_on": "11/20/2026",
    "isolated": "yes",
    "covers_half_month": "no",
    "verification": "Court notices; the CFS social worker's e-mail",
}
PERIOD = {  # a period that covers today (Monday 2026-11-23)
    "reasons": ["illness"],
    "decided_on": "11/18/2026",
    "start_on": "11/18/2026",
    "end_on": "12/04/2026",
    "isolated": "no",
    "covers_half_month": "yes",
    "verification": "Doctor's note",
}


def _events(db, action=None):
    stmt = select(CaseEvent).order_by(CaseEvent.id)
    if action:
        stmt = stmt.where(CaseEvent.action == action)
    return list(db.scalars(stmt))


def test_e19_two_reasons_recommended_by_the_sw_isolated_so_the_client_resumes(
    client, auth, db, orange
):
    auth.login("oscar.ec@example.org")
    page = client.get(f"/cases/{orange.id}/good-cause").text
    assert "The CFS social worker recommended good cause" in text_of(page, "#new-good-cause")
    assert "(R-GC-03)" in text_of(page, "#new-good-cause")
    response = _post(client, orange, E19)
    assert response.status_code == 303
    record = db.scalars(select(GoodCause)).one()
    assert json.loads(record.reasons) == ["cfs_court_dates", "cfs_out_of_county_visitation"]
    assert record.reason == "cfs_court_dates"
    assert record.recommended_by_sw and record.isolated_incident
    assert record.route == "resume" and record.next_review_on is None
    assert record.decided_on == date(2026, 11, 20) and record.decided_by_id is not None
    page = client.get(response.headers["Location"]).text
    row = text_of(page, f"#good-cause-{record.id}")
    assert "Child-welfare court dates, Visitation with a child placed out of the county" in row
    assert "Isolated incident: 11/16/2026 to 11/20/2026" in row
    assert "Oscar Orange, 11/20/2026" in row
    assert "Court notices; the CFS social worker's e-mail" in row
    assert "The client resumes the activities on 11/20/2026." in row
    assert "None: an isolated incident" in row
    assert "Good cause recorded. Next step: The client resumes the activities." in page
    assert 'id="exemption-prompt' not in page
    assert raw_codes(page) == []
    event = _events(db, "good_cause")[-1]
    assert event.summary == (
        "Good cause found: Child-welfare court dates, Visitation with a child placed out of the "
        "county"
    )
    assert "Recommended by the social worker" in event.changes
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "good_cause_add")).one()
    db.expire_all()
    assert orange.participant.wtw_status == WtwStatus.MANDATORY  # an isolated incident


def test_santa_clara_can_tick_the_recommendation_but_says_it_is_oranges_practice(
    client, auth, active
):
    auth.login("ana.ec@example.org")
    form = text_of(client.get(f"/cases/{active.id}/good-cause").text, "#new-good-cause")
    assert "The DFCS social worker recommended good cause (Orange's practice)" in form
    assert "in Santa Clara the CWES worker decides it (R-GC-06)" in form


@pytest.mark.parametrize(
    ("county_fixture", "email", "decider"),
    [
        ("active", "ana.ec@example.org", "the EW (CalWORKs eligibility) decides"),
        ("orange", "oscar.ec@example.org", "the IEES/CEES decides"),
    ],
)
def test_e24_six_weeks_of_illness_prompts_an_exemption_request(
    client, auth, db, request, county_fixture, email, decider
):
    case = request.getfixturevalue(county_fixture)
    auth.login(email)
    data = {
        "reasons": ["illness"],
        "decided_on": "07/06/2026",
        "start_on": "07/06/2026",
        "end_on": "08/16/2026",
        "isolated": "no",
        "covers_half_month": "yes",
        "verification": "Doctor's statement",
    }
    assert _post(client, case, data).status_code == 303
    record = db.scalars(select(GoodCause)).one()
    assert record.route == "exemption_request"
    assert record.next_review_on == date(2026, 8, 6)  # monthly (R-GC-06)
    page = client.get(f"/cases/{case.id}/good-cause").text
    prompt = text_of(page, f"#exemption-prompt-{record.id}")
    assert "CW 2186A" in prompt and decider in prompt
    link = elements(page, f"#exemption-prompt-{record.id} a")[0].get("href")
    assert link == f"/cases/{case.id}/exemptions#new-exemption"
    assert "08/06/2026" in text_of(page, f"#good-cause-{record.id}")
    db.expire_all()
    assert case.participant.wtw_status == WtwStatus.MANDATORY  # it ended before today
    track = client.get(f"/cases/{case.id}/track").text
    assert "July 2026" in text_of(track, "#toa-not-counted")  # R-TC-03


def test_a_period_under_30_days_covering_half_re_refers_and_makes_the_shortfall_no_error(
    client, auth, db, active
):
    version = db.scalars(select(PlanVersion)).one()
    for activity in version.activities:
        if activity.name == "Job club":  # 15 DFCS + 5 WTW hours of 30: 10 short
            activity.hours_per_week = 5
    db.commit()
    auth.login("ana.ec@example.org")
    short = "Problem: The plan is 10 hours short"
    assert short in text_of(client.get(f"/cases/{active.id}/track").text)
    assert _post(client, active, PERIOD).status_code == 303
    record = db.scalars(select(GoodCause)).one()
    assert record.route == "re_refer" and record.next_review_on == date(2026, 12, 18)
    db.expire_all()
    assert active.participant.wtw_status == WtwStatus.GOOD_CAUSE
    status = _events(db, "wtw_status")[-1]
    assert status.summary.startswith("WTW status: Good cause.")
    assert "Mandatory" in status.changes and "Good cause" in status.changes
    track = client.get(f"/cases/{active.id}/track").text
    assert short not in text_of(track)
    page = client.get(f"/cases/{active.id}/good-cause").text
    assert "WTW status: Good cause" in text_of(page, "#wtw-status")
    assert "a shortfall is not an error while the good cause lasts" in text_of(page, "#wtw-status")
    assert "Re-refer the client to the activities when the good cause ends on 12/04/2026." in (
        text_of(page, f"#good-cause-{record.id}")
    )
    assert version.requirement == 30


def test_ending_a_good_cause_early_puts_the_status_back_to_mandatory(client, auth, db, active):
    auth.login("ana.ec@example.org")
    _post(client, active, PERIOD)
    record = db.scalars(select(GoodCause)).one()
    prefix = f"end-{record.id}-"
    early = _post(client, active, {prefix + "ends_on": "11/17/2026"}, f"/{record.id}/end")
    assert early.status_code == 200
    assert "It cannot end before it started (11/18/2026)." in text_of(
        early.text, f"#{prefix}ends_on-error"
    )
    response = _post(client, active, {prefix + "ends_on": "11/22/2026"}, f"/{record.id}/end")
    assert response.status_code == 303
    db.expire_all()
    assert record.end_on == date(2026, 11, 22) and record.next_review_on is None
    assert active.participant.wtw_status == WtwStatus.MANDATORY
    summaries = [e.summary for e in _events(db)][-2:]
    assert (
        summaries[0]
        == "Good cause ended: Illness or injury (the client, a child or a family member)"
    )
    assert summaries[1].startswith("WTW status: Mandatory.")
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "good_cause_end")).one()
    assert (
        f'id="end-good-cause-{record.id}"' not in client.get(f"/cases/{active.id}/good-cause").text
    )


def test_ending_a_good_cause_of_another_case_is_not_found_and_audited(
    client, auth, db, team, active
):
    other = f.case(db, team["ben"], stage=Stage.PLAN_ACTIVE)
    db.add(GoodCause(case_id=other.id, reason="illness", start_on=date(2026, 11, 2)))
    db.commit()
    record = db.scalars(select(GoodCause)).one()
    auth.login("ana.ec@example.org")
    response = _post(
        client, active, {f"end-{record.id}-ends_on": "11/20/2026"}, f"/{record.id}/end"
    )
    assert response.status_code == 404
    assert db.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "authz_denied", AuditEvent.object_type == "good_cause"
        )
    ).one()
    db.expire_all()
    assert record.end_on is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reasons": []}, "reasons", "Tick at least one reason."),
        ({"reasons": ["bad_luck"]}, "reasons", "is not a valid choice"),
        ({"decided_on": "11/30/2026"}, "decided_on-error", "on or before 11/23/2026, today"),
        ({"decided_on": ""}, "decided_on-error", "Enter the date as month/day/year"),
        ({"start_on": ""}, "start_on-error", "Enter the date as month/day/year"),
        ({"end_on": "11/10/2026"}, "end_on-error", "The expected end cannot be before the start."),
        ({"isolated": ""}, "isolated", "Say whether it is an isolated incident or a period."),
        ({"covers_half_month": ""}, "covers_half_month", "at least half of this month's hours."),
    ],
)
def test_a_good_cause_that_cannot_be_right_is_refused_next_to_its_field(
    client, auth, db, active, changes, field, message
):
    auth.login("ana.ec@example.org")
    response = _post(client, active, {**PERIOD, **changes})
    assert response.status_code == 200
    assert message in text_of(response.text, f"#{field}")
    assert "Not saved yet" in text_of(response.text, "#error-summary")
    assert field_value(response.text, "verification") == "Doctor's note"  # typing kept
    assert db.scalars(select(GoodCause)).all() == []


def test_a_closed_case_keeps_its_good_causes_and_takes_nothing_new(client, auth, db, active):
    auth.login("ana.ec@example.org")
    _post(client, active, PERIOD)
    record = db.scalars(select(GoodCause)).one()
    active.stage = Stage.CLOSED
    db.commit()
    page = client.get(f"/cases/{active.id}/good-cause").text
    assert "Doctor's note" in text_of(page) and 'id="new-good-cause"' not in page
    assert 'id="end-good-cause' not in page
    assert _post(client, active, PERIOD).status_code == 409
    ended = _post(client, active, {f"end-{record.id}-ends_on": "11/20/2026"}, f"/{record.id}/end")
    assert ended.status_code == 409
    assert len(db.scalars(select(GoodCause)).all()) == 1


def test_the_page_is_in_the_track_navigation_and_says_when_nothing_is_recorded(
    client, auth, active
):
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/good-cause").text
    assert "Good cause" in text_of(page, "nav.tandem-subnav")
    assert "No good cause recorded yet." in text_of(page, "#no-good-cause")
    assert "WTW status: Mandatory" in text_of(page, "#wtw-status")
    assert raw_codes(page) == []
    assert by_id(page, "new-good-cause").get("action") == f"/cases/{active.id}/good-cause"


def test_every_demo_case_opens_good_cause_and_exemptions_with_no_stored_code(app, db):
    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    cases = db.scalars(select(MutualCase).where(MutualCase.assigned_worker_id.is_not(None)))
    by_worker: dict[str, list[MutualCase]] = {}
    for case in cases:
        by_worker.setdefault(case.assigned_worker.email, []).append(case)
    for email, own in by_worker.items():
        client = app.test_client()
        Auth(client).login(email)
        for case in own:
            for page in ("good-cause", "exemptions"):
                response = client.get(f"/cases/{case.id}/{page}")
                assert response.status_code == 200, f"{email} case {case.id} {page}"
                assert raw_codes(response.text) == [], f"{email} case {case.id} {page}"


def test_a_good_cause_that_already_ended_cannot_be_ended_again(client, auth, db, active):
    db.add(
        GoodCause(
            case_id=active.id,
            reason="court_dates",  # a code from before the reasons list
            start_on=date(2026, 10, 5),
            end_on=date(2026, 10, 9),
        )
    )
    db.commit()
    record = db.scalars(select(GoodCause)).one()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/good-cause").text
    assert f'id="end-good-cause-{record.id}"' not in page  # only one in effect can end
    response = _post(
        client, active, {f"end-{record.id}-ends_on": "10/08/2026"}, f"/{record.id}/end"
    )
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).text
    assert "This good cause is not in effect: there is nothing to end." in text_of(page)
    db.expire_all()
    assert record.end_on == date(2026, 10, 9)
    assert "Court dates" in text_of(page, f"#good-cause-{record.id}")  # read as words
