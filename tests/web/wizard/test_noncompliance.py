"""Noncompliance: opening an episode on the NA 840/845, its dates under the county's day-20 rule,
the appointment and its one reschedule, the Orange SW-consultation gate, the E25 transportation
rule, withdrawal, a stale version, and who cannot be in noncompliance at all (R-NC, §e Q10/Q14).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEvent, CaseEvent, NoncomplianceEpisode
from models.enums import NoncomplianceStatus, Stage, WtwStatus
from tests import factories as f
from tests.factories import make_plan
from tests.html import by_id, element, elements, field_value, link_to, select_options, text_of
from tests.web.wizard.noncompliance_helpers import (
    act,
    episode_url,
    list_url,
    make_episode,
    open_episode,
)

S = NoncomplianceStatus


@pytest.fixture
def orange(db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(
        db, oscar, first="Hope", last="Walker", stage=Stage.PLAN_ACTIVE,
        identified_on=date(2026, 5, 1),
    )  # fmt: skip
    make_plan(db, case)
    db.commit()
    return case


@pytest.fixture
def clara(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 5, 1))
    make_plan(db, case)
    db.commit()
    return case


def _only_episode(db):
    db.expire_all()
    return db.scalars(select(NoncomplianceEpisode)).one()


def _dates(page):
    return text_of(page, "#episode-dates")


def test_e20_orange_notice_dates_sw_gate_first_and_the_good_cause_link(
    app, client, auth, db, orange
):
    app.config["TODAY"] = date(2026, 6, 8)
    auth.login("oscar.ec@example.org")
    response = open_episode(client, orange)
    assert response.status_code == 303
    episode = _only_episode(db)
    assert response.headers["Location"] == episode_url(orange, episode)
    assert episode.about_cfs_activity and episode.activity_name == "Parenting class"
    assert orange.participant.wtw_status == WtwStatus.NONCOMPLIANCE
    page = client.get(episode_url(orange, episode)).text
    # The SW gate is the first thing on the page (R-NC-09).
    assert page.index('id="sw-gate"') < page.index('id="episode-summary"')
    assert "Talk with the CFS social worker first (R-NC-09)" in text_of(page, "#sw-gate")
    dates = _dates(page)
    assert "Day 1 06/02/2026" in dates
    assert "Day 20 06/21/2026" in dates  # a Sunday: no roll-forward (§e Q10)
    assert "Earliest action date 07/01/2026" in dates
    rule = text_of(page, "#day20-rule")
    assert "calendar day, with no roll-forward" in rule and "county setting" in rule
    assert (
        link_to(page, "Record good cause: the process ends with no sanction (R-GC-04)")
        == f"/cases/{orange.id}/good-cause?episode={episode.id}"
    )
    blockers = text_of(page, "#blockers")
    assert "(R-NC-02)" in blockers and "(R-NC-09)" in blockers
    assert "disabled" in element(page, "#form-request button").attrs
    consult = {"on": "06/08/2026", "with_whom": "Dana Ruiz", "outcome": "Provider cancelled."}
    assert act(client, orange, episode, "consult", consult).status_code == 303
    page = client.get(episode_url(orange, episode)).text
    assert 'id="sw-gate"' not in page
    assert "Conferred 06/08/2026 with Dana Ruiz." in text_of(page, "#consult-recorded")
    assert "(R-NC-09)" not in text_of(page, "#blockers")
    summaries = [e.summary for e in db.scalars(select(CaseEvent).order_by(CaseEvent.id))]
    assert summaries[-2:] == [
        "NA 840: noncompliance opened, issued 06/01/2026",
        "NA 840: social worker consulted",
    ]
    opened = db.scalars(select(CaseEvent).where(CaseEvent.action == "noncompliance")).first()
    assert ("wtw_status", "WTW status", "Mandatory", "Noncompliance") in [
        (c.field, c.label, c.before, c.after) for c in opened.change_list()
    ]
    actions = {a.action for a in db.scalars(select(AuditEvent))}
    assert {"noncompliance_open", "noncompliance_consult"} <= actions


def test_the_opening_form_lists_the_signed_plans_activities_and_checks_them(
    app, client, auth, db, orange
):
    app.config["TODAY"] = date(2026, 6, 8)
    auth.login("oscar.ec@example.org")
    options = select_options(client.get(list_url(orange)).text, "activity")
    assert [o.text for o in options] == [
        "No particular activity",
        "Counseling (CFS)",
        "Parenting class (CFS)",
        "Visitation (CFS)",
        "Job club (WTW)",
        "Other (write it below)",
    ]
    wrong = open_episode(client, orange, about_cfs="no")
    assert wrong.status_code == 200
    assert "Parenting class is an activity from the child-welfare case plan" in text_of(
        wrong.text, "#about_cfs"
    )
    other = open_episode(client, orange, activity="other", activity_other="")
    assert "Write the activity's name." in text_of(other.text)
    future = open_episode(client, orange, notice_issued_on="06/09/2026")
    assert "The issue date cannot be after today (06/08/2026)." in text_of(future.text)
    missing = open_episode(client, orange, trigger="", transportation="")
    assert "Choose what happened." in text_of(missing.text)
    assert "Say whether transportation was paid in advance." in text_of(missing.text)
    assert db.scalars(select(NoncomplianceEpisode)).all() == []
    made = open_episode(client, orange, activity="other", activity_other="Anger management")
    assert made.status_code == 303 and _only_episode(db).activity_name == "Anger management"


def test_a_short_week_prefills_the_form(client, auth, db, clara):
    auth.login("ana.ec@example.org")
    page = client.get(f"{list_url(clara)}?week=2026-11-16").text
    assert field_value(page, "trigger") == "not_participating"
    assert field_value(page, "missed_on") == "2026-11-16"
    assert "Short week of 11/16/2026 to 11/22/2026" in field_value(page, "note")
    not_monday = client.get(f"{list_url(clara)}?week=2026-11-17").text
    assert field_value(not_monday, "missed_on") == ""


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (WtwStatus.FR_SERVICES_ONLY, "family reunification services only"),
        (WtwStatus.EXEMPT, "An exempt participant cannot be in noncompliance"),
        (WtwStatus.EXEMPT_VOLUNTEER, "(R-EX-09)"),
    ],
)
def test_fr_services_only_and_exempt_participants_cannot_be_opened(
    client, auth, db, clara, status, words
):
    clara.participant.wtw_status = status
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(list_url(clara)).text
    assert words in text_of(page, "#cannot-open")
    assert not elements(page, "form[id=new-episode]")
    refused = open_episode(client, clara, notice_issued_on="11/20/2026")
    assert refused.status_code == 409 and words in text_of(refused.text, "#not-saved")
    assert db.scalars(select(NoncomplianceEpisode)).all() == []
    db.expire_all()
    assert clara.participant.wtw_status == status


def test_one_appointment_by_day_20_and_one_reschedule_only(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 6, 8)
    auth.login("ana.ec@example.org")
    open_episode(client, clara, about_cfs="yes")
    episode = _only_episode(db)
    late = act(client, clara, episode, "appointment", {"on": "06/22/2026"})
    assert late.status_code == 200
    assert "must be on or before day 20 (06/21/2026) (R-NC-02)" in text_of(
        late.text, "#form-appointment"
    )
    assert _only_episode(db).appointment_on is None
    assert act(client, clara, episode, "appointment", {"on": "06/10/2026"}).status_code == 303
    again = act(client, clara, episode, "appointment", {"on": "06/11/2026"})
    assert "The appointment is set: reschedule it instead." in text_of(again.text)
    late_move = act(client, clara, episode, "reschedule", {"to": "06/25/2026"})
    assert "on or before day 20" in text_of(late_move.text, "#form-reschedule")
    assert act(client, clara, episode, "reschedule", {"to": "06/15/2026"}).status_code == 303
    page = client.get(episode_url(clara, episode)).text
    assert "rescheduled to 06/15/2026 (the one reschedule allowed)" in text_of(page, "#appointment")
    assert not elements(page, "form[id=form-reschedule]")
    twice = act(client, clara, episode, "reschedule", {"to": "06/16/2026"})
    assert twice.status_code == 200
    assert "already rescheduled once" in text_of(twice.text)
    episode = _only_episode(db)
    assert (episode.appointment_on, episode.rescheduled_to) == (
        date(2026, 6, 10),
        date(2026, 6, 15),
    )


def test_orange_cfs_activity_needs_the_sw_consult_before_any_sanction_step(
    app, client, auth, db, orange
):
    app.config["TODAY"] = date(2026, 6, 25)  # after day 20 (Jun 21)
    auth.login("oscar.ec@example.org")
    open_episode(client, orange)
    episode = _only_episode(db)
    for action in ("no_contact", "request"):
        refused = act(client, orange, episode, action)
        assert refused.status_code == 409, action
        assert "(R-NC-09)" in text_of(refused.text, "#not-saved")
    assert _only_episode(db).status == S.OPEN
    page = client.get(episode_url(orange, episode)).text
    assert "Record the consultation with the social worker first (R-NC-09)." in text_of(
        page, "#no-contact"
    )
    consult = {"on": "06/24/2026", "with_whom": "Dana Ruiz", "outcome": "No good cause."}
    act(client, orange, episode, "consult", consult)
    assert act(client, orange, episode, "no_contact").status_code == 303
    assert _only_episode(db).status == S.NO_CONTACT_DAY20
    assert act(client, orange, episode, "request").status_code == 303
    episode = _only_episode(db)
    assert episode.status == S.SANCTION_REVIEW and episode.sanction_requested_on == date(
        2026, 6, 25
    )


def test_santa_clara_has_no_sw_gate_and_no_contact_waits_for_day_20(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 6, 21)
    auth.login("ana.ec@example.org")
    open_episode(client, clara)
    episode = _only_episode(db)
    page = client.get(episode_url(clara, episode)).text
    assert 'id="sw-gate"' not in page
    assert "Possible from the day after day 20" in text_of(page, "#no-contact")
    assert act(client, clara, episode, "no_contact").status_code == 409
    app.config["TODAY"] = date(2026, 6, 22)
    assert act(client, clara, episode, "no_contact").status_code == 303
    assert _only_episode(db).status == S.NO_CONTACT_DAY20


def test_the_day_20_roll_forward_is_a_county_setting(app, client, auth, db, orange, clara):
    app.config["TODAY"] = date(2026, 6, 22)
    orange.county.day20_roll_forward = True
    db.commit()
    auth.login("oscar.ec@example.org")
    open_episode(client, orange)
    episode = _only_episode(db)
    page = client.get(episode_url(orange, episode)).text
    assert "Day 20 06/22/2026" in _dates(page)  # Sunday Jun 21 → Monday
    assert "Earliest action date 07/02/2026" in _dates(page)  # day 20 + 10 (R-NC-04)
    rule = text_of(page, "#day20-rule")
    assert "moves to the next working day" in rule and "proposed default is no roll-forward" in rule
    assert "Day 20 would be 06/21/2026 and moves to 06/22/2026" in rule
    assert "(R-NC-02)" in text_of(page, "#blockers")  # Monday is still inside the period
    assert 'Day 20: <time datetime="2026-06-22">' in client.get(f"/cases/{orange.id}/track").text
    auth.logout()
    # Santa Clara: day 20 on Juneteenth (a county office holiday) moves to Monday.
    clara.county.day20_roll_forward = True
    db.commit()
    auth.login("ana.ec@example.org")
    open_episode(client, clara, notice_issued_on="05/30/2026")
    other = db.scalars(
        select(NoncomplianceEpisode).where(NoncomplianceEpisode.case_id == clara.id)
    ).one()
    assert "Day 20 06/22/2026" in _dates(client.get(episode_url(clara, other)).text)


def test_e25_transportation_not_advanced(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 7, 21)
    auth.login("ana.ec@example.org")
    refused = open_episode(
        client, clara, notice_issued_on="07/20/2026", missed_on="07/15/2026",
        transportation="not_advanced",
    )  # fmt: skip
    assert refused.status_code == 200
    assert "(R-SS-02, E25)" in text_of(refused.text, "#transportation")
    assert db.scalars(select(NoncomplianceEpisode)).all() == []
    # Before 1 July 2026 the episode opens, but the missing bus pass is good cause (R-GC-08).
    opened = open_episode(
        client, clara, notice_issued_on="06/24/2026", missed_on="06/22/2026",
        transportation="not_advanced",
    )  # fmt: skip
    assert opened.status_code == 303
    episode = _only_episode(db)
    assert not episode.transportation_advanced
    page = client.get(episode_url(clara, episode)).text
    assert text_of(page, "#blockers") == (
        "A needed supportive service (transportation) was not provided; that is good cause, so "
        "restore active status instead of sanctioning. (R-GC-08)"
    )
    assert "disabled" in element(page, "#form-request button").attrs
    assert act(client, clara, episode, "request").status_code == 409
    assert _only_episode(db).status == S.OPEN


def test_facts_recorded_later_block_a_sanction(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 8, 20)
    episode = make_episode(
        db, clara, notice_issued_on=date(2026, 7, 20), missed_on=date(2026, 7, 15)
    )
    clara.participant.wtw_status = WtwStatus.NONCOMPLIANCE
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(episode_url(clara, episode)).text
    assert not elements(page, "#blockers")
    facts = {
        "met_state_minimum": "y",
        "exempt_during_period": "y",
        "transportation_not_advanced": "y",
    }
    assert act(client, clara, episode, "facts", facts).status_code == 303
    blockers = text_of(client.get(episode_url(clara, episode)).text, "#blockers")
    for rule in ("(R-HR-09)", "(R-EX-12)", "(R-SS-02)"):
        assert rule in blockers
    event = db.scalars(select(CaseEvent).order_by(CaseEvent.id.desc())).first()
    assert event.summary == "NA 840: facts recorded"
    assert [c.label for c in event.change_list()] == [
        "Met the state minimum hours",
        "An exemption existed during the period",
        "Transportation paid in advance",
    ]


def test_withdraw_needs_a_reason_and_restores_mandatory(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 6, 8)
    auth.login("ana.ec@example.org")
    open_episode(client, clara)
    open_episode(client, clara, notice_type="NA845")
    first, second = db.scalars(select(NoncomplianceEpisode).order_by(NoncomplianceEpisode.id))
    empty = act(client, clara, first, "withdraw", {"reason": " "})
    assert empty.status_code == 200 and "Say why it is withdrawn." in text_of(
        empty.text, "#withdraw"
    )
    act(client, clara, first, "withdraw", {"reason": "Sent to the wrong client."})
    db.expire_all()
    assert first.status == S.WITHDRAWN and first.closed_on == date(2026, 6, 8)
    assert clara.participant.wtw_status == WtwStatus.NONCOMPLIANCE  # the NA 845 is still open
    act(client, clara, second, "withdraw", {"reason": "Opened twice."})
    db.expire_all()
    assert clara.participant.wtw_status == WtwStatus.MANDATORY
    page = client.get(episode_url(clara, first)).text
    assert "Withdrawn 06/08/2026: Sent to the wrong client." in text_of(page, "#episode-notes")
    assert not elements(page, "form[id=form-withdraw]")
    event = db.scalars(select(CaseEvent).where(CaseEvent.reason != "")).first()
    assert event.reason == "Sent to the wrong client."
    assert 'id="open-noncompliance"' not in client.get(f"/cases/{clara.id}/track").text
    listing = text_of(client.get(list_url(clara)).text, "#episode-table")
    assert listing.count("Withdrawn") == 2


def test_a_stale_version_saves_nothing(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 6, 8)
    auth.login("ana.ec@example.org")
    open_episode(client, clara)
    episode = _only_episode(db)
    old = str(episode.version_id)
    act(client, clara, episode, "appointment", {"on": "06/10/2026"})
    consult = {"on": "06/08/2026", "with_whom": "Dana Ruiz", "outcome": "Talked."}
    stale = act(client, clara, episode, "consult", consult, version=old)
    assert stale.status_code == 409
    assert "Someone else changed this noncompliance" in text_of(stale.text, "#not-saved")
    assert not _only_episode(db).sw_consulted


def test_track_links_each_open_episode_with_its_words(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 6, 8)
    auth.login("ana.ec@example.org")
    open_episode(client, clara)
    episode = _only_episode(db)
    track = client.get(f"/cases/{clara.id}/track").text
    item = text_of(track, "#open-noncompliance")
    assert item.startswith("NA 840 issued 06/01/2026 (did not take part in an assigned activity)")
    assert link_to(track, "NA 840 issued 06/01/2026") == episode_url(clara, episode)
    assert by_id(client.get(list_url(clara)).text, "episode-table")


def test_an_episode_of_another_case_is_404(client, auth, db, team, clara):
    other = f.case(db, team["ben"], first="Linh", last="Nguyen")
    foreign = make_episode(db, other)
    db.commit()
    auth.login("ana.ec@example.org")
    assert client.get(episode_url(clara, foreign)).status_code == 404
    assert act_status(client, clara, foreign) == 404
    denied = db.scalars(select(AuditEvent).where(AuditEvent.action == "authz_denied")).all()
    assert {d.object_type for d in denied} == {"noncompliance_episode"}


def act_status(client, case, episode):
    token = client.get(list_url(case)).text
    from tests.html import csrf_token

    data = {"action": "consult", "version": "1", "csrf_token": csrf_token(token)}
    return client.post(episode_url(case, episode), data=data).status_code
