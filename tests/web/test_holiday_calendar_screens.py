"""A due date that would be counted into a year whose holiday calendar is not loaded is refused on
the page with what to do, never a 500 (R-WD-01, R-WD-02, §e Q8). The test database holds the
2026 and 2027 calendars only (SEED_YEARS)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from blueprints.documents import build
from models import Meeting, PlanVersion
from models.enums import PlanStatus
from models.people import SocialWorker
from tests import factories as f
from tests.documents.signing import fake_render, ready_case, submit
from tests.helpers import post_form
from tests.html import elements

MESSAGE = (
    "Holiday calendar for 2028 is not loaded: ask your administrator to run "
    "`flask load-holidays 2028`."
)


def _late_december_case(db, worker, **kw):
    # Assigned Wed 29 Dec 2027: the 5th working day falls in January 2028 (R-MT-01).
    case = f.case(db, worker, first="Rosa", last="Delgado", assigned_on=date(2027, 12, 29), **kw)
    case.child_welfare_case.social_worker = SocialWorker(county_id=case.county_id, name="Dana")
    db.commit()
    return case


def test_caseload_says_the_calendar_is_missing_instead_of_a_due_date(app, client, auth, db, ec):
    _late_december_case(db, ec)
    f.case(db, ec, first="Linh", last="Nguyen", assigned_on=date(2026, 11, 20))
    db.commit()
    auth.login("ana.ec@example.org")
    response = client.get("/cases")
    assert response.status_code == 200
    assert MESSAGE in response.text
    assert len(elements(response.text, ".usa-alert--warning")) == 1  # once, not per case
    rosa = next(tr for tr in elements(response.text, "tbody tr") if "Rosa" in tr.text)
    assert "Not counted: holiday calendar not loaded" in rosa.text
    assert rosa.select("time[datetime]") == []
    linh = next(tr for tr in elements(response.text, "tbody tr") if "Linh" in tr.text)
    assert [t.get("datetime") for t in linh.select("time[datetime]")] == ["2026-12-01"]

    # The administrator loads 2028: the same row now shows the counted date.
    assert app.test_cli_runner().invoke(args=["load-holidays", "2028"]).exit_code == 0
    page = client.get("/cases").text
    assert MESSAGE not in page
    rosa = next(tr for tr in elements(page, "tbody tr") if "Rosa" in tr.text)
    due = [t.get("datetime") for t in rosa.select("time[datetime]")]
    assert len(due) == 1 and due[0].startswith("2028-01-")


def test_meeting_step_shows_the_message_and_still_saves_the_meeting(client, auth, db, team):
    case = _late_december_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/meeting"
    page = client.get(url)
    assert page.status_code == 200
    assert "The target date cannot be counted." in page.text and MESSAGE in page.text
    data = {
        "scheduled_date": "2028-01-05",
        "scheduled_time": "10:00",
        "location_kind": "shelter",
        "location_detail": "Room B",
        "integration": "pending",
    }
    saved = post_form(client, url, url, data)
    assert saved.status_code == 303
    meeting = db.scalars(select(Meeting).where(Meeting.case_id == case.id)).one()
    assert meeting.due_on is None and meeting.scheduled_at is not None
    assert MESSAGE in client.get(url).text


def test_a_court_count_into_2028_is_refused_on_the_meeting_step(client, auth, db, team):
    # Removed Mon 20 Dec 2027: the 15-court-day jurisdiction estimate runs into 2028 (R-CT-03).
    case = _late_december_case(db, team["ana"], custody=True, removed_on=date(2027, 12, 20))
    case.assigned_on = date(2027, 12, 21)
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/meeting")
    assert page.status_code == 200 and MESSAGE in page.text
    assert MESSAGE in client.get("/cases").text


def test_signing_on_the_last_days_of_the_year_is_refused_not_miscounted(
    app, client, auth, db, team, monkeypatch
):
    # Signed Thu 30 Dec 2027: the 3-working-day change window (R-PL-04) runs into 2028.
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    app.config["TODAY"] = date(2027, 12, 30)
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = submit(client, case)
    assert response.status_code == 200
    assert "Nothing was signed or stored: the plan is still unsigned." in response.text
    assert MESSAGE in response.text
    db.expire_all()
    version = db.scalars(select(PlanVersion)).one()
    assert version.status == PlanStatus.AGREED_WITH_SW and version.change_window_ends is None
