"""Issue 13: dates on the steps have sane bounds (not before the case or the event they follow,
not after today when they record something done, not absurdly old). Each message is next to its
field and says what the limit is; what was typed is kept; nothing is saved."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from models import MutualCase, NoncomplianceEpisode, TrackingEntry
from models.enums import Stage
from tests import factories as f
from tests.factories import make_plan
from tests.helpers import post_form
from tests.html import csrf_token, elements, field_value, text_of
from tests.web.wizard.helpers import IDENTIFY
from tests.web.wizard.noncompliance_helpers import list_url, open_episode


def _new(client, **changes):
    return post_form(client, "/cases/new", "/cases/new", dict(IDENTIFY, **changes))


def _cases(db):
    return db.scalar(select(func.count()).select_from(MutualCase))


def test_date_identified_not_in_the_future_nor_absurdly_old(client, auth, db, team):
    auth.login("ana.ec@example.org")
    page = _new(client, identified_on="12/01/2026")
    assert page.status_code == 200
    assert text_of(page.text, "#identified_on-error") == (
        "Must be on or before 11/23/2026, today: record it once it has happened."
    )
    assert field_value(page.text, "identified_on") == "12/01/2026"
    page = _new(client, identified_on="11/20/1926").text
    assert text_of(page, "#identified_on-error") == (
        "Must be on or after 11/23/2023, 3 years ago: check the year."
    )
    assert field_value(page, "identified_on") == "11/20/1926"
    assert _cases(db) == 0
    assert _new(client, identified_on="11/24/2023").status_code == 302


def test_date_identified_not_after_the_assignment(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.ASSIGNED, assigned_on=date(2026, 11, 20))
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/identify"
    page = post_form(client, url, url, dict(IDENTIFY, identified_on="11/21/2026")).text
    assert text_of(page, "#identified_on-error") == (
        "Must be on or before 11/20/2026, the date the case was assigned."
    )
    db.expire_all()
    assert db.get(MutualCase, case.id).identified_on == date(2026, 11, 18)


def test_a_case_identified_long_ago_keeps_its_date(client, auth, db, team):
    """A long case saved with an old date can still be corrected without a false refusal."""
    case = f.case(
        db, team["ana"], stage=Stage.ASSIGNED, identified_on=date(2022, 1, 5),
        assigned_on=date(2022, 1, 10),
    )  # fmt: skip
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/identify"
    page = post_form(client, url, url, dict(IDENTIFY, identified_on="01/01/2022")).text
    assert text_of(page, "#identified_on-error") == (
        "Must be on or after 01/05/2022, the date identified saved on the case."
    )
    response = post_form(client, url, url, dict(IDENTIFY, identified_on="01/06/2022"))
    assert response.status_code == 302


def _active(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 10, 1))
    make_plan(db, case)  # signed 11/02/2026, the period starts 11/02/2026
    db.commit()
    return case


def test_attendance_weeks_start_with_the_plan(client, auth, db, team):
    case = _active(db, team)
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/track?week=2026-10-19").text
    assert text_of(page, "#week-note") == (
        "Attendance is recorded from the week of 11/02/2026, the week of the day the plan "
        "started (11/02/2026): earlier weeks cannot be recorded. Showing the first week."
    )
    assert text_of(page, "#week-heading") == "Week of 11/02/2026 to 11/08/2026"
    assert text_of(page, "#first-week") == "The first week of the plan."
    assert not elements(page, "a[rel=prev]")
    later = client.get(f"/cases/{case.id}/track?week=2026-11-16").text
    assert elements(later, "a[rel=prev]")
    token = csrf_token(page)
    response = client.post(f"/cases/{case.id}/track/week/2026-10-26", data={"csrf_token": token})
    assert response.status_code == 303
    flashed = client.get(response.headers["Location"]).text
    assert "Attendance is recorded from the week of 11/02/2026" in flashed
    assert db.scalar(select(func.count()).select_from(TrackingEntry)) == 0


def test_the_missed_day_is_within_the_case_and_before_the_notice(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 5, 1))
    make_plan(db, case)
    db.commit()
    auth.login("ana.ec@example.org")
    page = open_episode(client, case, missed_on="06/05/2026")
    assert page.status_code == 200
    assert text_of(page.text, "#missed_on-error") == (
        "Must be on or before 06/01/2026, the date the notice was issued."
    )
    assert field_value(page.text, "missed_on") == "06/05/2026"
    page = open_episode(client, case, missed_on="04/20/2026").text
    assert text_of(page, "#missed_on-error") == (
        "Must be on or after 05/01/2026, the date the case was identified."
    )
    assert db.scalar(select(func.count()).select_from(NoncomplianceEpisode)) == 0
    assert open_episode(client, case).status_code in (302, 303)
    assert client.get(list_url(case)).status_code == 200
