"""Step 3, Joint meeting, second form "Record the meeting held": the day it took place (earlier
than scheduled, or never scheduled), who was there, the county's agenda (R-MT-03/04/06), the
integration decision and referrals (R-MT-05)."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select

from models.enums import IntegrationConsent, Stage
from models.programs import Referral
from tests import factories as f
from tests.html import by_id, field_value, text_of
from tests.web.wizard.test_meeting import HELD, SCHEDULE, _case, _history, _meetings, _save, _url


def _record(client, case, data):
    return _save(client, case, data, held=True)


def test_held_earlier_than_scheduled_is_accepted_and_goes_on_to_the_plan(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    assert _save(client, case, SCHEDULE).status_code == 303  # planned for Wed 11/25
    page = client.get(_url(case, held=True)).text
    assert field_value(page, "attendees-0-name") == "Ana Reyes"  # the people invited
    ana = {"attendees-0-role": "ec", "attendees-0-name": "Ana Reyes", "attendees-0-present": "y"}
    response = _record(client, case, dict(HELD, **ana))
    assert response.status_code == 303
    assert response.headers["Location"] == f"/cases/{case.id}/plan"
    db.expire_all()
    assert case.stage == Stage.MEETING_HELD
    (meeting,) = _meetings(db, case)
    assert meeting.held_on == date(2026, 11, 23)  # two days before the day it was planned
    assert meeting.scheduled_at.replace(tzinfo=timezone.utc) == datetime(
        2026, 11, 25, 22, 30, tzinfo=timezone.utc
    )  # the schedule is kept as it was
    assert [(a.name, a.present) for a in meeting.attendees] == [("Ana Reyes", True)]
    assert meeting.due_on == date(2026, 12, 1) and meeting.due_rule == "five_working_days"
    plan = text_of(client.get(f"/cases/{case.id}/plan").text)
    assert "Meeting held on 11/23/2026 recorded. Next: build the plan with the client." in plan
    history = _history(client, case)
    assert "Joint meeting held on 11/23/2026 recorded" in history
    assert "Held on: (blank) → 11/23/2026" in history
    assert "Stage: Meeting scheduled → Meeting held" in history
    assert "Agenda items covered: (blank) → Strengths, barriers" in history
    state = by_id(client.get(_url(case)).text, "meeting-state").text
    assert state == "Scheduled for 11/25/2026 at 2:30 PM (Shelter) · held on 11/23/2026"


def test_a_meeting_held_on_the_spot_is_recorded_without_scheduling_it(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = _record(client, case, HELD)
    assert response.headers["Location"] == f"/cases/{case.id}/plan"
    db.expire_all()
    (meeting,) = _meetings(db, case)
    assert case.stage == Stage.MEETING_HELD and meeting.scheduled_at is None
    history = _history(client, case)
    assert "Stage: Assigned → Meeting scheduled" in history
    assert "Stage: Meeting scheduled → Meeting held" in history


def test_the_record_page_asks_only_about_the_meeting_held(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    form = by_id(client.get(_url(case, held=True)).text, "record-form")
    for name in ("scheduled_date", "scheduled_time", "location_kind", "location_detail"):
        assert field_value(form, name) is None, name
    hint = by_id(form, "held_on-hint").text
    assert "even if earlier or later than scheduled" in hint
    assert "from 11/20/2026 (case assigned) up to today" in hint
    assert "Topics gone over (R-MT-04)" in form.text  # Santa Clara's rule
    assert "The 60-month time-on-aid clock" in form.text
    for name in ("Ana Reyes", "Dana Social", "Maria Lopez"):
        assert name in [field_value(form, f"attendees-{i}-name") for i in range(4)]


def test_orange_records_its_own_agenda_and_no_topics(client, auth, db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = _case(db, oscar)
    auth.login("oscar.ec@example.org")
    form = by_id(client.get(_url(case, held=True)).text, "record-form").text
    assert "Agenda (R-MT-06)" in form and "Topics gone over" not in form
    assert "Told the social worker the client must take part in WTW unless exempt" in form
    assert "CFS social worker" in form and "FSP" not in form  # Orange runs no FSP (§c1)
    ticks = {"agenda_expectations": "y", "agenda_cw_activities": "y"}
    data = {"held_on": "11/23/2026", "integration": "pending", **ticks}
    assert _record(client, case, data).status_code == 303
    history = _history(client, case)
    assert (
        "Agenda items covered: (blank) → Told the social worker the client must take part in WTW "
        "unless exempt; Child-welfare case plan discussed and reviewed" in history
    )


def test_bad_record_is_answered_next_to_the_field_and_nothing_is_saved(client, auth, db, team):
    case = _case(db, team["ana"])  # identified 11/18, assigned 11/20
    auth.login("ana.ec@example.org")
    page = _record(client, case, dict(HELD, held_on="11/24/2026", needs="Bus pass"))
    assert page.status_code == 200
    assert by_id(page.text, "held_on-error").text == (
        "The date the meeting was held cannot be after today (11/23/2026)."
    )
    assert field_value(page.text, "held_on") == "11/24/2026"
    assert field_value(page.text, "needs").strip() == "Bus pass"
    page = _record(client, case, dict(HELD, held_on="11/19/2026"))
    assert by_id(page.text, "held_on-error").text == (
        "The date the meeting was held cannot be before the case was assigned (11/20/2026)."
    )
    page = _record(client, case, dict(HELD, held_on=""))
    assert by_id(page.text, "held_on-error").text == "Enter the date the meeting was held."
    page = _record(client, case, dict(HELD, integration="declined"))
    assert (
        "Say why the client declined integration" in by_id(page.text, "integration_note-error").text
    )
    db.expire_all()
    assert _meetings(db, case) == [] and case.stage == Stage.ASSIGNED


def test_declined_with_a_reason_keeps_separate_plans_until_the_client_agrees(
    client, auth, db, team
):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    note = "Wants to keep the court plan separate."
    response = _record(client, case, dict(HELD, integration="declined", integration_note=note))
    assert response.status_code == 303
    db.expire_all()
    assert case.stage == Stage.INTEGRATION_DECLINED
    assert case.integration_consent == IntegrationConsent.DECLINED
    assert case.integration_note == note
    page = text_of(client.get(_url(case, held=True)).text)
    assert "separate DFCS and CWES plans (R-MT-05)" in page
    assert "Integration decision: Not decided yet → Declined" in _history(client, case)
    # Later the client agrees: back on the integrated path.
    response = _record(client, case, dict(HELD, integration="agreed", integration_note=note))
    assert response.headers["Location"] == f"/cases/{case.id}/plan"
    db.expire_all()
    assert case.stage == Stage.MEETING_HELD


def test_fsp_referral_needs_integration_agreed_and_is_made_once(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = _record(client, case, dict(HELD, integration="pending", referrals=["fsp", "fup"]))
    assert page.status_code == 200
    assert "The client must accept integration before an FSP referral (R-MT-05)" in (
        by_id(page.text, "referrals-error").text
    )
    assert db.scalars(select(Referral)).all() == []
    held_friday = dict(HELD, held_on="11/20/2026", referrals=["fsp", "fup"])
    assert _record(client, case, held_friday).status_code == 303
    _record(client, case, dict(HELD, referrals=["fsp"]))
    rows = db.scalars(select(Referral).where(Referral.case_id == case.id)).all()
    assert sorted((r.program, r.referred_on) for r in rows) == [
        ("fsp", date(2026, 11, 20)),  # referred on the day of the meeting
        ("fup", date(2026, 11, 20)),
    ]
    assert "(referred 11/20/2026)" in text_of(client.get(_url(case, held=True)).text)


def test_rescheduling_after_the_record_keeps_who_was_there(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    ana = {"attendees-0-role": "ec", "attendees-0-name": "Ana Reyes", "attendees-0-present": "y"}
    assert _record(client, case, dict(HELD, **ana)).status_code == 303
    data = dict(SCHEDULE, **{"attendees-1-role": "sw", "attendees-1-name": "Dana Social"})
    assert _save(client, case, data).status_code == 303
    db.expire_all()
    (meeting,) = _meetings(db, case)
    assert [(a.name, a.present) for a in meeting.attendees] == [
        ("Ana Reyes", True),
        ("Dana Social", False),
    ]
    assert case.stage == Stage.MEETING_HELD and meeting.held_on == date(2026, 11, 23)
