"""Step 2, Assign (R-ID-05..07): taking a case, assigning, reassigning with a reason, the social
worker, bad input, conflicts; and the supervisors' bulk reassignment from the caseload."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from models import AuditEvent, CaseEvent, Office, RegionalContact, SocialWorker
from models.enums import Role, Stage
from tests import factories as f
from tests.helpers import post_form
from tests.html import csrf_token, field_value, select_options, text_of

SW = {
    "assigned_on": "2026-11-23",
    "sw_name": "Dana Kim",
    "sw_unit": "FM Unit 4",
    "sw_phone": "408-555-0142",
    "sw_email": "dana.kim@example.org",
}


def _save(client, case, data):
    url = f"/cases/{case.id}/assign"
    return post_form(client, url, url, data)


def _events(db, case, action=None):
    stmt = select(CaseEvent).where(CaseEvent.case_id == case.id)
    if action:
        stmt = stmt.where(CaseEvent.action == action)
    return db.scalars(stmt.order_by(CaseEvent.id)).all()


def test_ec_takes_a_confirmed_case_and_goes_on_to_the_meeting(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.CONFIRMED, assigned_on=None)
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/assign").text
    assert 'name="worker_id"' not in page  # an EC sees the worker, cannot change it
    assert "Only a supervisor can hand this case to another worker." in page
    assert 'value="2026-11-23"' in page  # assigned on: today by default
    response = _save(client, case, SW)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{case.id}/meeting"
    db.expire_all()
    assert case.stage == Stage.ASSIGNED and case.assigned_worker_id == team["ana"].id
    assert case.assigned_on == date(2026, 11, 23)
    assert case.supervisor_id == team["sup"].id  # the EC's supervisor comes with the case
    assert case.child_welfare_case.social_worker.name == "Dana Kim"
    assert [e.action for e in _events(db, case)] == ["assign", "stage"]
    assert (
        "Assigned to Ana Reyes. Next: the joint meeting."
        in client.get(response.headers["Location"]).text
    )


def test_supervisor_assigns_to_ben_and_history_shows_before_and_after(client, auth, db, team):
    case = f.case(db, None, stage=Stage.CONFIRMED, assigned_on=None, supervisor_id=team["sup"].id)
    db.commit()
    auth.login("sam.sup@example.org")
    page = client.get(f"/cases/{case.id}/assign").text
    assert "Choose the Partnership EC" in page and 'optgroup label="Your unit"' in page
    response = _save(client, case, dict(SW, worker_id=str(team["ben"].id), supervisor_id=""))
    assert response.headers["Location"] == f"/cases/{case.id}/meeting"
    db.expire_all()
    assert case.assigned_worker_id == team["ben"].id and case.stage == Stage.ASSIGNED
    history = client.get(f"/cases/{case.id}/history").text
    assert "Assigned to Ben Tran" in history
    assert "Partnership EC:</strong> (blank) → Ben Tran" in history
    assert "Social worker:</strong> (blank) → Dana Kim" in history
    assert "Assigned on:</strong> (blank) → 2026-11-23" in history


def test_reassignment_needs_a_reason_which_the_history_keeps(client, auth, db, team):
    case = f.case(db, team["ana"])
    db.commit()
    auth.login("sam.sup@example.org")
    data = dict(SW, worker_id=str(team["ben"].id), sw_name="Lee Park")
    page = _save(client, case, data)
    assert page.status_code == 200
    assert "Give the reason for moving the case from Ana Reyes" in page.text
    assert 'value="Lee Park"' in page.text  # what was typed stays
    db.expire_all()
    assert case.assigned_worker_id == team["ana"].id and not _events(db, case)
    response = _save(client, case, dict(data, reason="Ana is on leave until January."))
    assert response.status_code == 302
    db.expire_all()
    assert case.assigned_worker_id == team["ben"].id and case.stage == Stage.ASSIGNED
    history = client.get(f"/cases/{case.id}/history").text
    assert "Reassigned from Ana Reyes to Ben Tran" in history
    assert "Reason: Ana is on leave until January." in history
    audits = db.scalars(select(AuditEvent).where(AuditEvent.action == "case_reassign")).all()
    assert [a.case_id for a in audits] == [case.id]


def test_a_new_social_worker_is_a_new_person_the_same_one_is_updated(client, auth, db, team):
    case = f.case(db, team["ana"])
    db.commit()
    auth.login("ana.ec@example.org")
    _save(client, case, SW)
    _save(client, case, dict(SW, sw_phone="408-555-0199"))
    assert db.scalar(select(func.count(SocialWorker.id))) == 1
    _save(client, case, dict(SW, sw_name="Lee Park"))
    db.expire_all()
    assert db.scalar(select(func.count(SocialWorker.id))) == 2
    assert case.child_welfare_case.social_worker.name == "Lee Park"
    history = client.get(f"/cases/{case.id}/history").text
    assert "Social worker:</strong> Dana Kim → Lee Park" in history
    assert "408-555-0142 → 408-555-0199" in history


def test_an_ec_cannot_hand_the_case_to_someone_else(client, auth, db, team):
    case = f.case(db, team["ana"])
    db.commit()
    auth.login("ana.ec@example.org")
    response = _save(client, case, dict(SW, worker_id=str(team["ben"].id), reason="mine"))
    assert response.status_code == 302
    db.expire_all()
    assert case.assigned_worker_id == team["ana"].id


def test_bad_email_and_dates_are_answered_next_to_the_field(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.CONFIRMED, assigned_on=None)
    db.commit()
    auth.login("ana.ec@example.org")
    page = _save(client, case, dict(SW, sw_email="dana.kim at dfcs", assigned_on="2026-11-30"))
    assert page.status_code == 200
    assert "Enter a full email address, like jane.doe@example.org" in page.text
    assert text_of(page.text, "#assigned_on-error") == (
        "Must be on or before 11/23/2026, today: record it once it has happened."
    )
    assert 'value="dana.kim at dfcs"' in page.text
    assert field_value(page.text, "assigned_on") == "2026-11-30"
    page = _save(client, case, dict(SW, assigned_on="11/10/2026")).text
    assert text_of(page, "#assigned_on-error") == (
        "Must be on or after 11/18/2026, the date the case was identified."
    )
    assert field_value(page, "assigned_on") == "11/10/2026"
    page = _save(client, case, dict(SW, sw_name="")).text
    assert "Enter the social worker&#39;s name, or clear their unit, phone and email." in page
    db.expire_all()
    assert case.stage == Stage.CONFIRMED and case.assigned_on is None


def test_a_stale_version_shows_the_conflict_and_keeps_the_input(client, auth, db, team):
    case = f.case(db, team["ana"])
    db.commit()
    auth.login("ana.ec@example.org")
    page = _save(client, case, dict(SW, version="999"))
    assert page.status_code == 200
    assert "while you were editing" in page.text and 'value="Dana Kim"' in page.text
    db.expire_all()
    assert case.child_welfare_case.social_worker is None


def test_a_case_not_yet_confirmed_is_refused_and_the_typing_kept(client, auth, db, team):
    # security.md 12: a step posted before the steps it follows changes nothing (409).
    case = f.case(db, team["ana"], stage=Stage.CANDIDATE, assigned_on=None)
    db.commit()
    auth.login("ana.ec@example.org")
    response = _save(client, case, SW)
    assert response.status_code == 409
    assert "“Assign” comes later: finish “Identify” first." in response.text
    db.expire_all()
    assert case.stage == Stage.CANDIDATE and case.child_welfare_case.social_worker is None
    page = client.get(f"/cases/{case.id}/assign").text
    assert "Unsaved changes from" in page
    assert "Confirm that both cases were checked in the county systems." in page


def test_reassigning_to_another_unit_hands_over_the_supervisor(client, auth, db, team):
    sue = f.user(db, "sue.sup@example.org", role=Role.SUPERVISOR, name="Sue Second")
    otto = f.user(db, "otto.ec@example.org", name="Otto Other", supervisor_id=sue.id)
    case = f.case(db, team["ana"], supervisor_id=team["sup"].id)
    db.commit()
    auth.login("sam.sup@example.org")
    page = client.get(f"/cases/{case.id}/assign").text
    # The unit's workers come first; other units' workers follow under their own heading.
    options = [o for o in select_options(page, "worker_id") if o.text in ("Ben Tran", "Otto Other")]
    assert [(o.text, o.group == "Other units") for o in options] == [
        ("Ben Tran", False),
        ("Otto Other", True),
    ]
    data = dict(SW, worker_id=str(otto.id), supervisor_id="", reason="Moved to east office")
    response = _save(client, case, data)
    assert response.headers["Location"] == "/cases"
    db.expire_all()
    assert case.assigned_worker_id == otto.id and case.supervisor_id == sue.id
    assert client.get(f"/cases/{case.id}/assign").status_code == 404


def test_orange_records_the_fss_regional_contact_of_its_own_county(client, auth, db, team):
    orange = f.county(db, "orange")
    office = Office(county_id=orange.id, name="Anaheim Regional Office")
    office.contacts.append(RegionalContact(name="Rita Moreno", title="FSS Regional Contact"))
    sc_office = Office(county_id=f.county(db).id, name="Gilroy")
    sc_office.contacts.append(RegionalContact(name="Santa Clara Liaison"))
    db.add_all([office, sc_office])
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(db, oscar, stage=Stage.CONFIRMED, assigned_on=None)
    db.commit()
    auth.login("oscar.ec@example.org")
    page = client.get(f"/cases/{case.id}/assign").text
    assert "Specialized CM" in page and "The CFS social worker" in page
    assert "FSS Regional Contact asked when CFS did not know the CalWORKs worker" in page
    assert "Rita Moreno, FSS Regional Contact (Anaheim Regional Office)" in page
    assert "Santa Clara Liaison" not in page
    contact = office.contacts[0]
    _save(client, case, dict(SW, regional_contact_id=str(contact.id)))
    db.expire_all()
    assert case.regional_contact_id == contact.id and case.stage == Stage.ASSIGNED
    history = client.get(f"/cases/{case.id}/history").text
    assert "Regional contact:</strong> (blank) → Rita Moreno" in history


def test_another_unit_cannot_open_or_save_the_step(client, auth, db, team):
    case = f.case(db, team["ana"])
    db.commit()
    auth.login("olga.ec@example.org")
    assert client.get(f"/cases/{case.id}/assign").status_code == 404
    token = csrf_token(client.get("/cases").text)
    response = client.post(f"/cases/{case.id}/assign", data=dict(SW, csrf_token=token))
    assert response.status_code == 404
    db.expire_all()
    assert case.child_welfare_case.social_worker is None


# ---- bulk reassignment --------------------------------------------------------------------


def _bulk(client, ids, **data):
    token = csrf_token(client.get("/cases").text)
    return client.post(
        "/cases/reassign", data={"csrf_token": token, "case_ids": [str(i) for i in ids], **data}
    )


def test_supervisor_reassigns_two_cases_at_once(client, auth, db, team):
    one = f.case(db, team["ana"], first="Rosa", last="Delgado")
    two = f.case(db, team["ana"], first="Linh", last="Nguyen", stage=Stage.CONFIRMED)
    db.commit()
    auth.login("sam.sup@example.org")
    page = client.get("/cases").text
    assert "Reassign selected cases" in page and 'id="reassign-form"' in page
    response = _bulk(client, [one.id, two.id], worker_id=str(team["ben"].id), reason="Ana leaves")
    assert response.status_code == 302 and response.headers["Location"] == "/cases"
    db.expire_all()
    assert {one.assigned_worker_id, two.assigned_worker_id} == {team["ben"].id}
    assert two.stage == Stage.ASSIGNED  # a confirmed case with a worker is assigned
    rows = [*_events(db, one, "reassign"), *_events(db, two, "reassign")]
    assert [(r.summary, r.reason) for r in rows] == [
        ("Reassigned from Ana Reyes to Ben Tran", "Ana leaves")
    ] * 2
    audits = db.scalars(select(AuditEvent).where(AuditEvent.action == "case_reassign")).all()
    assert sorted(a.case_id for a in audits) == sorted([one.id, two.id])
    assert "2 cases reassigned to Ben Tran." in client.get("/cases").text


def test_the_bulk_list_names_the_unit_first_and_only_those_who_can_take_cases(
    client, auth, db, team
):
    f.user(db, "zoe.ec@example.org", name="Aaron Away", supervisor_id=team["sup"].id, active=False)
    f.user(db, "sue.sup@example.org", role=Role.SUPERVISOR, name="Sue Second")
    f.user(db, "oc.ec@example.org", name="Owen Orange", county_code="orange")
    f.case(db, team["ana"])
    db.commit()
    auth.login("sam.sup@example.org")
    options = select_options(client.get("/cases").text, "worker_id")
    assert [(o.text, o.group) for o in options] == [
        ("Choose a worker", None),
        ("Ana Reyes", "Your unit"),
        ("Ben Tran", "Your unit"),
        ("Olga Other", "Other units"),
    ]


def test_bulk_ignores_a_case_outside_the_unit_without_naming_it(client, auth, db, team):
    mine = f.case(db, team["ana"], first="Rosa", last="Delgado")
    theirs = f.case(db, team["olga"], first="Grace", last="Okafor")
    db.commit()
    auth.login("sam.sup@example.org")
    _bulk(client, [mine.id, theirs.id], worker_id=str(team["ben"].id), reason="Balance")
    db.expire_all()
    assert mine.assigned_worker_id == team["ben"].id
    assert theirs.assigned_worker_id == team["olga"].id and not _events(db, theirs)
    page = client.get("/cases").text
    assert "1 case reassigned to Ben Tran." in page
    assert "1 selected case was not reassigned" in page and "Okafor" not in page


def test_bulk_without_a_reason_changes_nothing_and_keeps_the_input(client, auth, db, team):
    one = f.case(db, team["ana"], first="Rosa", last="Delgado")
    db.commit()
    auth.login("sam.sup@example.org")
    response = _bulk(client, [one.id], worker_id=str(team["ben"].id), reason="")
    assert response.headers["Location"] == "/cases"
    db.expire_all()
    assert one.assigned_worker_id == team["ana"].id and not _events(db, one)
    page = client.get("/cases").text
    assert "Give the reason for the reassignment" in page
    assert f'id="reassign-kept-{one.id}"' in page  # the ticked case is still ticked
    assert f'<option value="{team["ben"].id}" selected>' in page
    page = client.get("/cases").text  # shown once
    assert "Give the reason for the reassignment" not in page
    _bulk(client, [], worker_id="", reason="x")
    page = client.get("/cases").text
    assert "Tick at least one case in the table." in page
    assert "Choose the Partnership EC who takes the cases." in page


def test_only_supervisors_reassign_in_bulk(client, auth, db, team):
    one = f.case(db, team["ana"])
    db.commit()
    auth.login("ana.ec@example.org")
    response = _bulk(client, [one.id], worker_id=str(team["ben"].id), reason="mine now")
    assert response.status_code == 403
    db.expire_all()
    assert one.assigned_worker_id == team["ana"].id
