"""Step 3, Joint meeting, first form "Schedule the meeting": the target date (R-MT-01/02, §e Q3),
the date, time, place and people invited; drafts, conflicts and access of both meeting forms.
The second form, "Record the meeting held", is in test_meeting_held.py."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select

from models import CaseEvent, Meeting
from models.enums import Role, Stage
from models.meeting import AGENDA_ITEMS
from models.people import SocialWorker
from tests import factories as f
from tests.helpers import HX, Auth, post_form
from tests.html import by_id, csrf_token, elements, field_value, parse, text_of

SCHEDULE = {
    "scheduled_date": "11/25/2026",  # two days ahead: a scheduled date may be in the future
    "scheduled_time": "2:30 PM",
    "location_kind": "shelter",
    "location_detail": "Family shelter, room B",
    "attendees-0-role": "ec",
    "attendees-0-name": "Ana Reyes",
}
HELD = {
    "held_on": "11/23/2026",
    "integration": "agreed",
    **{name: "y" for name, _label in AGENDA_ITEMS},
}


def _url(case, held=False):
    return f"/cases/{case.id}/meeting" + ("/held" if held else "")


def _save(client, case, data, held=False):
    return post_form(client, _url(case, held), _url(case, held), data)


def _case(db, worker, sw="Dana Social", **kw):
    case = f.case(db, worker, **kw)
    if sw:
        case.child_welfare_case.social_worker = SocialWorker(county_id=case.county_id, name=sw)
    db.commit()
    return case


def _meetings(db, case):
    return db.scalars(select(Meeting).where(Meeting.case_id == case.id)).all()


def _history(client, case):
    return text_of(client.get(f"/cases/{case.id}/history").text)


def test_due_date_five_working_days_after_assignment_skips_thanksgiving(client, auth, db, team):
    case = _case(db, team["ana"], assigned_on=date(2026, 11, 20))  # a Friday
    auth.login("ana.ec@example.org")
    due = by_id(client.get(_url(case)).text, "meeting-due")
    assert due.one("time").get("datetime") == "2026-12-01"
    assert "Hold by Tue 12/01/2026 in 8 days" in due.text
    assert "5 working days after assignment (R-MT-01)" in due.text
    assert "not a statutory deadline" in due.text and "ideally" in due.text
    assert "Overdue" not in due.text


def test_a_meeting_past_its_target_and_not_held_is_flagged_overdue(client, auth, db, team):
    case = _case(db, team["ana"], assigned_on=date(2026, 11, 2))  # due Mon 11/09
    auth.login("ana.ec@example.org")
    due = by_id(client.get(_url(case)).text, "meeting-due").text
    assert "Mon 11/09/2026" in due and "Overdue 14 days" in due
    assert _save(client, case, HELD, held=True).status_code == 303  # held late: not flagged
    due = by_id(client.get(_url(case)).text, "meeting-due").text
    assert "Overdue" not in due and "held on 11/23/2026" in due


def test_custody_case_is_due_the_court_day_before_the_jurisdiction_hearing(client, auth, db, team):
    case = _case(db, team["ana"], custody=True, removed_on=date(2026, 11, 16))
    case.child_welfare_case.jurisdiction_hearing_on = date(2026, 12, 14)  # a Monday
    db.commit()
    auth.login("ana.ec@example.org")
    due = by_id(client.get(_url(case)).text, "meeting-due").text
    assert "Fri 12/11/2026" in due and "in 18 days" in due
    assert "the court day before the jurisdiction hearing (R-MT-02)" in due
    no_dates = _case(db, team["ana"], custody=True, first="Ines")
    page = client.get(_url(no_dates)).text
    due = by_id(page, "meeting-due")
    assert "enter the jurisdiction hearing date (or the removal date) on the Identify step" in (
        due.text
    )
    assert due.one("a").get("href") == f"/cases/{no_dates.id}/identify" and "Hold by" not in page


def test_orange_has_no_target_date_heading_and_says_there_is_no_deadline(client, auth, db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = _case(db, oscar)
    auth.login("oscar.ec@example.org")
    page = client.get(_url(case)).text
    assert [h.text for h in elements(page, "h2") if "Target" in h.text] == []
    assert by_id(page, "meeting-due").text == (
        "No target date: Orange County's procedure sets no day count for the joint meeting "
        "(a county setting, §e Q3)."
    )
    assert "Hold by" not in page
    assert "Target date" not in text_of(client.get(_url(case, held=True)).text)


def test_the_schedule_is_a_short_form_that_invites_the_people_on_file(client, auth, db, team):
    case = _case(db, team["ana"])
    case.participant.preferred_language = "es"
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(_url(case)).text
    form = by_id(page, "schedule-form")
    names = [field_value(form, f"attendees-{i}-name") for i in range(5)]
    assert names == ["Ana Reyes", "Dana Social", "Maria Lopez", "Spanish interpreter", ""]
    # Only when and where and who: the record of the meeting is the other page.
    for name in ("held_on", "integration", "referrals", "strengths", "agenda_next_steps"):
        assert field_value(form, name) is None, name
    assert "language is Spanish, so invite an interpreter too" in form.text
    nav = by_id(page, "meeting-state").text
    assert nav == "Not scheduled · not recorded as held yet"
    assert "Already held? Record the meeting held" in form.text


def test_scheduling_in_the_future_moves_the_case_and_is_in_the_history(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = _save(client, case, SCHEDULE)
    assert response.status_code == 303 and response.headers["Location"] == _url(case)
    db.expire_all()
    (meeting,) = _meetings(db, case)
    assert case.stage == Stage.MEETING_SCHEDULED and meeting.held_on is None
    # 2:30 PM Pacific (standard time) is 22:30 UTC.
    assert meeting.scheduled_at.replace(tzinfo=timezone.utc) == datetime(
        2026, 11, 25, 22, 30, tzinfo=timezone.utc
    )
    assert [(a.role, a.name) for a in meeting.attendees] == [("ec", "Ana Reyes")]
    page = client.get(_url(case)).text
    assert "Meeting scheduled for 11/25/2026 at 2:30 PM (Shelter)" in text_of(page)
    assert "Scheduled for 11/25/2026 at 2:30 PM (Shelter)" in by_id(page, "meeting-state").text
    history = _history(client, case)
    assert "Joint meeting scheduled" in history
    assert "Scheduled for: (blank) → 11/25/2026 at 2:30 PM" in history
    assert "Place: (blank) → Shelter: Family shelter, room B" in history
    assert "Stage: Assigned → Meeting scheduled" in history
    # Moved to Friday: the same meeting, "schedule changed".
    assert _save(client, case, dict(SCHEDULE, scheduled_date="11/27/2026")).status_code == 303
    assert "Joint meeting schedule changed" in _history(client, case)
    assert len(_meetings(db, case)) == 1


def test_bad_schedule_is_answered_next_to_the_field_and_nothing_is_saved(client, auth, db, team):
    case = _case(db, team["ana"])  # identified 11/18, assigned 11/20
    auth.login("ana.ec@example.org")
    page = _save(client, case, dict(SCHEDULE, scheduled_date="11/19/2026"))
    assert page.status_code == 200
    assert by_id(page.text, "scheduled_date-error").text == (
        "The meeting date cannot be before the case was assigned (11/20/2026)."
    )
    assert field_value(page.text, "location_detail") == "Family shelter, room B"
    page = _save(client, case, dict(SCHEDULE, scheduled_time="", scheduled_date="13/45/2026"))
    assert by_id(page.text, "scheduled_time-error").text == "Enter the meeting time."
    assert "month/day/year" in by_id(page.text, "scheduled_date-error").text
    assert field_value(page.text, "scheduled_date") == "13/45/2026"
    db.expire_all()
    assert _meetings(db, case) == [] and case.stage == Stage.ASSIGNED


def test_without_a_social_worker_the_meeting_is_saved_but_blocked(client, auth, db, team):
    case = _case(db, team["ana"], sw=None)
    auth.login("ana.ec@example.org")
    page = _save(client, case, SCHEDULE)
    assert page.status_code == 200
    assert "Saved, but the case cannot move on yet" in page.text
    assert "Record the social worker on the Assign step first." in page.text
    db.expire_all()
    assert len(_meetings(db, case)) == 1 and case.stage == Stage.ASSIGNED
    # The page shows the saved meeting with its new version: saving again is not a conflict.
    again = _save(client, case, SCHEDULE)
    assert "while you were editing" not in again.text


def test_a_case_not_yet_assigned_is_refused_and_the_typing_kept(client, auth, db, team):
    # security.md 12: the meeting comes after the assignment; nothing is saved early (409).
    case = _case(db, team["ana"], stage=Stage.CONFIRMED, assigned_on=None)
    auth.login("ana.ec@example.org")
    for held, data in ((False, SCHEDULE), (True, HELD)):
        page = _save(client, case, data, held=held)
        assert page.status_code == 409
        assert "“Joint meeting” comes later: finish “Assign” first." in page.text
        assert "Unsaved changes from" in client.get(_url(case, held)).text
    db.expire_all()
    assert len(_meetings(db, case)) == 0 and case.stage == Stage.CONFIRMED


def test_a_second_worker_creating_the_meeting_gets_the_conflict_banner(app, client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    html = client.get(_url(case)).text
    other = app.test_client()
    Auth(other).login("sam.sup@example.org")
    assert _save(other, case, SCHEDULE).status_code == 303
    mine = dict(SCHEDULE, location_detail="Library room 2", csrf_token=csrf_token(html), version="")
    page = client.post(_url(case), data=mine)
    assert page.status_code == 200
    assert "Sam Supervisor saved this case" in page.text
    assert field_value(page.text, "location_detail") == "Library room 2"
    db.expire_all()
    (meeting,) = _meetings(db, case)
    assert meeting.location_detail == "Family shelter, room B"
    # An old version of an existing meeting is refused the same way, on both forms.
    stale = dict(mine, version=str(meeting.version_id - 1))
    assert "saved this case" in client.post(_url(case), data=stale).text
    held = dict(HELD, csrf_token=csrf_token(html), version=str(meeting.version_id - 1))
    assert "saved this case" in client.post(_url(case, held=True), data=held).text


def test_two_first_saves_at_the_same_instant_leave_one_meeting(client, auth, db, team, monkeypatch):
    """The other worker's first save commits while this request runs: the case version moved."""
    import blueprints.wizard.meeting as step
    from models.base import utcnow
    from models.queries.case_facts import latest_meeting

    case = _case(db, team["ana"], sw=None)  # no stage move: only the creation bumps the case
    auth.login("ana.ec@example.org")

    def other_worker_wins(session, this_case):
        if not _meetings(db, case):
            db.add(Meeting(case_id=case.id, location_detail="Theirs"))
            db.get(type(case), case.id).updated_at = utcnow()
            db.commit()
            return None  # what this request read just before
        return latest_meeting(session, this_case)

    html = client.get(_url(case)).text
    monkeypatch.setattr(step, "latest_meeting", other_worker_wins)
    page = client.post(_url(case), data=dict(SCHEDULE, csrf_token=csrf_token(html), version=""))
    assert page.status_code == 200 and "saved this case" in page.text
    db.expire_all()
    assert [m.location_detail for m in _meetings(db, case)] == ["Theirs"]


