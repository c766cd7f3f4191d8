"""A signed plan is read-only; an amendment is a new version signed again, and the history keeps
every version (R-PL-10, §c7). The change window after signing (R-PL-04, R-PL-05)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from blueprints.documents import build
from models import CaseEvent, PlanVersion, SupportiveService
from models.enums import PlanStatus, ServiceKind, Stage
from models.signing import SignedDocument
from tests.documents.signing import fake_render, ready_case, submit
from tests.helpers import post_form
from tests.html import csrf_token, text_of

SIGNED_AT = datetime(2026, 11, 16, 18, tzinfo=timezone.utc)


def signed_case(db, worker, *, window_ends=date(2026, 11, 19), status=PlanStatus.SIGNED):
    """Plan version 1 signed on Monday 11/16 (window closed Thursday 11/19); the plan is active."""
    case = ready_case(db, worker, stage=Stage.PLAN_ACTIVE, status=status)
    version = db.scalars(select(PlanVersion)).one()
    version.signed_client_at = version.signed_worker_at = SIGNED_AT
    version.change_window_ends = window_ends
    version.services = [SupportiveService(kind=ServiceKind.TRANSPORTATION, detail="Bus pass")]
    db.commit()
    return case


def amend(client, case):
    page = client.get(f"/cases/{case.id}/plan").text
    return client.post(f"/cases/{case.id}/plan/amend", data={"csrf_token": csrf_token(page)})


@pytest.mark.parametrize("status", [PlanStatus.SIGNED, PlanStatus.ACTIVE, PlanStatus.AMENDED])
def test_a_signed_plan_refuses_changes(client, auth, db, team, status):
    case = signed_case(db, team["ana"], status=status)
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/plan").text
    assert 'id="plan-form"' not in page
    data = {
        "csrf_token": csrf_token(page),
        "version": "1",
        "period_start": "2026-12-01",
        "period_end": "2027-11-30",
        "activities-0-source": "wtw",
        "activities-0-kind": "job_search",
        "activities-0-name": "Something else",
        "activities-0-hours": "40",
    }
    response = client.post(f"/cases/{case.id}/plan", data=data, follow_redirects=True)
    assert response.status_code == 200
    assert "This plan version is signed and cannot be changed: nothing was saved." in response.text
    db.expire_all()
    version = db.scalars(select(PlanVersion)).one()
    assert [a.name for a in version.activities] == ["Individual counseling", "Job club"]
    assert version.status == status


def test_amending_starts_version_two_as_a_copy(client, auth, db, team):
    case = signed_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/plan").text
    assert "Amend the plan" in page
    response = amend(client, case)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{case.id}/plan"

    db.expire_all()
    first, second = db.scalars(select(PlanVersion).order_by(PlanVersion.version_no)).all()
    assert first.status == PlanStatus.SIGNED and first.signed_client_at is not None
    assert second.version_no == 2 and second.status == PlanStatus.DRAFT
    assert second.sw_agreement_on is None and second.signed_client_at is None
    assert second.change_window_ends is None
    assert [(a.name, a.hours_per_week) for a in second.activities] == [
        ("Individual counseling", Decimal("15")),
        ("Job club", Decimal("15")),
    ]
    assert [s.detail for s in second.services] == ["Bus pass"]
    assert second.requirement == 30 and second.period_start == first.period_start
    assert db.scalars(select(CaseEvent).where(CaseEvent.summary == "Amendment started: version 2"))

    page = client.get(f"/cases/{case.id}/plan").text  # the plan step edits the new draft
    assert 'id="plan-form"' in page and 'value="Job club"' in page
    assert "version 2" in page
    assert "Amendment started: version 2." in page
    assert "Amendment: version 1 stays in force until this version is signed." in page


def test_an_amendment_is_marked_ready_without_moving_the_case_back(client, auth, db, team):
    case = signed_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    amend(client, case)
    url = f"/cases/{case.id}/plan"
    data = {
        "period_start": "2026-12-01",
        "period_end": "2027-11-30",
        "language": "en",
        "sw_agreement_on": "2026-11-23",
        "ready": "1",
    }
    for i, (name, source, kind, hours) in enumerate(
        [
            ("Individual counseling", "cfs", "counseling", "10"),
            ("Job club", "wtw", "job_readiness", "20"),
        ]
    ):
        data.update(
            {
                f"activities-{i}-source": source,
                f"activities-{i}-kind": kind,
                f"activities-{i}-name": name,
                f"activities-{i}-hours": hours,
                f"activities-{i}-progress_standard": "Attends every session.",
                f"activities-{i}-provider_name": "Gardner Family Care",
                f"activities-{i}-start_on": "2026-12-01",
                f"activities-{i}-on_wtw2": "y",
                f"activities-{i}-on_1811": "y",
            }
        )
    response = post_form(client, url, url, data)
    assert response.status_code == 303, response.text  # on to signing (issue 13)
    db.expire_all()
    second = db.scalars(select(PlanVersion).where(PlanVersion.version_no == 2)).one()
    assert second.status == PlanStatus.AGREED_WITH_SW
    assert db.get(type(case), case.id).stage == Stage.PLAN_ACTIVE
    assert not db.scalars(select(CaseEvent).where(CaseEvent.action == "stage")).all()


def test_signing_an_amendment_supersedes_the_signed_version(client, auth, db, team, monkeypatch):
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    case = signed_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    amend(client, case)
    second = db.scalars(select(PlanVersion).where(PlanVersion.version_no == 2)).one()
    second.status = PlanStatus.AGREED_WITH_SW
    second.sw_agreement_on = date(2026, 11, 23)
    db.commit()
    page = client.get(f"/cases/{case.id}/sign").text
    assert "version 2: an amendment; once signed, it replaces version 1" in page
    assert submit(client, case).status_code == 302
    db.expire_all()
    first, second = db.scalars(select(PlanVersion).order_by(PlanVersion.version_no)).all()
    assert first.status == PlanStatus.AMENDED and second.status == PlanStatus.SIGNED
    assert db.get(type(case), case.id).stage == Stage.PLAN_ACTIVE
    ids = [d.document_id for d in db.scalars(select(SignedDocument).order_by(SignedDocument.id))]
    assert ids == [build.document_id(second, "wtw2"), build.document_id(second, "scd1811")]
    history = client.get(f"/cases/{case.id}/history").text
    assert "Plan version 2 signed (WTW 2, 1811)" in history
    assert "Amendment started: version 2" in history


def test_amending_needs_a_signed_plan(client, auth, db, team):
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = amend(client, case)
    assert response.status_code == 302
    assert "There is no signed plan to amend" in client.get(f"/cases/{case.id}/plan").text
    assert len(db.scalars(select(PlanVersion)).all()) == 1


def test_track_shows_the_change_window_while_open_then_closed(app, client, auth, db, team):
    case = signed_case(db, team["ana"], window_ends=date(2026, 11, 30))
    auth.login("ana.ec@example.org")
    text = text_of(client.get(f"/cases/{case.id}/track").text)
    assert (
        "The client may ask for changes until 11/30/2026 "
        "(3 working days after signing, R-PL-04)." in text
    )
    # The first activity starts 12/01/2026: one change of activity until 12/31 (R-PL-05).
    assert (
        "One change of activity may be asked within 30 days of starting the first activity "
        "(until 12/31/2026) (R-PL-05)." in text
    )
    app.config["TODAY"] = date(2026, 12, 1)
    text = text_of(client.get(f"/cases/{case.id}/track").text)
    assert "Change window closed on 11/30/2026" in text
    assert "may ask for changes until" not in text


def test_track_links_a_plan_ready_to_sign(client, auth, db, team):
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/track").text
    assert f'href="/cases/{case.id}/sign"' in page and "change window" not in page.lower()
