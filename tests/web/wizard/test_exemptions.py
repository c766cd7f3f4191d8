"""Track: exemptions (R-EX-01..12, R-DA-02) with the county's young-child standard (§e Q12) and
domestic-abuse review interval (§e Q11), the once-in-a-lifetime exemptions (R-EX-08, E31), the
pregnant volunteer with 0 hours (R-EX-07, R-EX-09, E10), ending an exemption, and the
participation status the EC chooses."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEvent, CaseEvent, Exemption
from models.enums import Stage, WtwStatus
from tests import factories as f
from tests.factories import make_plan
from tests.helpers import Auth
from tests.html import by_id, csrf_token, elements, field_value, text_of
from tests.web.wizard.test_demo_cases_open import raw_codes


@pytest.fixture
def active(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 10, 1))
    make_plan(db, case)
    db.commit()
    return case


def _post(client, case, data, path=""):
    page = f"/cases/{case.id}/exemptions"
    token = csrf_token(client.get(page).text)
    action = f"/cases/{case.id}/participation" if path == "participation" else page + path
    return client.post(action, data={"csrf_token": token, **data})


E31 = {  # child born 2026-01-20; the one-time exemption for a child 6 months or younger
    "kind": "child_under_6m_onetime",
    "start_on": "01/20/2026",
    "child_birthdate": "01/20/2026",
    "verified": "y",
    "decided_by": "EW (CalWORKs eligibility)",
}


def _row(page, exemption):
    return text_of(page, f"#exemption-{exemption.id}")


def test_e31_county_standard_6_months_ends_july_20_with_a_review_30_days_before(
    client, auth, db, active
):
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/exemptions").text
    assert "reaches 6 months" in text_of(page, "#young-child-standard")
    assert "county's written standard, a setting" in text_of(page, "#young-child-standard")
    response = _post(client, active, E31)
    assert response.status_code == 303
    exemption = db.scalars(select(Exemption)).one()
    assert exemption.end_on == date(2026, 7, 20) and exemption.review_on == date(2026, 6, 20)
    page = client.get(response.headers["Location"]).text
    row = _row(page, exemption)
    assert "Child 6 months or younger (once)" in row
    assert "01/20/2026 07/20/2026 06/20/2026 Yes EW (CalWORKs eligibility) No" in row
    assert "It is not in effect today: the status stays Mandatory." in text_of(page)
    assert raw_codes(page) == []
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "exemption")).one()
    assert event.summary == "Exemption recorded: Child 6 months or younger (once)"
    assert "2026-07-20" in event.changes
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "exemption_add")).one()
    db.expire_all()
    assert active.participant.wtw_status == WtwStatus.MANDATORY


def test_e31_with_the_county_standard_set_to_12_months(client, auth, db, active):
    active.county.young_child_exemption_months = 12
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/exemptions").text
    assert "reaches 12 months" in text_of(page, "#young-child-standard")
    assert _post(client, active, E31).status_code == 303
    exemption = db.scalars(select(Exemption)).one()
    assert exemption.end_on == date(2027, 1, 20) and exemption.review_on == date(2026, 12, 21)
    db.expire_all()
    assert active.participant.wtw_status == WtwStatus.EXEMPT  # in effect today
    page = client.get(f"/cases/{active.id}/exemptions").text
    assert "WTW status: Exempt" in text_of(page, "#wtw-status")
    assert "0 hours required (R-EX-09)" in text_of(page, "#wtw-status")
    assert "In effect" in _row(page, exemption)


def test_a_one_time_exemption_cannot_be_used_again_on_any_case_of_the_person(
    client, auth, db, team, active
):
    earlier = f.case(db, team["ben"], stage=Stage.CLOSED)
    earlier.participant = active.participant  # the same person, an earlier case
    db.flush()
    db.add(
        Exemption(
            case_id=earlier.id,
            kind="child_under_6m_onetime",
            start_on=date(2023, 2, 1),
            end_on=date(2023, 8, 1),
        )
    )
    db.commit()
    auth.login("ana.ec@example.org")
    response = _post(client, active, E31)
    assert response.status_code == 200
    message = text_of(response.text, "#kind-error")
    assert "already used (from 02/01/2023)" in message
    assert "cannot be used again (R-EX-08)" in message and "12-week" in message
    assert field_value(response.text, "child_birthdate") == "01/20/2026"  # typing kept
    later = {
        "kind": "subsequent_child_12w",
        "start_on": "11/02/2026",
        "child_birthdate": "10/30/2026",
        "decided_by": "EW (CalWORKs eligibility)",
    }
    assert _post(client, active, later).status_code == 303
    twelve_weeks = db.scalars(select(Exemption).where(Exemption.case_id == active.id)).one()
    assert twelve_weeks.end_on == date(2027, 1, 25)


def test_e30_a_domestic_abuse_waiver_is_reviewed_after_the_county_interval(
    make_app, db, team, active
):
    grant_day = make_app(TODAY=date(2026, 1, 15)).test_client()
    Auth(grant_day).login("ana.ec@example.org")
    data = {"kind": "domestic_abuse", "start_on": "01/15/2026", "decided_by": "EW"}
    page = grant_day.get(f"/cases/{active.id}/exemptions").text
    interval = text_of(page, "#da-interval")
    assert "every 3 months" in interval and "current county rule" in interval
    assert "AB 969" in interval and "every 6 months" in interval
    assert _post(grant_day, active, data).status_code == 303
    waiver = db.scalars(select(Exemption)).one()
    assert waiver.review_on == date(2026, 4, 15) and waiver.end_on is None


def test_a_waiver_recorded_late_gets_the_next_review_and_the_interval_is_a_setting(
    client, auth, db, active
):
    auth.login("ana.ec@example.org")
    data = {"kind": "domestic_abuse", "start_on": "01/15/2026", "decided_by": "EW"}
    assert _post(client, active, data).status_code == 303
    assert db.scalars(select(Exemption)).one().review_on == date(2027, 1, 15)  # after today
    active.county.da_review_months = 6  # AB 969, once the county adopts it
    db.commit()
    assert "every 6 months" in text_of(
        client.get(f"/cases/{active.id}/exemptions").text, "#da-interval"
    )


def test_e10_a_pregnant_volunteer_has_a_0_hour_requirement_on_the_plan(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.MEETING_HELD, children=())
    case.participant.household.pregnant_only = True
    db.commit()
    auth.login("ana.ec@example.org")
    before = client.get(f"/cases/{case.id}/plan").text
    assert text_of(before, "#totals-requirement") == "20"
    data = {
        "kind": "pregnancy",
        "start_on": "11/23/2026",
        "expected_delivery_on": "03/01/2027",
        "decided_by": "EW (CalWORKs eligibility)",
        "volunteer": "y",
    }
    assert _post(client, case, data).status_code == 303
    exemption = db.scalars(select(Exemption)).one()
    assert exemption.review_on == date(2027, 3, 1) and exemption.end_on is None
    assert exemption.volunteer
    db.expire_all()
    assert case.participant.wtw_status == WtwStatus.EXEMPT_VOLUNTEER
    plan = client.get(f"/cases/{case.id}/plan").text
    assert text_of(plan, "#totals-requirement") == "0"
    assert "0 hours (R-EX-09)" in text_of(plan, "#plan-totals")
    page = client.get(f"/cases/{case.id}/exemptions").text
    assert "WTW status: Exempt, volunteering" in text_of(page, "#wtw-status")
    assert "03/01/2027" in _row(page, exemption) and "No end date" in _row(page, exemption)
    status = db.scalars(select(CaseEvent).where(CaseEvent.action == "wtw_status")).one()
    assert "Exempt, volunteering" in status.changes


def test_under_16_ends_on_the_16th_birthday(client, auth, db, active):
    auth.login("ana.ec@example.org")
    data = {
        "kind": "under_16",
        "start_on": "11/01/2026",
        "person_birthdate": "01/10/2011",
        "decided_by": "EW",
    }
    assert _post(client, active, data).status_code == 303
    exemption = db.scalars(select(Exemption)).one()
    assert exemption.end_on == date(2027, 1, 10) and exemption.review_on == date(2026, 12, 11)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": ""}, "kind-error", "Choose the exemption."),
        ({"child_birthdate": ""}, "child_birthdate-error", "Enter the child's birth date"),
        ({"child_birthdate": "02/01/2026"}, "child_birthdate-error", "born by the day"),
        ({"child_birthdate": "12/01/2026"}, "child_birthdate-error", "cannot be after today"),
        ({"start_on": ""}, "start_on-error", "Enter the date as month/day/year"),
        ({"start_on": "09/01/2026"}, "start_on-error", "would already have ended"),
        ({"decided_by": ""}, "decided_by-error", "Say who decided the exemption."),
        ({"kind": "pregnancy"}, "expected_delivery_on-error", "Enter the expected delivery date"),
        ({"kind": "under_16"}, "person_birthdate-error", "ends on the 16th birthday"),
        (
            {"kind": "disability", "expected_end_on": "01/10/2026"},
            "expected_end_on-error",
            "The expected end must be after the start.",
        ),
    ],
)
def test_an_exemption_that_cannot_be_right_is_refused_next_to_its_field(
    client, auth, db, active, data, field, message
):
    auth.login("ana.ec@example.org")
    response = _post(client, active, {**E31, **data})
    assert response.status_code == 200
    assert message in text_of(response.text, f"#{field}")
    assert "Not saved yet" in text_of(response.text, "#error-summary")
    assert db.scalars(select(Exemption)).all() == []


def test_decided_by_defaults_to_the_countys_decider(client, auth, db, active):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    orange = f.case(db, oscar, stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/exemptions").text
    assert field_value(page, "decided_by") == "EW (CalWORKs eligibility)"
    auth.logout()
    auth.login("oscar.ec@example.org")
    page = client.get(f"/cases/{orange.id}/exemptions").text
    assert field_value(page, "decided_by") == "IEES/CEES"
    assert "the IEES/CEES decides (R-EX-11)" in text_of(page, "#decided_by-hint")


def _exempt(db, case, kind="disability", volunteer=False, start=date(2026, 11, 2)):
    exemption = Exemption(case_id=case.id, kind=kind, start_on=start, volunteer=volunteer)
    db.add(exemption)
    case.participant.wtw_status = WtwStatus.EXEMPT_VOLUNTEER if volunteer else WtwStatus.EXEMPT
    db.commit()
    return exemption


def test_ending_the_last_exemption_makes_the_client_mandatory_again(client, auth, db, active):
    first = _exempt(db, active)
    second = _exempt(db, active, kind="care_of_ill_member")
    auth.login("ana.ec@example.org")
    early = _post(client, active, {f"end-{first.id}-ends_on": "11/01/2026"}, f"/{first.id}/end")
    assert early.status_code == 200
    assert "It cannot end before it started (11/02/2026)." in text_of(
        early.text, f"#end-{first.id}-ends_on-error"
    )
    done = _post(client, active, {f"end-{first.id}-ends_on": "11/20/2026"}, f"/{first.id}/end")
    assert done.status_code == 303
    db.expire_all()
    assert first.end_on == date(2026, 11, 20) and first.review_on is None
    assert active.participant.wtw_status == WtwStatus.EXEMPT  # the other is still in effect
    response = _post(
        client, active, {f"end-{second.id}-ends_on": "11/23/2026"}, f"/{second.id}/end"
    )
    assert response.status_code == 303
    db.expire_all()
    assert active.participant.wtw_status == WtwStatus.MANDATORY
    assert "WTW status: Mandatory." in text_of(client.get(response.headers["Location"]).text)
    summaries = [e.summary for e in db.scalars(select(CaseEvent).order_by(CaseEvent.id))]
    assert summaries[-3:-1] == [
        "Exemption ended: Disability",
        "Exemption ended: Caring for an ill household member",
    ]
    assert summaries[-1].startswith("WTW status: Mandatory.")
    ends = db.scalars(select(AuditEvent).where(AuditEvent.action == "exemption_end")).all()
    assert len(ends) == 2


def test_ending_an_exemption_of_another_case_is_not_found_and_audited(
    client, auth, db, team, active
):
    other = f.case(db, team["ben"], stage=Stage.PLAN_ACTIVE)
    exemption = _exempt(db, other)
    auth.login("ana.ec@example.org")
    response = _post(
        client, active, {f"end-{exemption.id}-ends_on": "11/20/2026"}, f"/{exemption.id}/end"
    )
    assert response.status_code == 404
    assert db.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "authz_denied", AuditEvent.object_type == "exemption"
        )
    ).one()


def test_exempt_statuses_need_an_exemption_in_effect(client, auth, db, active):
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/exemptions").text
    assert "none is in effect today" in text_of(page, "#participation")
    assert field_value(page, "participation-status") == "mandatory"
    refused = _post(client, active, {"participation-status": "exempt"}, "participation")
    assert refused.status_code == 200
    assert "No exemption is in effect today" in text_of(refused.text, "#participation-status")
    empty = _post(client, active, {}, "participation")
    assert "Choose mandatory, exempt, or exempt and volunteering." in text_of(
        empty.text, "#participation-status"
    )
    db.expire_all()
    assert active.participant.wtw_status == WtwStatus.MANDATORY
    same = _post(client, active, {"participation-status": "mandatory"}, "participation")
    assert "No change: the status was already Mandatory." in text_of(
        client.get(same.headers["Location"]).text
    )


def test_choosing_to_volunteer_while_exempt_changes_the_status_and_the_exemption(
    client, auth, db, active
):
    exemption = _exempt(db, active)
    auth.login("ana.ec@example.org")
    response = _post(client, active, {"participation-status": "exempt_volunteer"}, "participation")
    assert response.status_code == 303
    db.expire_all()
    assert active.participant.wtw_status == WtwStatus.EXEMPT_VOLUNTEER and exemption.volunteer
    events = db.scalars(select(CaseEvent).order_by(CaseEvent.id)).all()
    assert [e.action for e in events] == ["exemption", "wtw_status"]
    assert events[1].summary == "WTW status: Exempt, volunteering. Chosen by the worker."
    audit = db.scalars(select(AuditEvent).where(AuditEvent.action == "wtw_status_set")).one()
    assert audit.object_type == "participant"
    back = _post(client, active, {"participation-status": "mandatory"}, "participation")
    assert back.status_code == 303
    db.expire_all()
    assert active.participant.wtw_status == WtwStatus.MANDATORY  # she may decline (E10)


def test_a_noncompliance_status_is_not_changed_here(client, auth, db, active):
    active.participant.wtw_status = WtwStatus.NONCOMPLIANCE
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/exemptions").text
    assert "The status is Noncompliance" in text_of(page, "#status-elsewhere")
    assert 'id="participation-form"' not in page
    refused = _post(client, active, {"participation-status": "mandatory"}, "participation")
    assert "it changes with the noncompliance process" in text_of(refused.text)
    response = _post(
        client, active, {**E31, "start_on": "11/02/2026", "child_birthdate": "10/01/2026"}
    )
    assert response.status_code == 303
    assert "The status stays Noncompliance" in text_of(
        client.get(response.headers["Location"]).text
    )
    db.expire_all()
    assert active.participant.wtw_status == WtwStatus.NONCOMPLIANCE


def test_a_closed_case_keeps_its_exemptions_and_takes_nothing_new(client, auth, db, active):
    exemption = _exempt(db, active)
    active.stage = Stage.CLOSED
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/exemptions").text
    assert "Disability" in _row(page, exemption)
    assert not elements(page, "form#new-exemption") and not elements(
        page, "form#participation-form"
    )
    assert _post(client, active, E31).status_code == 409
    assert (
        _post(client, active, {"participation-status": "mandatory"}, "participation").status_code
        == 409
    )
    ended = _post(
        client, active, {f"end-{exemption.id}-ends_on": "11/20/2026"}, f"/{exemption.id}/end"
    )
    assert ended.status_code == 409
    assert len(db.scalars(select(Exemption)).all()) == 1


def test_the_page_is_in_the_track_navigation(client, auth, db, active):
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/exemptions").text
    assert "Exemptions" in text_of(page, "nav.tandem-subnav")
    assert "No exemption recorded." in text_of(page, "#no-exemptions")
    assert "Held to the weekly requirement" in text_of(page, "#wtw-status")
    assert by_id(page, "new-exemption").get("action") == f"/cases/{active.id}/exemptions"
    assert raw_codes(page) == []