def test_typing_is_kept_as_a_draft_per_form_and_restored(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    for held, step, data, name, typed in (
        (False, "meeting", SCHEDULE, "location_detail", "Family shelter, room B"),
        (True, "meeting_held", dict(HELD, needs="Bus pass"), "needs", "Bus pass"),
    ):
        url = _url(case, held)
        draft = post_form(client, url, f"/cases/{case.id}/{step}/draft", data, headers=HX)
        assert draft.status_code == 200
        page = client.get(url).text
        assert "Unsaved changes from" in page and field_value(page, name).strip() == typed
    # The two drafts are apart: saving the schedule leaves the record's draft.
    assert _save(client, case, SCHEDULE).status_code == 303
    assert "Unsaved changes from" not in client.get(_url(case)).text
    assert "Unsaved changes from" in client.get(_url(case, held=True)).text
    # Without htmx the draft post goes back to the record page; discarding it empties the form.
    held_url = _url(case, held=True)
    plain = post_form(client, held_url, f"/cases/{case.id}/meeting_held/draft", HELD)
    assert plain.status_code == 303 and plain.headers["Location"] == held_url
    gone = post_form(client, held_url, f"/cases/{case.id}/meeting_held/draft/discard", {})
    assert gone.headers["Location"].startswith(held_url)
    assert "Unsaved changes from" not in client.get(held_url).text


def test_supervisor_can_save_for_the_unit(client, auth, db, team):
    case = _case(db, team["ben"])
    auth.login("sam.sup@example.org")
    assert _save(client, case, SCHEDULE).status_code == 303
    db.expire_all()
    assert case.stage == Stage.MEETING_SCHEDULED
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "meeting")).one()
    assert event.user_id == team["sup"].id


