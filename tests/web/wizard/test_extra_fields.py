"""Fields a form does not declare are ignored, whatever their names (security.md 11)."""

from __future__ import annotations

from sqlalchemy import select

from models import MutualCase, PlanVersion
from models.enums import PlanStatus, Stage
from tests import factories as f
from tests.helpers import post_form
from tests.web.wizard.helpers import IDENTIFY

EXTRA = {
    "stage": "closed",
    "assigned_worker_id": "999",
    "county_id": "1",
    "status": "signed",
    "version_id": "77",
    "case_id": "999",
    "signed_client_at": "2026-11-01T00:00:00",
}


def test_identify_ignores_stage_owner_and_county_fields(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.CONFIRMED)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/identify"
    data = dict(IDENTIFY, first_name="Maria", last_name="Lopez", **EXTRA)
    assert post_form(client, url, url, data).status_code == 302
    db.expire_all()
    saved = db.get(MutualCase, case.id)
    assert saved.stage == Stage.CONFIRMED and saved.assigned_worker_id == team["ana"].id
    assert saved.county_id == case.county_id and saved.version_id != 77


def test_plan_save_ignores_a_posted_signed_status(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.MEETING_HELD)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/plan"
    rows = {
        "activities-0-source": "wtw",
        "activities-0-kind": "job_search",
        "activities-0-name": "Job club",
        "activities-0-hours": "30",
        "period_start": "2026-12-01",
        "period_end": "2027-11-30",
        "language": "en",
    }
    response = post_form(client, url, url, {**rows, **EXTRA})
    assert response.status_code in (302, 303)
    version = db.scalars(select(PlanVersion)).one()
    assert version.status == PlanStatus.DRAFT and version.signed_client_at is None
