"""Track: the client's calendar of both agencies (issue 15). Today is Monday 11/23/2026; the page
shows 11/09/2026 to 01/18/2027."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEvent, CalendarEntry, CaseEvent, NoncomplianceEpisode
from models.enums import NoticeType, Stage
from tests import factories as f
from tests.factories import make_plan
from tests.html import by_id, csrf_token, elements, field_value, links, text_of

VISIT = {
    "kind": "visitation",
    "on": "11/24/2026",
    "starts_at": "10:00",
    "ends_at": "11:00",
    "repeat_until": "12/15/2026",
    "place": "Family visitation center",
    "note": "Supervised.",
}


def scheduled(db, case, **schedules):
    version = make_plan(db, case)
    for activity in version.activities:
        activity.schedule = schedules.get(activity.name, "")
    db.flush()
    return version


@pytest.fixture
def active(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 10, 1))
    scheduled(db, case, **{"Job club": "Mon-Fri 9:00-12:00", "Visitation": "Sat 10-12"})
    db.commit()
    return case


def _post(client, url, data):
    token = csrf_token(client.get(url.removesuffix("/delete")).text)
    return client.post(url, data={"csrf_token": token, **data})


def days(page):
    """The rows of the calendar as text, one per event."""
    return [text_of(row) for row in elements(page, "#calendar-table tbody tr")]


def row_on(page, day, words):
    """The one row of that day whose "What" starts with these words."""
    found = [
        text_of(row)
        for row in elements(page, "#calendar-table tbody tr")
        if day in text_of(row, "th") and text_of(elements(row, "td")[1]).startswith(words)
    ]
    assert len(found) == 1, (day, words, days(page))
    return found[0]


def test_weekly_visitation_lands_on_its_days_and_is_flagged_over_job_club(client, auth, db, active):
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/calendar"
    assert _post(client, url, VISIT).status_code == 303
    page = client.get(url).text
    for day in ("11/24/2026", "12/01/2026", "12/08/2026", "12/15/2026"):
        row = row_on(page, day, "Visitation (DFCS)")
        assert "10:00 AM–11:00 AM" in row and "Family visitation center" in row
        assert "Conflict Overlaps Job club (WTW activity), 9:00 AM–12:00 PM." in row
        assert "Visitation is part of the DFCS case plan" in row
        assert "Record a good cause" in row
    assert not [r for r in days(page) if "12/22/2026" in r and "Visitation (DFCS)" in r]
    assert "4 conflicts between the two agencies' dates" in text_of(page, "#conflicts")
    # The warning lists each conflict, linked to its day in the long list below.
    listed = elements(page, "#conflict-list a")
    assert [a.get("href") for a in listed][:2] == ["#day-2026-11-24", "#day-2026-12-01"]
    assert by_id(page, "day-2026-11-24") is not None
    assert "Tue 11/24/2026: Visitation (DFCS) overlaps Job club (WTW activity)" in text_of(
        page, "#conflict-list"
    )
    # The plan's Saturday visitation is a DFCS session: listed, and no WTW session that day.
    assert "Visitation (DFCS case-plan activity)" in row_on(page, "11/28/2026", "Visitation")
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "calendar_add")).one()
    assert event.summary == "Calendar: Visitation, 11/24/2026"
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "calendar_add")).one()
    assert db.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "case_view", AuditEvent.object_id == "calendar"
        )
    ).first()


def test_a_visit_after_job_club_is_no_conflict(client, auth, db, active):
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/calendar"
    _post(client, url, {**VISIT, "starts_at": "1:00 PM", "ends_at": "2:00 PM", "repeat_until": ""})
    page = client.get(url).text
    row = row_on(page, "11/24/2026", "Visitation (DFCS)")
    assert "1:00 PM–2:00 PM" in row and "Conflict" not in row
    assert 'id="conflicts"' not in page
    assert not [r for r in days(page) if "12/01/2026" in r and "Visitation (DFCS)" in r]


def test_court_dates_are_read_from_the_child_welfare_case_and_suggest_good_cause(
    client, auth, db, active
):
    active.child_welfare_case.next_court_on = date(2026, 12, 2)
    active.child_welfare_case.detention_hearing_on = date(2026, 10, 1)  # before the window
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/calendar").text
    row = row_on(page, "12/02/2026", "Next court date (DFCS)")
    assert "No time given" in row
    assert "May overlap Job club (WTW activity)" in row
    assert "A required court appearance is good cause (R-GC-02)" in row
    assert "reason: Required court appearance" in row
    assert "Detention hearing" not in text_of(page, "#calendar-table")
    # The link fills in the good-cause form: the reason, the day, an isolated incident.
    link = next(a for a in links(page) if a.text.startswith("Record a good cause"))
    form = client.get(link.href).text
    assert field_value(form, "reasons") == "court"
    assert field_value(form, "start_on") == "2026-12-02"  # as the form shows any date it fills in
    assert "Next court date (DFCS) on 12/02/2026 over Job club (WTW activity)" in form
    # A hearing the EC records with its time replaces the bare date of that day.
    _post(
        client,
        f"/cases/{active.id}/calendar",
        {"kind": "court", "on": "12/02/2026", "starts_at": "13:30"},
    )
    page = client.get(f"/cases/{active.id}/calendar").text
    assert "Next court date" not in text_of(page, "#calendar-table")
    row = row_on(page, "12/02/2026", "Court hearing (DFCS)")
    assert "1:30 PM" in row and "Conflict" not in row


def test_orange_says_cfs_and_the_social_workers_recommendation(client, auth, db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(db, oscar, stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 10, 1))
    scheduled(db, case, **{"Job club": "Tue/Thu 9am-1pm"})
    case.child_welfare_case.next_court_on = date(2026, 12, 1)
    db.commit()
    auth.login("oscar.ec@example.org")
    page = client.get(f"/cases/{case.id}/calendar").text
    row = row_on(page, "12/01/2026", "Next court date (CFS)")
    assert "on the CFS social worker's recommendation (R-GC-03)" in row
    assert "reason: Child-welfare court dates" in row
    assert "DFCS" not in text_of(page, "main")


def test_appointments_and_the_joint_meeting_are_read_from_their_pages(client, auth, db, active):
    from datetime import UTC, datetime

    from models import Meeting

    db.add(Meeting(case_id=active.id, scheduled_at=datetime(2026, 11, 30, 18, tzinfo=UTC)))
    db.add(
        NoncomplianceEpisode(
            case_id=active.id,
            notice_type=NoticeType.NA840.value,
            notice_issued_on=date(2026, 11, 16),
            appointment_on=date(2026, 12, 3),
            trigger="not_participating",
        )
    )
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/calendar").text
    assert "10:00 AM" in row_on(page, "11/30/2026", "Joint meeting")  # 18:00 UTC = 10 AM Pacific
    assert "Both" in row_on(page, "11/30/2026", "Joint meeting")
    assert "WTW" in row_on(page, "12/03/2026", "Noncompliance appointment (NA 840 of 11/16/2026)")


def test_a_schedule_that_cannot_be_read_is_said_so(client, auth, db, active):
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/calendar").text
    unread = text_of(page, "#times-not-understood")
    assert "Counseling: no schedule on the plan" in unread
    assert "no conflict is checked for it" in unread


def test_the_window_moves_with_today(app, client, auth, db, active):
    db.add(
        CalendarEntry(
            case_id=active.id, kind="cft", agency="cw", on=date(2027, 1, 19), place="", note=""
        )
    )
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/calendar"
    assert "01/19/2027" not in text_of(client.get(url).text, "#calendar-table")
    app.config["TODAY"] = date(2026, 11, 24)
    page = client.get(url).text
    assert "No time given" in row_on(
        page, "01/19/2027", "Child and Family Team (CFT) meeting (DFCS)"
    )
    assert "11/09/2026" not in text_of(page, "#calendar-table")  # now three weeks ago


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": ""}, "kind", "Choose what it is."),
        ({"on": "13/45/2026"}, "on", "Enter the date as month/day/year"),
        ({"on": "11/24/2030"}, "on", "more than two years away"),
        ({"starts_at": "25:00"}, "starts_at", "Enter a time such as 9:30 AM or 14:00."),
        ({"starts_at": ""}, "ends_at", "Give the start time too"),
        ({"ends_at": "9:00"}, "ends_at", "The end must be after the start (10:00 AM)."),
        ({"repeat_until": "11/01/2026"}, "repeat_until", "cannot be before the date (11/24/2026)"),
        ({"repeat_until": "12/31/2027"}, "repeat_until", "A weekly repeat runs at most a year"),
        ({"kind": "other"}, "agency", "Choose whose obligation it is."),
        ({"agency": "wtw"}, "agency", "A visitation is DFCS's"),
    ],
)
def test_an_entry_that_cannot_be_right_says_why_next_to_the_field(
    client, auth, db, active, changes, field, message
):
    auth.login("ana.ec@example.org")
    response = _post(client, f"/cases/{active.id}/calendar", {**VISIT, **changes})
    assert response.status_code == 200
    group = text_of(response.text, "#entry-form")
    assert message in group
    assert "Family visitation center" in response.text  # what was typed stays
    assert db.scalars(select(CalendarEntry)).all() == []


def test_an_entry_is_changed_and_removed_with_history(client, auth, db, active):
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/calendar"
    _post(client, url, VISIT)
    entry = db.scalars(select(CalendarEntry)).one()
    edit = client.get(f"{url}/{entry.id}").text
    assert "Change the visitation of 11/24/2026" in text_of(edit, "#entry-form")
    assert 'value="Family visitation center"' in edit
    # The entry's form is under the Calendar tab, which shows as the current one.
    current = elements(edit, ".tandem-subnav a[aria-current]")
    assert [a.text.strip() for a in current] == ["Calendar"]
    changed = _post(
        client, f"{url}/{entry.id}", {**VISIT, "starts_at": "15:00", "ends_at": "16:00"}
    )
    assert changed.status_code == 303
    page = client.get(url).text
    assert "Conflict" not in row_on(page, "12/01/2026", "Visitation (DFCS)")
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "calendar_edit")).one()
    assert {(c.label, c.before, c.after) for c in event.change_list()} == {
        ("Starts", "10:00 AM", "3:00 PM"),
        ("Ends", "11:00 AM", "4:00 PM"),
    }
    assert _post(client, f"{url}/{entry.id}/delete", {}).status_code == 303
    assert db.scalars(select(CalendarEntry)).all() == []
    assert "Visitation (DFCS)" not in text_of(client.get(url).text, "main")
    removed = db.scalars(select(CaseEvent).where(CaseEvent.action == "calendar_delete")).one()
    assert removed.summary == "Calendar: Visitation, 11/24/2026 removed"
    actions = set(db.scalars(select(AuditEvent.action)))
    assert {"calendar_add", "calendar_edit", "calendar_delete"} <= actions


def test_another_cases_entry_is_not_found(client, auth, db, team, active):
    other = f.case(db, team["ana"], first="Linh", last="Nguyen")
    db.add(CalendarEntry(case_id=other.id, kind="cft", agency="cw", on=date(2026, 12, 1)))
    db.commit()
    entry = db.scalars(select(CalendarEntry)).one()
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/calendar/{entry.id}"
    assert client.get(url).status_code == 404
    assert _post(client, f"/cases/{active.id}/calendar", {}).status_code == 200
    token = csrf_token(client.get(f"/cases/{active.id}/calendar").text)
    assert client.post(f"{url}/delete", data={"csrf_token": token}).status_code == 404
    assert db.scalars(select(CalendarEntry)).one()  # still there
    denied = db.scalars(select(AuditEvent).where(AuditEvent.action == "authz_denied")).all()
    assert len(denied) == 2


def test_an_ended_case_is_read_only_and_refuses_changes(client, auth, db, active):
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/calendar"
    _post(client, url, VISIT)
    entry = db.scalars(select(CalendarEntry)).one()
    token = csrf_token(client.get(url).text)
    active.stage = Stage.CLOSED
    db.commit()
    page = client.get(url).text
    assert "entry-form" not in page and "Visitation (DFCS)" in text_of(page, "#calendar-table")
    assert client.post(url, data={"csrf_token": token, **VISIT}).status_code == 409
    refused = client.post(f"{url}/{entry.id}/delete", data={"csrf_token": token})
    assert refused.status_code == 409 and "nothing was saved" in refused.text
    assert db.scalars(select(CalendarEntry)).one()


def test_a_post_without_the_csrf_token_is_refused(client, auth, db, active):
    auth.login("ana.ec@example.org")
    response = client.post(f"/cases/{active.id}/calendar", data=VISIT)
    assert response.status_code == 400
    assert db.scalars(select(CalendarEntry)).all() == []


def test_every_demo_case_calendar_opens_in_words_with_the_demo_entries(app, db):
    from models import MutualCase
    from models.demo.seed import load_demo
    from tests.helpers import PASSWORD, TODAY, Auth
    from tests.web.wizard.test_demo_cases_open import raw_codes

    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    conflicts = 0
    for case in db.scalars(select(MutualCase).order_by(MutualCase.id)):
        if case.assigned_worker is None:
            continue
        client = app.test_client()
        Auth(client).login(case.assigned_worker.email)
        page = client.get(f"/cases/{case.id}/calendar")
        assert page.status_code == 200 and raw_codes(page.text) == [], case.id
        if case.stage == Stage.PLAN_ACTIVE:
            assert "Child and Family Team (CFT) meeting" in text_of(page.text, "#calendar-table")
        conflicts += 'id="conflicts"' in page.text
    assert conflicts >= 1  # the demo shows what a conflict looks like
