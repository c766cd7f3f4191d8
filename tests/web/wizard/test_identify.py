"""Step 1, Identify: new cases, corrections, R-ID-01, duplicates, bad input."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import AuditEvent, CaseEvent, DuplicateDismissal, MutualCase
from models.enums import Stage
from tests import factories as f
from tests.helpers import post_form
from tests.html import field_value, text_of
from tests.web.wizard.helpers import IDENTIFY


def _new(client, data):
    return post_form(client, "/cases/new", "/cases/new", data)


def test_ec_identifies_a_mutual_client_and_goes_on_to_assign(client, auth, db, team):
    auth.login("ana.ec@example.org")
    response = _new(client, IDENTIFY)
    assert response.status_code == 302
    case = db.scalars(select(MutualCase)).one()
    assert response.headers["Location"] == f"/cases/{case.id}/assign"
    assert case.stage == Stage.CONFIRMED and case.assigned_worker_id == team["ana"].id
    assert case.participant.display_name == "Rosa Delgado"
    assert case.child_welfare_case.case_number == "DF-2026-0411"
    assert [c.first_name for c in case.participant.household.children] == ["Leo"]
    events = db.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
    assert [e.summary for e in events] == ["Case identified"]
    page = client.get(f"/cases/{case.id}/identify").text
    assert "Rosa Delgado" in page and "Case saved." in page


def test_missing_and_wrong_fields_are_answered_next_to_the_field_and_kept(client, auth, team):
    auth.login("ana.ec@example.org")
    data = dict(IDENTIFY, first_name="", birth_date="2027-01-01", **{"children-0-birth_date": ""})
    page = _new(client, data)
    assert page.status_code == 200
    assert "Enter the client&#39;s first name." in page.text
    assert "The birth date cannot be after today (11/23/2026)." in page.text
    assert "Enter the child&#39;s birth date." in page.text
    assert 'value="Delgado"' in page.text and 'value="C7654321"' in page.text


def test_custody_needs_a_removal_or_jurisdiction_date(client, auth, team):
    auth.login("ana.ec@example.org")
    page = _new(client, dict(IDENTIFY, protective_custody="y")).text
    assert "Enter the removal date (or the jurisdiction hearing date)" in page
    page = _new(
        client,
        dict(
            IDENTIFY,
            protective_custody="y",
            removed_on="2026-11-16",
            jurisdiction_hearing_on="2026-11-10",
        ),
    ).text
    assert "The jurisdiction hearing cannot be before the removal date." in page


def test_a_person_who_fails_r_id_01_needs_a_reason_then_is_not_mutual(client, auth, db, team):
    auth.login("ana.ec@example.org")
    data = dict(IDENTIFY, calworks_status="discontinued")
    page = _new(client, data).text
    assert "The CalWORKs case is neither open nor pending" in page
    assert db.scalars(select(MutualCase)).first() is None
    response = _new(client, dict(data, not_mutual_reason="CalWORKs denied 11/01"))
    case = db.scalars(select(MutualCase)).one()
    assert response.status_code == 302 and case.stage == Stage.NOT_MUTUAL


def test_pending_calworks_without_verification_stays_identified(client, auth, db, team):
    auth.login("ana.ec@example.org")
    data = {k: v for k, v in IDENTIFY.items() if k != "verified"}
    response = _new(client, dict(data, calworks_status="pending"))
    case = db.scalars(select(MutualCase)).one()
    assert case.stage == Stage.CANDIDATE
    assert response.headers["Location"] == f"/cases/{case.id}/identify"
    page = client.get(response.headers["Location"]).text
    assert "Confirm that both cases were checked in the county systems." in page


def test_a_duplicate_the_ec_may_not_open_is_named_to_nobody(client, auth, db, team):
    """The check searches the whole county; details stay within the user's scope (issue 12)."""
    other = f.case(db, team["ben"], first="Rosa", last="Delgado", cw_number="C7654321")
    db.commit()
    auth.login("ana.ec@example.org")
    page = _new(client, IDENTIFY).text
    warning = text_of(page, "#duplicates")
    assert "1 possible duplicate is on a caseload you cannot open: ask your supervisor" in warning
    assert f"/cases/{other.id}" not in page and "Ben Tran" not in page
    assert "same CalWORKs case number" not in page
    check = db.scalars(select(AuditEvent).where(AuditEvent.action == "duplicate_check")).one()
    assert '"outside_scope": 1' in check.detail
    assert db.scalars(select(MutualCase).where(MutualCase.id != other.id)).first() is None
    response = _new(client, dict(IDENTIFY, different_person="y"))
    assert response.status_code == 302
    assert db.scalars(select(DuplicateDismissal)).all() == []  # only a supervisor rules it out


