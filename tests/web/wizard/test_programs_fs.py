"""Track, Reunification and stabilization: Santa Clara's Family Services Program (FSP) — the
referral after integration is agreed, the FS plan of at most 12 months, the WTW status while FS
runs and after it ends, and the plan's shortfall shown as information (R-FS-02..04, R-MT-05;
E29). TODAY is Monday 2026-11-23."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from models import AuditEvent, CaseEvent
from models.enums import IntegrationConsent, ReferralProgram, Stage, WtwStatus
from models.programs import Referral, ReunificationRecord
from tests import factories as f
from tests.factories import make_plan
from tests.html import csrf_token, element, elements, text_of


@pytest.fixture
def agreed(db, team):
    case = f.case(
        db,
        team["ana"],
        stage=Stage.PLAN_ACTIVE,
        identified_on=date(2026, 4, 20),
        integration_consent=IntegrationConsent.AGREED,
    )
    db.commit()
    return case


def _post(client, case, data):
    token = csrf_token(client.get(f"/cases/{case.id}/programs").text)
    return client.post(
        f"/cases/{case.id}/programs/stabilization", data={"csrf_token": token, **data}
    )


E29 = {  # referred 2026-05-04; FS plan (SCD 2392) for 12 months
    "referred_on": "05/04/2026",
    "status": "accepted",
    "fs_specialist": "Renée Okafor",
    "last_follow_up_on": "11/16/2026",
    "next_conference_on": "12/01/2026",
    "sw_invited": "y",
    "fs_plan_start": "05/04/2026",
    "fs_plan_end": "05/03/2027",
}


def _referrals(db):
    return db.scalars(select(Referral)).all()


def test_e29_accepted_fsp_with_a_plan_covering_today_is_family_stabilization(
    client, auth, db, agreed
):
    auth.login("ana.ec@example.org")
    response = _post(client, agreed, E29)
    assert response.status_code == 303
    (referral,) = _referrals(db)
    assert referral.program == ReferralProgram.FSP and referral.fs_plan_end == date(2027, 5, 3)
    page = client.get(response.headers["Location"]).text
    summary = text_of(page, "#fsp-summary")
    assert "Status Accepted" in summary and "FS EC specialist Renée Okafor" in summary
    assert "Next case conference 12/01/2026" in summary
    assert "DFCS social worker invited to case conferences Yes" in summary
    assert "FS plan 05/04/2026 to 05/03/2027" in summary
    assert "not as something to fix (R-FS-02)" in text_of(page, "#fs-active")
    assert "WTW status: Family stabilization" in text_of(page, "#wtw-status")
    db.expire_all()
    assert agreed.participant.wtw_status == WtwStatus.FAMILY_STABILIZATION
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "fsp")).one()
    assert event.summary == "FSP referral recorded"
    changes = {c["label"]: c["after"] for c in json.loads(event.changes)}
    assert changes["Status"] == "Accepted" and changes["WTW status"] == "Family stabilization"
    audit = db.scalars(select(AuditEvent).where(AuditEvent.action == "fsp_referral_add")).one()
    assert audit.object_id == str(referral.id)


def test_a_plan_longer_than_12_months_is_refused_next_to_the_end(client, auth, db, agreed):
    auth.login("ana.ec@example.org")
    response = _post(client, agreed, {**E29, "fs_plan_end": "05/04/2027"})
    assert response.status_code == 200
    message = text_of(response.text, "#fs_plan_end-error")
    assert "end it on 05/03/2027 at the latest" in message and "case by case (R-FS-03)" in message
    assert "Renée Okafor" in response.text  # the typing stays
    assert _referrals(db) == []


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"referred_on": ""}, "referred_on", "Enter the date as month/day/year"),
        ({"referred_on": "12/01/2026"}, "referred_on", "The referral date cannot be after today"),
        ({"referred_on": "03/01/2026"}, "referred_on", "before the case was identified"),
        ({"status": ""}, "status", "Choose the referral's status."),
        ({"last_follow_up_on": "11/30/2026"}, "last_follow_up_on", "cannot be after today"),
        (
            {"last_follow_up_on": "05/01/2026"},
            "last_follow_up_on",
            "The last follow-up cannot be before the referral.",
        ),
        (
            {"fs_plan_end": "05/01/2026"},
            "fs_plan_end",
            "The FS plan end cannot be before the FS plan start.",
        ),
        ({"fs_plan_end": ""}, "fs_plan_end", "Enter the FS plan's end too"),
        ({"fs_plan_start": ""}, "fs_plan_start", "Enter the FS plan's start too."),
    ],
)
def test_fsp_fields_that_cannot_be_right_are_refused_next_to_the_field(
    client, auth, db, agreed, changes, field, message
):
    auth.login("ana.ec@example.org")
    response = _post(client, agreed, {**E29, **changes})
    assert response.status_code == 200
    where = f"#{field}" if field == "status" else f"#{field}-error"
    assert message in text_of(response.text, where)
    assert _referrals(db) == []


@pytest.mark.parametrize("consent", [IntegrationConsent.PENDING, IntegrationConsent.DECLINED])
def test_no_fsp_referral_unless_integration_is_agreed(client, auth, db, team, consent):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, integration_consent=consent)
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/programs").text
    words = text_of(page, "#fsp-needs-integration")
    assert "must accept integration before an FSP referral (R-MT-05)" in words
    assert f"records “{consent.label}”" in words and not elements(page, "#fsp-form")
    # The decision is recorded with the meeting held (issue 13: its own page).
    link = element(page, "#fsp-needs-integration a")
    assert link.get("href") == f"/cases/{case.id}/meeting/held"
    refused = _post(client, case, E29)
    assert refused.status_code == 409
    assert "No FSP referral was made." in text_of(refused.text)
    assert _referrals(db) == []


def test_the_referral_made_at_the_joint_meeting_is_the_one_updated(client, auth, db, agreed):
    db.add(Referral(case_id=agreed.id, program="fsp", referred_on=date(2026, 5, 4)))
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{agreed.id}/programs").text
    assert "Update the FSP referral" in page and "Status Open" in text_of(page, "#fsp-summary")
    assert _post(client, agreed, E29).status_code == 303
    (referral,) = _referrals(db)
    assert referral.status == "accepted" and referral.fs_specialist == "Renée Okafor"
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "fsp")).one()
    assert event.summary == "FSP referral updated"
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "fsp_referral_update")).one()


def test_closing_fs_sets_the_status_back_and_says_what_comes_next(client, auth, db, agreed):
    auth.login("ana.ec@example.org")
    _post(client, agreed, E29)
    response = _post(client, agreed, {**E29, "status": "closed"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).text
    ended = (
        "FS ended: schedule the client to sign a WTW plan; failing the FS plan is not "
        "noncompliance (R-FS-03)."
    )
    assert ended in text_of(page, "#fs-ended")
    assert ended in text_of(page, ".usa-alert--success")  # the message after saving, too
    assert "WTW status: Mandatory" in text_of(page, "#wtw-status")
    db.expire_all()
    assert agreed.participant.wtw_status == WtwStatus.MANDATORY
    last = db.scalars(select(CaseEvent).where(CaseEvent.action == "fsp").order_by(CaseEvent.id))
    changes = json.loads(list(last)[-1].changes)
    assert {"Status", "WTW status"} <= {c["label"] for c in changes}


def test_a_plan_that_has_ended_is_no_longer_family_stabilization(client, auth, db, agreed):
    auth.login("ana.ec@example.org")
    _post(client, agreed, E29)
    past = {**E29, "fs_plan_start": "05/04/2026", "fs_plan_end": "11/20/2026"}
    assert _post(client, agreed, past).status_code == 303
    db.expire_all()
    assert agreed.participant.wtw_status == WtwStatus.MANDATORY
    page = client.get(f"/cases/{agreed.id}/programs").text
    assert "FS ended: schedule the client to sign a WTW plan" in text_of(page, "#fs-ended")


def test_fs_ending_while_ab429_services_run_goes_back_to_fr_services_only(client, auth, db, agreed):
    """No grant to sanction while AB 429 services run (§e Q14): not back to mandatory."""
    db.add(
        ReunificationRecord(
            case_id=agreed.id,
            program="ab429",
            removed_on=date(2026, 10, 1),
            start_on=date(2026, 10, 1),
            end_on=date(2027, 3, 30),
        )
    )
    db.commit()
    auth.login("ana.ec@example.org")
    _post(client, agreed, E29)
    _post(client, agreed, {**E29, "status": "closed"})
    db.expire_all()
    assert agreed.participant.wtw_status == WtwStatus.FR_SERVICES_ONLY


def test_orange_does_not_offer_fsp(client, auth, db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(db, oscar, stage=Stage.PLAN_ACTIVE, integration_consent=IntegrationConsent.AGREED)
    db.commit()
    auth.login("oscar.ec@example.org")
    page = client.get(f"/cases/{case.id}/programs").text
    assert text_of(page, "#fsp-not-offered") == (
        "The Family Services Program (FSP) is not offered by this county."
    )
    assert not elements(page, "#fsp-form") and elements(page, "#new-reunification")
    assert _post(client, case, E29).status_code == 404
    assert _referrals(db) == []


def test_a_closed_case_takes_no_fsp_change(client, auth, db, agreed):
    agreed.stage = Stage.CLOSED
    db.commit()
    auth.login("ana.ec@example.org")
    assert not elements(client.get(f"/cases/{agreed.id}/programs").text, "#fsp-form")
    assert _post(client, agreed, E29).status_code == 409
    assert _referrals(db) == []


def _ten_hours(db, case):
    """E29: she averages 10 hours a week against the 30-hour requirement."""
    version = make_plan(db, case)
    for activity in version.activities:
        activity.hours_per_week = Decimal(0)
    version.activities[0].hours_per_week = Decimal(10)
    db.commit()


def test_the_plans_shortfall_is_information_while_in_family_stabilization(client, auth, db, agreed):
    _ten_hours(db, agreed)
    auth.login("ana.ec@example.org")
    before = client.get(f"/cases/{agreed.id}/plan").text
    (short,) = [li for li in elements(before, "#plan-findings li") if "short of" in text_of(li)]
    assert "tandem-finding--error" in short.get("class") and "Must fix" in text_of(short)
    assert _post(client, agreed, E29).status_code == 303
    page = client.get(f"/cases/{agreed.id}/plan").text
    assert text_of(page, "#totals-short") == "20"  # still shown
    (short,) = [li for li in elements(page, "#plan-findings li") if "short of" in text_of(li)]
    assert "tandem-finding--info" in short.get("class")
    assert text_of(short).startswith("Note:")
    assert "not required while the client is in family stabilization (R-FS-02)" in text_of(short)
    assert not elements(page, "#plan-findings .tandem-finding--error")
