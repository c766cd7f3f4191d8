"""Track: the contact log with the social worker, the social worker's description of the case
plan, and significant changes with the re-evaluation of participation (R-ID-10, R-CL-06)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEvent, CaseEvent, ChangeReport, PlanVersion, SocialWorkerContact
from models.enums import PlanStatus, Stage
from tests import factories as f
from tests.factories import make_plan
from tests.html import csrf_token, text_of


@pytest.fixture
def active(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 10, 1))
    make_plan(db, case)
    db.commit()
    return case


def _post(client, url, data):
    token = csrf_token(client.get(url.rsplit("/", 1)[0] if url.endswith("resolve") else url).text)
    return client.post(url, data={"csrf_token": token, **data})


CONTACT = {
    "contact_on": "11/20/2026",
    "channel": "phone",
    "with_whom": "Dana Ruiz",
    "topics": ["wtw_participation", "cfs_plan_changes"],
    "note": "Parenting class moves to Thursdays.",
}


def test_a_contact_is_logged_with_its_topics_and_kept_in_the_history(client, auth, db, active):
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/contacts"
    response = _post(client, url, CONTACT)
    assert response.status_code == 303
    page = client.get(url).text
    row = text_of(page, "#contact-table tbody")
    assert "11/20/2026 Phone Dana Ruiz" in row
    assert "WTW participation, Changes to the child-welfare case plan" in row
    assert "Parenting class moves to Thursdays." in row and "Ana Reyes" in row
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "sw_contact")).one()
    assert event.summary == "Contact with the social worker (phone), 11/20/2026"
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "sw_contact_add")).one()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"contact_on": "12/25/2026"}, "The contact date cannot be after today"),
        ({"contact_on": "09/01/2026"}, "cannot be before the case was identified (10/01/2026)"),
        ({"channel": ""}, "Choose how you were in touch."),
        ({"channel": "fax"}, "Not a valid choice"),
        ({"topics": [], "note": ""}, "Tick what you went over, or write a short note."),
    ],
)
def test_a_contact_that_cannot_be_right_is_refused_and_the_typing_kept(
    client, auth, db, active, changes, message
):
    auth.login("ana.ec@example.org")
    response = _post(client, f"/cases/{active.id}/contacts", {**CONTACT, **changes})
    assert response.status_code == 200 and message in text_of(response.text)
    assert "Not saved yet" in text_of(response.text, "#error-summary")
    assert "Dana Ruiz" in response.text  # what was typed stays
    assert db.scalars(select(SocialWorkerContact)).all() == []


def test_the_social_workers_plan_description_keeps_earlier_ones(client, auth, db, active):
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/contacts/plan-description"
    for received, words in (("10/05/2026", "Counseling 5 h."), ("11/10/2026", "Counseling 3 h.")):
        assert (
            _post(client, url, {"received_on": received, "description": words}).status_code == 303
        )
    page = client.get(f"/cases/{active.id}/contacts").text
    assert "Received 11/10/2026" in text_of(page, "#latest-plan-description")
    assert "Counseling 3 h." in text_of(page, "#latest-plan-description")
    assert "Earlier descriptions (1)" in text_of(page, "#plan-description")
    empty = _post(client, url, {"received_on": "11/10/2026", "description": ""})
    assert "Paste or type the social worker's description." in text_of(empty.text)


CHANGE = {
    "kind": "child_removed",
    "changed_on": "11/18/2026",
    "reported_on": "11/19/2026",
    "source": "social_worker",
    "description": "Mia placed with her aunt.",
}


def _record_change(client, case, **changes):
    return _post(client, f"/cases/{case.id}/changes", {**CHANGE, **changes})


def test_a_change_waits_on_track_until_participation_is_re_evaluated(client, auth, db, active):
    auth.login("ana.ec@example.org")
    assert _record_change(client, active).status_code == 303
    track = client.get(f"/cases/{active.id}/track").text
    waiting = text_of(track, "#reevaluate")
    assert "Child removed from the home on 11/18/2026, reported 11/19/2026" in waiting
    assert "by the social worker" in waiting
    assert "1 to re-evaluate" in text_of(track, "nav.tandem-subnav")
    report = db.scalars(select(ChangeReport)).one()
    missing_why = _post(
        client,
        f"/cases/{active.id}/changes/{report.id}/resolve",
        {f"change-{report.id}-resolution": "no_change"},
    )
    assert "Say why the plan stays as it is." in text_of(missing_why.text)
    done = _post(
        client,
        f"/cases/{active.id}/changes/{report.id}/resolve",
        {f"change-{report.id}-resolution": "no_change", f"change-{report.id}-note": "Temporary."},
    )
    assert done.status_code == 303
    db.expire_all()
    assert report.reevaluated and report.resolution == "no_change"
    assert 'id="reevaluate"' not in client.get(f"/cases/{active.id}/track").text
    page = client.get(f"/cases/{active.id}/changes").text
    assert "No change to the plan" in text_of(page, "#resolved-changes")
    summaries = [e.summary for e in db.scalars(select(CaseEvent).order_by(CaseEvent.id))]
    assert summaries[-2:] == [
        "Significant change recorded: Child removed from the home",
        "Participation re-evaluated after: Child removed from the home",
    ]
    again = _post(
        client,
        f"/cases/{active.id}/changes/{report.id}/resolve",
        {f"change-{report.id}-resolution": "amend_plan"},
    )
    assert again.status_code == 303  # already decided: nothing changes
    db.expire_all()
    assert report.resolution == "no_change"


def test_amend_the_plan_goes_straight_into_the_amendment(client, auth, db, active):
    auth.login("ana.ec@example.org")
    _record_change(client, active, kind="housing")
    report = db.scalars(select(ChangeReport)).one()
    response = _post(
        client,
        f"/cases/{active.id}/changes/{report.id}/resolve",
        {f"change-{report.id}-resolution": "amend_plan"},
    )
    assert response.status_code == 303 and response.headers["Location"].endswith("/plan")
    versions = db.scalars(select(PlanVersion).order_by(PlanVersion.version_no)).all()
    assert [v.version_no for v in versions] == [1, 2] and versions[1].status == PlanStatus.DRAFT
    assert "Amendment started: version 2" in client.get(response.headers["Location"]).text


def test_start_closing_sends_the_ec_to_close(client, auth, db, active):
    auth.login("ana.ec@example.org")
    _record_change(client, active, kind="employment", changed_on="", description="Full-time job.")
    report = db.scalars(select(ChangeReport)).one()
    response = _post(
        client,
        f"/cases/{active.id}/changes/{report.id}/resolve",
        {
            f"change-{report.id}-resolution": "start_closing",
            f"change-{report.id}-note": "Over income.",
        },
    )
    assert response.headers["Location"].endswith("/close")


def test_a_case_without_a_signed_plan_cannot_amend_and_says_so(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.MEETING_HELD)
    db.commit()
    auth.login("ana.ec@example.org")
    _record_change(client, case)
    report = db.scalars(select(ChangeReport)).one()
    response = _post(
        client,
        f"/cases/{case.id}/changes/{report.id}/resolve",
        {f"change-{report.id}-resolution": "amend_plan"},
    )
    assert response.status_code == 200
    assert "There is no signed plan to amend" in text_of(response.text, f"#change-{report.id}")
    db.expire_all()
    assert not report.reevaluated


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": ""}, "Choose what changed."),
        ({"source": ""}, "Choose who told you."),
        ({"reported_on": "11/17/2026"}, "You cannot have been told before it happened."),
        ({"changed_on": "12/30/2026"}, "cannot be after today"),
    ],
)
def test_a_change_that_cannot_be_right_is_refused(client, auth, db, active, changes, message):
    auth.login("ana.ec@example.org")
    response = _record_change(client, active, **changes)
    assert response.status_code == 200 and message in text_of(response.text)
    assert db.scalars(select(ChangeReport)).all() == []


def test_a_change_of_another_case_is_not_found_and_audited(client, auth, db, team, active):
    other = f.case(db, team["ben"], stage=Stage.PLAN_ACTIVE)
    db.add(ChangeReport(case_id=other.id, kind="housing", reported_on=date(2026, 11, 2)))
    db.commit()
    report = db.scalars(select(ChangeReport)).one()
    auth.login("ana.ec@example.org")
    response = _post(
        client,
        f"/cases/{active.id}/changes/{report.id}/resolve",
        {f"change-{report.id}-resolution": "no_change", f"change-{report.id}-note": "x"},
    )
    assert response.status_code == 404
    assert db.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "authz_denied", AuditEvent.object_type == "change_report"
        )
    ).one()


def test_a_closed_case_keeps_its_log_and_takes_nothing_new(client, auth, db, active):
    auth.login("ana.ec@example.org")
    _post(client, f"/cases/{active.id}/contacts", CONTACT)
    active.stage = Stage.CLOSED
    db.commit()
    page = client.get(f"/cases/{active.id}/contacts").text
    assert "Dana Ruiz" in page and 'id="new-contact"' not in page
    refused = _post(client, f"/cases/{active.id}/contacts", CONTACT)
    assert refused.status_code == 409
    assert len(db.scalars(select(SocialWorkerContact)).all()) == 1
    assert _record_change(client, active).status_code == 409
