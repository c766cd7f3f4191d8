"""Track: time on aid (R-TC-02, R-TC-03, R-TC-05, §e Q9). The months used as read from CalSAWS,
the months left of the 60, and the months that do not count: good cause for at least half of
the month's hours and months under sanction."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEvent, CaseEvent, GoodCause, NoncomplianceEpisode
from models.enums import NoncomplianceStatus, Stage
from tests import factories as f
from tests.factories import make_plan
from tests.html import by_id, csrf_token, definitions, field_value, text_of


@pytest.fixture
def active(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 1, 5))
    make_plan(db, case)
    db.commit()
    return case


def _post(client, case, data):
    token = csrf_token(client.get(f"/cases/{case.id}/track").text)
    return client.post(f"/cases/{case.id}/time-on-aid", data={"csrf_token": token, **data})


def test_the_section_sits_after_the_plan_and_asks_for_the_count(client, auth, active):
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/track").text
    section = by_id(page, "time-on-aid")
    plan = by_id(page, "track-plan-heading")
    assert plan.order < section.order
    assert "have not been read from CalSAWS yet" in text_of(section, "#toa-not-read")
    assert "From 12/01/2025 (the last 12 months)" in section.text
    assert "None: no good cause" in text_of(section, "#toa-all-counted")
    assert field_value(page, "toa-as_of") == "2026-11-23"
    form = by_id(page, "time-on-aid-form")
    assert form.get("action") == f"/cases/{active.id}/time-on-aid#time-on-aid"


def test_the_months_used_are_recorded_with_the_day_they_were_read(client, auth, db, active):
    auth.login("ana.ec@example.org")
    response = _post(client, active, {"toa-months_used": "34", "toa-as_of": "11/20/2026"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/track#time-on-aid")
    page = client.get(f"/cases/{active.id}/track").text
    assert definitions(page, "#toa-summary") == {
        "Months used": "34 of 60",
        "Months left": "26",
        "Read from CalSAWS on": "11/20/2026",
    }
    assert "Time on aid: 34 months used as of 11/20/2026." in text_of(page)
    db.expire_all()
    assert active.participant.toa_months_used == 34
    assert active.participant.toa_as_of == date(2026, 11, 20)
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "time_on_aid")).one()
    assert event.summary == "Time on aid from CalSAWS: 34 of 60 months used, as of 11/20/2026"
    assert "Months used" in event.changes and "2026-11-20" in event.changes
    audit = db.scalars(select(AuditEvent).where(AuditEvent.action == "time_on_aid_update")).one()
    assert audit.object_type == "participant"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"toa-months_used": "61"}, "toa-months_used-error", "Enter 0 to 60 months."),
        ({"toa-months_used": ""}, "toa-months_used-error", "Enter the months used, 0 to 60"),
        ({"toa-months_used": "many"}, "toa-months_used-error", "Not a valid integer value"),
        ({"toa-as_of": "11/30/2026"}, "toa-as_of-error", "cannot be after today (11/23/2026)"),
        ({"toa-as_of": ""}, "toa-as_of-error", "Enter the date as month/day/year"),
    ],
)
def test_a_count_that_cannot_be_right_is_refused_next_to_its_field(
    client, auth, db, active, data, field, message
):
    auth.login("ana.ec@example.org")
    response = _post(client, active, {"toa-months_used": "12", "toa-as_of": "11/20/2026", **data})
    assert response.status_code == 200
    assert message in text_of(response.text, f"#{field}")
    assert "Not saved yet" in text_of(response.text, "#time-on-aid #error-summary")
    assert 'id="attendance"' in response.text  # the rest of Track is still there
    db.expire_all()
    assert active.participant.toa_as_of is None


def test_good_cause_for_half_a_month_and_sanctioned_months_are_listed(client, auth, db, active):
    active.participant.toa_months_used, active.participant.toa_as_of = 30, date(2026, 6, 30)
    db.add_all(
        [
            GoodCause(  # E24: six weeks of illness from 2026-07-06
                case_id=active.id,
                reason="illness",
                start_on=date(2026, 7, 6),
                end_on=date(2026, 8, 16),
                covers_half_month=True,
            ),
            GoodCause(  # less than half: the month counts
                case_id=active.id,
                reason="court",
                start_on=date(2026, 10, 5),
                end_on=date(2026, 10, 6),
                covers_half_month=False,
            ),
            NoncomplianceEpisode(
                case_id=active.id,
                trigger="not_participating",
                notice_issued_on=date(2026, 1, 20),
                status=NoncomplianceStatus.CURED,
                sanction_effective_on=date(2026, 3, 1),
                cure_complete_on=date(2026, 5, 1),
            ),
        ]
    )
    db.commit()
    auth.login("ana.ec@example.org")
    section = by_id(client.get(f"/cases/{active.id}/track").text, "time-on-aid")
    listed = [li.text for li in section.select("#toa-not-counted li")]
    assert listed == [
        "August 2026: Good cause for at least half of the required hours (R-TC-03) "
        "After the count was read",
        "July 2026: Good cause for at least half of the required hours (R-TC-03) "
        "After the count was read",
        "April 2026: Sanctioned (R-TC-05)",
        "March 2026: Sanctioned (R-TC-05)",
    ]
    totals = text_of(section, "#toa-not-counted-totals")
    assert "Since the count was read: 2 months." in totals
    assert "In the last 12 months: 4 months." in totals
    assert "(the month the count was read, or 12 months back if earlier)" in section.text


def test_a_closed_case_shows_time_on_aid_but_takes_no_count(client, auth, db, active):
    active.stage = Stage.CLOSED
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/track").text
    assert 'id="time-on-aid"' in page and 'id="time-on-aid-form"' not in page
    response = _post(client, active, {"toa-months_used": "34", "toa-as_of": "11/20/2026"})
    assert response.status_code == 409
    db.expire_all()
    assert active.participant.toa_as_of is None