def test_other_unit_gets_404_and_admin_403(client, auth, db, team):
    case = _case(db, team["ana"])
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    db.commit()
    auth.login("olga.ec@example.org")
    for held, data in ((False, SCHEDULE), (True, HELD)):
        assert client.get(_url(case, held)).status_code == 404
        token = auth.csrf()
        assert client.post(_url(case, held), data=dict(data, csrf_token=token)).status_code == 404
    auth.logout()
    auth.login("ada.admin@example.org")
    for held, data in ((False, SCHEDULE), (True, HELD)):
        assert client.get(_url(case, held)).status_code == 403
        token = csrf_token(client.get("/account").text)
        assert client.post(_url(case, held), data=dict(data, csrf_token=token)).status_code == 403
    db.expire_all()
    assert _meetings(db, case) == []


def test_the_two_forms_link_to_each_other(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    for held in (False, True):
        nav = parse(client.get(_url(case, held)).text).one("nav.tandem-meeting-parts")
        links = {a.text: a.get("href") for a in nav.select("a")}
        assert links == {
            "1. Schedule the meeting": _url(case),
            "2. Record the meeting held": _url(case, held=True),
        }
        current = nav.one("[aria-current=page]").text
        assert current == ("2. Record the meeting held" if held else "1. Schedule the meeting")
