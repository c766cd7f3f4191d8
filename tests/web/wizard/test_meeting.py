"""Step 3, Joint meeting: the target date (R-MT-01/02, §e Q3), scheduling and holding the meeting,
the agenda (R-MT-03/04), the integration decision and referrals (R-MT-05), access."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select

from models import CaseEvent, Meeting
from models.enums import IntegrationConsent, Role, Stage
from models.meeting import AGENDA_ITEMS
from models.people import SocialWorker
from models.programs import Referral
from tests import factories as f
from tests.helpers import HX, Auth, post_form
from tests.html import csrf_token

SCHEDULE = {
    "scheduled_date": "2026-11-25",
    "scheduled_time": "14:30",
    "location_kind": "shelter",
    "location_detail": "Family shelter, room B",
    "integration": "pending",
}
HELD = dict(
    SCHEDULE,
    scheduled_date="2026-11-23",
    scheduled_time="09:00",
    held_on="2026-11-23",
    client_attended="y",
    **{name: "y" for name, _label in AGENDA_ITEMS},
)


def _url(case):
    return f"/cases/{case.id}/meeting"


def _save(client, case, data):
    return post_form(client, _url(case), _url(case), data)


def _case(db, worker, sw="Dana Social", **kw):
    case = f.case(db, worker, **kw)
    if sw:
        case.child_welfare_case.social_worker = SocialWorker(county_id=case.county_id, name=sw)
    db.commit()
    return case


def _meetings(db, case):
    return db.scalars(select(Meeting).where(Meeting.case_id == case.id)).all()


def _history(client, case):
    return client.get(f"/cases/{case.id}/history").text


def test_due_date_five_working_days_after_assignment_skips_thanksgiving(client, auth, db, team):
    case = _case(db, team["ana"], assigned_on=date(2026, 11, 20))  # a Friday
    auth.login("ana.ec@example.org")
    page = client.get(_url(case)).text
    assert 'datetime="2026-12-01"' in page and "Tue 12/01/2026" in page
    assert "in 8 days" in page
    assert "5 working days after assignment (R-MT-01)" in page
    assert "not a statutory deadline" in page and "ideally" in page
    assert "Overdue" not in page


def test_a_meeting_past_its_target_and_not_held_is_flagged_overdue(client, auth, db, team):
    case = _case(db, team["ana"], assigned_on=date(2026, 11, 2))  # due Mon 11/09
    auth.login("ana.ec@example.org")
    page = client.get(_url(case)).text
    assert "Mon 11/09/2026" in page and "Overdue 14 days" in page
    _save(client, case, HELD)  # held late: no longer flagged
    page = client.get(_url(case)).text
    assert "Overdue" not in page and "held on 11/23/2026" in page


def test_custody_case_is_due_the_court_day_before_the_jurisdiction_hearing(client, auth, db, team):
    case = _case(db, team["ana"], custody=True, removed_on=date(2026, 11, 16))
    case.child_welfare_case.jurisdiction_hearing_on = date(2026, 12, 14)  # a Monday
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(_url(case)).text
    assert "Fri 12/11/2026" in page and "in 18 days" in page
    assert "the court day before the jurisdiction hearing (R-MT-02)" in page
    no_dates = _case(db, team["ana"], custody=True, first="Ines")
    page = client.get(_url(no_dates)).text
    assert "enter the jurisdiction hearing date (or the removal date) on the Identify step" in page
    assert f'href="/cases/{no_dates.id}/identify"' in page and "Hold by" not in page


def test_orange_shows_the_county_setting_and_no_topics(client, auth, db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = _case(db, oscar)
    auth.login("oscar.ec@example.org")
    page = client.get(_url(case)).text
    assert "County setting (proposed default, to confirm)" in page
    assert "Orange County's policy sets no day count for the joint meeting (§e Q3)" in page
    assert "Hold by" not in page
    assert "topics to go over" not in page and "Agenda (R-MT-03)" in page
    assert "CFS social worker" in page and "FSP" not in page  # Orange runs no FSP (§c1)


def test_santa_clara_shows_the_topics_and_prefills_who_takes_part(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = client.get(_url(case)).text
    assert "Santa Clara: topics to go over (R-MT-04)" in page
    assert "The 60-month time-on-aid clock" in page
    for name in ("Ana Reyes", "Dana Social", "Maria Lopez"):
        assert f'value="{name}"' in page
    assert 'id="attendees-3-name"' in page  # four rows, the last one empty


def test_scheduling_moves_the_case_and_is_in_the_history(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    data = dict(SCHEDULE, **{"attendees-0-role": "ec", "attendees-0-name": "Ana Reyes"})
    response = _save(client, case, data)
    assert response.status_code == 302 and response.headers["Location"] == _url(case)
    db.expire_all()
    (meeting,) = _meetings(db, case)
    assert case.stage == Stage.MEETING_SCHEDULED
    # 2:30 PM Pacific (standard time) is 22:30 UTC.
    assert meeting.scheduled_at.replace(tzinfo=timezone.utc) == datetime(
        2026, 11, 25, 22, 30, tzinfo=timezone.utc
    )
    assert [(a.role, a.name) for a in meeting.attendees] == [("ec", "Ana Reyes")]
    page = client.get(_url(case)).text
    assert "Meeting saved." in page and 'value="14:30"' in page
    history = _history(client, case)
    assert "Joint meeting recorded" in history
    assert "Scheduled for:</strong> (blank) → 2026-11-25 14:30" in history
    assert "Place:</strong> (blank) → Shelter: Family shelter, room B" in history
    assert "Stage: Assigned → Meeting scheduled" in history


def test_held_with_the_agenda_moves_to_meeting_held_and_on_to_the_plan(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = _save(client, case, HELD)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{case.id}/plan"
    db.expire_all()
    assert case.stage == Stage.MEETING_HELD
    (meeting,) = _meetings(db, case)
    assert meeting.held_on == date(2026, 11, 23) and meeting.agenda_next_steps
    assert meeting.due_on == date(2026, 12, 1) and meeting.due_rule == "five_working_days"
    history = _history(client, case)
    assert "Stage: Assigned → Meeting scheduled" in history
    assert "Stage: Meeting scheduled → Meeting held" in history
    assert "Agenda items covered:</strong> (blank) → Strengths, barriers" in history


def test_bad_input_is_answered_next_to_the_field_and_nothing_is_saved(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = _save(client, case, dict(HELD, held_on="2026-11-24"))
    assert page.status_code == 200
    assert "The date the meeting was held cannot be after today (11/23/2026)." in page.text
    assert 'value="2026-11-24"' in page.text and 'value="Family shelter, room B"' in page.text
    page = _save(client, case, dict(HELD, scheduled_date="2026-11-23", held_on="2026-11-20"))
    assert "cannot be before the date it was scheduled for (11/23/2026)" in page.text
    page = _save(client, case, dict(SCHEDULE, scheduled_time=""))
    assert "Enter the meeting time too." in page.text
    page = _save(client, case, dict(SCHEDULE, integration="declined"))
    assert "Say why the client declined integration" in page.text
    db.expire_all()
    assert _meetings(db, case) == [] and case.stage == Stage.ASSIGNED


def test_declined_with_a_reason_keeps_separate_plans_until_the_client_agrees(
    client, auth, db, team
):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    note = "Wants to keep the court plan separate."
    response = _save(client, case, dict(SCHEDULE, integration="declined", integration_note=note))
    assert response.status_code == 302
    db.expire_all()
    assert case.stage == Stage.INTEGRATION_DECLINED
    assert case.integration_consent == IntegrationConsent.DECLINED
    assert case.integration_note == note
    page = client.get(_url(case)).text
    assert "separate DFCS and CWES plans (R-MT-05)" in page
    assert "Integration decision:</strong> Not decided yet → Declined" in _history(client, case)
    # Later the client agrees at the meeting: back on the integrated path.
    response = _save(client, case, dict(HELD, integration="agreed", integration_note=note))
    assert response.headers["Location"] == f"/cases/{case.id}/plan"
    db.expire_all()
    assert case.stage == Stage.MEETING_HELD


def test_fsp_referral_needs_integration_agreed_and_is_made_once(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = _save(client, case, dict(SCHEDULE, referrals=["fsp", "fup"]))
    assert page.status_code == 200
    assert "The client must accept integration before an FSP referral (R-MT-05)" in page.text
    assert db.scalars(select(Referral)).all() == []
    response = _save(client, case, dict(SCHEDULE, integration="agreed", referrals=["fsp", "fup"]))
    assert response.status_code == 302
    _save(client, case, dict(SCHEDULE, integration="agreed", referrals=["fsp"]))
    rows = db.scalars(select(Referral).where(Referral.case_id == case.id)).all()
    assert sorted((r.program, r.referred_on) for r in rows) == [
        ("fsp", date(2026, 11, 23)),
        ("fup", date(2026, 11, 23)),
    ]
    page = client.get(_url(case)).text
    assert "(referred 11/23/2026)" in page


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
    page = _save(client, case, SCHEDULE)
    assert page.status_code == 409
    assert "“Joint meeting” comes later: finish “Assign” first." in page.text
    db.expire_all()
    assert len(_meetings(db, case)) == 0 and case.stage == Stage.CONFIRMED
    assert "Unsaved changes from" in client.get(_url(case)).text


def test_a_second_worker_creating_the_meeting_gets_the_conflict_banner(app, client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    html = client.get(_url(case)).text
    other = app.test_client()
    Auth(other).login("sam.sup@example.org")
    assert _save(other, case, SCHEDULE).status_code == 302
    mine = dict(SCHEDULE, location_detail="Library room 2", csrf_token=csrf_token(html), version="")
    page = client.post(_url(case), data=mine)
    assert page.status_code == 200
    assert "Sam Supervisor saved this case" in page.text
    assert 'value="Library room 2"' in page.text
    db.expire_all()
    (meeting,) = _meetings(db, case)
    assert meeting.location_detail == "Family shelter, room B"
    # An old version of an existing meeting is refused the same way.
    stale = dict(mine, version=str(meeting.version_id - 1))
    assert "saved this case" in client.post(_url(case), data=stale).text


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


def test_typing_is_kept_as_a_draft_and_restored(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    draft = post_form(
        client,
        _url(case),
        f"/cases/{case.id}/meeting/draft",
        SCHEDULE,
        headers=HX,
    )
    assert draft.status_code == 200
    page = client.get(_url(case)).text
    assert "Unsaved changes from" in page and 'value="Family shelter, room B"' in page
    assert _save(client, case, SCHEDULE).status_code == 302
    assert "Unsaved changes from" not in client.get(_url(case)).text


def test_supervisor_can_save_for_the_unit(client, auth, db, team):
    case = _case(db, team["ben"])
    auth.login("sam.sup@example.org")
    assert _save(client, case, SCHEDULE).status_code == 302
    db.expire_all()
    assert case.stage == Stage.MEETING_SCHEDULED
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "meeting")).one()
    assert event.user_id == team["sup"].id


def test_other_unit_gets_404_and_admin_403(client, auth, db, team):
    case = _case(db, team["ana"])
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    db.commit()
    auth.login("olga.ec@example.org")
    assert client.get(_url(case)).status_code == 404
    token = auth.csrf()
    assert client.post(_url(case), data=dict(SCHEDULE, csrf_token=token)).status_code == 404
    auth.logout()
    auth.login("ada.admin@example.org")
    assert client.get(_url(case)).status_code == 403
    token = csrf_token(client.get("/account").text)
    assert client.post(_url(case), data=dict(SCHEDULE, csrf_token=token)).status_code == 403
    db.expire_all()
    assert _meetings(db, case) == []
