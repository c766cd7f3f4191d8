"""Unbounded lists and bodies (issue 12): a plan of 10,000 activities used to be saved and then
made every later visit of the plan take a minute. Every repeated list has a most, with a
message; a body no person types is refused before it is read."""

from __future__ import annotations

from sqlalchemy import select

from models import Meeting, Plan
from models.enums import Stage
from tests import factories as f
from tests.html import csrf_token, text_of


def _plan_data(token, rows):
    data = {
        "csrf_token": token,
        "version": "0",
        "period_start": "12/01/2026",
        "period_end": "11/30/2027",
        "language": "en",
    }
    for i in range(rows):
        data.update(
            {
                f"activities-{i}-source": "wtw",
                f"activities-{i}-kind": "job_search",
                f"activities-{i}-name": f"Activity {i}",
                f"activities-{i}-hours": "1",
            }
        )
    return data


def test_a_plan_of_more_than_40_activities_is_refused_with_a_message(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.MEETING_HELD)
    db.commit()
    auth.login("ana.ec@example.org")
    token = csrf_token(client.get(f"/cases/{case.id}/plan").text)
    response = client.post(f"/cases/{case.id}/plan", data=_plan_data(token, 41))
    assert response.status_code == 200
    summary = text_of(response.text, "#error-summary")
    assert "At most 40 activities fit on one form. Remove the extra rows." in summary
    assert db.scalars(select(Plan)).first() is None
    ok = client.post(f"/cases/{case.id}/plan", data=_plan_data(token, 40))
    assert ok.status_code == 302  # forty is fine


def test_a_body_no_person_types_is_refused_before_it_is_read(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.MEETING_HELD)
    db.commit()
    auth.login("ana.ec@example.org")
    token = csrf_token(client.get(f"/cases/{case.id}/plan").text)
    response = client.post(f"/cases/{case.id}/plan", data=_plan_data(token, 10_000))
    assert response.status_code == 413
    assert "too much to send at once" in response.text
    assert db.scalars(select(Plan)).first() is None


def test_a_meeting_of_more_than_20_attendees_is_refused(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.ASSIGNED)
    db.commit()
    auth.login("ana.ec@example.org")
    token = csrf_token(client.get(f"/cases/{case.id}/meeting").text)
    data = {"csrf_token": token, "version": "", "location_kind": "office", "integration": "pending"}
    for i in range(21):
        data[f"attendees-{i}-role"] = "provider"
        data[f"attendees-{i}-name"] = f"Person {i}"
    response = client.post(f"/cases/{case.id}/meeting", data=data)
    assert response.status_code == 200
    assert "At most 20 attendees fit on one form." in text_of(response.text, "#error-summary")
    assert db.scalars(select(Meeting)).first() is None