def test_the_supervisor_sees_the_duplicate_and_rules_it_out(client, auth, db, team):
    mine = f.case(db, team["ana"], first="Rosa", last="Delgado", cw_number="C1")
    theirs = f.case(db, team["ben"], first="Rosa", last="Delgado", cw_number="C2")
    db.commit()
    auth.login("sam.sup@example.org")
    page = client.get(f"/cases/{mine.id}/identify").text
    assert "same name and birth date" in page and f"/cases/{theirs.id}" in page
    post_form(
        client, f"/cases/{mine.id}/identify", f"/cases/{mine.id}/duplicates/{theirs.id}/dismiss", {}
    )
    assert "Possible duplicate" not in client.get(f"/cases/{mine.id}/identify").text
    dismissal = db.scalars(select(DuplicateDismissal)).one()
    assert {dismissal.case_id, dismissal.other_case_id} == {mine.id, theirs.id}


def test_an_ec_cannot_rule_out_a_case_she_may_not_open(client, auth, db, team):
    mine = f.case(db, team["ana"], first="Rosa", last="Delgado", cw_number="C1")
    theirs = f.case(db, team["ben"], first="Rosa", last="Delgado", cw_number="C2")
    db.commit()
    auth.login("ana.ec@example.org")
    response = post_form(
        client, f"/cases/{mine.id}/identify", f"/cases/{mine.id}/duplicates/{theirs.id}/dismiss", {}
    )
    assert response.status_code == 404
    assert db.scalars(select(DuplicateDismissal)).all() == []
    denied = db.scalars(select(AuditEvent).where(AuditEvent.action == "authz_denied")).one()
    assert denied.object_id == str(theirs.id)


def test_correcting_a_case_records_before_and_after(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.CONFIRMED)
    db.commit()
    auth.login("ana.ec@example.org")
    data = dict(
        IDENTIFY,
        first_name="Maria",
        last_name="Lopez",
        calworks_case_number="C1234567",
        cw_case_number="CW-100",
        birth_date="1995-05-05",
        **{"children-0-first_name": "Child0", "children-0-birth_date": "2022-03-01"},
    )
    response = post_form(client, f"/cases/{case.id}/identify", f"/cases/{case.id}/identify", data)
    assert response.status_code == 302
    history = client.get(f"/cases/{case.id}/history").text
    assert "Identification updated" in history
    assert "CW-100 → DF-2026-0411" not in history  # unchanged fields are not listed
    assert "Preferred language:</strong> en → es" in history


def test_another_county_or_unit_cannot_open_the_case(client, auth, db, team):
    case = f.case(db, team["ana"])
    db.commit()
    auth.login("olga.ec@example.org")
    assert client.get(f"/cases/{case.id}/identify").status_code == 404
    assert client.get(f"/cases/{case.id}").status_code == 404


def test_the_new_case_page_speaks_the_countys_words(client, auth, db, team):
    f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get("/cases/new").text
    assert "<h1>Identify a new common case</h1>" in page and "The DFCS case" in page
    auth.logout()
    auth.login("oscar.ec@example.org")
    page = client.get("/cases/new").text
    assert "<h1>Identify a new mutual client</h1>" in page and "The CFS case" in page


def test_a_new_case_starts_with_date_identified_today_and_it_can_be_changed(client, auth, db, team):
    auth.login("ana.ec@example.org")
    page = client.get("/cases/new").text
    shown = field_value(page, "identified_on")
    assert shown in ("11/23/2026", "2026-11-23")  # today in tests: Monday 11/23/2026
    response = _new(client, dict(IDENTIFY, identified_on="11/20/2026"))
    assert response.status_code == 302
    assert db.scalars(select(MutualCase)).one().identified_on == date(2026, 11, 20)
    blank = _new(client, dict(IDENTIFY, identified_on=""))  # emptied: still required
    assert blank.status_code == 200 and "Enter the date as month/day/year" in blank.text
