"""Good cause ends a noncompliance episode with no sanction (R-GC-04): the contract with the
noncompliance page. ``GET /cases/<id>/good-cause?episode=<id>`` pre-fills the form and the POST
carries a hidden ``episode``; only an open episode of this case can be ended."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEvent, GoodCause, NoncomplianceEpisode
from models.enums import NoncomplianceStatus, Stage, WtwStatus
from tests import factories as f
from tests.factories import make_plan
from tests.html import field_value, text_of
from tests.web.wizard.test_good_cause import PERIOD, _events, _post


@pytest.fixture
def active(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 10, 1))
    make_plan(db, case)
    db.commit()
    return case


@pytest.fixture
def orange(db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(db, oscar, stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 10, 1))
    make_plan(db, case)
    db.commit()
    return case


def _episode(db, case, status=NoncomplianceStatus.OPEN, **kw):
    episode = NoncomplianceEpisode(
        case_id=case.id,
        trigger="not_participating",
        notice_type="NA840",
        notice_issued_on=date(2026, 11, 10),
        missed_on=date(2026, 11, 9),
        activity_name="Parenting class",
        about_cfs_activity=True,
        sw_consulted=True,
        status=status,
        **kw,
    )
    db.add(episode)
    db.commit()
    return episode


def test_an_open_episode_prefills_the_form_and_saving_ends_it_with_no_sanction(
    client, auth, db, orange
):
    orange.participant.wtw_status = WtwStatus.NONCOMPLIANCE
    episode = _episode(db, orange)
    auth.login("oscar.ec@example.org")
    page = client.get(f"/cases/{orange.id}/good-cause?episode={episode.id}").text
    assert field_value(page, "episode") == str(episode.id)
    assert field_value(page, "start_on") == "2026-11-09"
    assert field_value(page, "recommended_by_sw") == "y"
    banner = text_of(page, "#episode-to-end")
    assert "NA 840 issued 11/10/2026" in banner and "Parenting class" in banner
    assert "with no sanction (R-GC-04)" in banner
    data = {
        "reasons": ["activity_not_available"],
        "recommended_by_sw": "y",
        "decided_on": "11/20/2026",
        "start_on": "11/09/2026",
        "isolated": "yes",
        "covers_half_month": "no",
        "verification": "Provider cancelled the class series",
        "episode": str(episode.id),
    }
    response = _post(client, orange, data)
    assert response.status_code == 303
    db.expire_all()
    record = db.scalars(select(GoodCause)).one()
    assert record.noncompliance_id == episode.id
    assert episode.status == NoncomplianceStatus.GOOD_CAUSE_FOUND
    assert episode.closed_on == date(2026, 11, 20)
    assert orange.participant.wtw_status == WtwStatus.MANDATORY
    summaries = [e.summary for e in _events(db)]
    assert "Good cause found: the noncompliance process ends with no sanction (R-GC-04)" in (
        summaries
    )
    assert summaries[-1].startswith("WTW status: Mandatory.")
    audit = db.scalars(select(AuditEvent).where(AuditEvent.action == "good_cause_add")).one()
    assert str(episode.id) in (audit.detail or "")
    page = client.get(response.headers["Location"]).text
    assert "The noncompliance ends with no sanction (R-GC-04)." in page
    assert "Ended the noncompliance of the NA 840 issued 11/10/2026" in text_of(
        page, f"#good-cause-{record.id}"
    )


def test_a_decision_before_the_notice_cannot_end_the_episode(client, auth, db, active):
    episode = _episode(db, active)
    auth.login("ana.ec@example.org")
    data = {**PERIOD, "decided_on": "11/05/2026", "episode": str(episode.id)}
    response = _post(client, active, data)
    assert response.status_code == 200
    assert "on or after 11/10/2026, the date the NA 840 this good cause ends was issued" in text_of(
        response.text, "#decided_on-error"
    )
    db.expire_all()
    assert episode.status == NoncomplianceStatus.OPEN


def test_another_cases_episode_is_not_found_and_audited(client, auth, db, team, active):
    other = f.case(db, team["ben"], stage=Stage.PLAN_ACTIVE)
    episode = _episode(db, other)
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/good-cause"
    assert client.get(f"{url}?episode={episode.id}").status_code == 404
    response = _post(client, active, {**PERIOD, "episode": str(episode.id)})
    assert response.status_code == 404
    denied = db.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "authz_denied", AuditEvent.object_type == "noncompliance"
        )
    ).all()
    assert len(denied) == 2
    db.expire_all()
    assert episode.status == NoncomplianceStatus.OPEN
    assert db.scalars(select(GoodCause)).all() == []


def test_a_closed_episode_says_so_and_cannot_be_ended_again(client, auth, db, active):
    episode = _episode(
        db, active, status=NoncomplianceStatus.SANCTIONED, closed_on=date(2026, 11, 15)
    )
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active.id}/good-cause?episode={episode.id}").text
    assert "That noncompliance is already closed (Sanctioned on 11/15/2026)" in text_of(
        page, "#episode-closed"
    )
    assert field_value(page, "episode") == ""
    response = _post(client, active, {**PERIOD, "episode": str(episode.id)})
    assert response.status_code == 409
    assert "already closed (Sanctioned): nothing was saved" in text_of(response.text)
    assert db.scalars(select(GoodCause)).all() == []
