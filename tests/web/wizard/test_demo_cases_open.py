"""Every demo case opens on every step for its worker, whatever its stage: the demo data and the
wizard agree (a presenter can click anywhere without meeting an error page)."""

from __future__ import annotations

from sqlalchemy import select

from models import MutualCase
from models.demo.seed import load_demo
from policy.stages import STEPS
from tests.helpers import PASSWORD, TODAY, Auth


def test_each_demo_case_opens_on_each_step_for_its_worker(app, db):
    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    cases = list(db.scalars(select(MutualCase).order_by(MutualCase.id)))
    by_worker: dict[str, list[MutualCase]] = {}
    for case in cases:
        if case.assigned_worker is not None:
            by_worker.setdefault(case.assigned_worker.email, []).append(case)
    assert len(by_worker) >= 4
    for email, own in by_worker.items():
        client = app.test_client()
        Auth(client).login(email)
        for case in own:
            for step in (*STEPS, "history", "documents", "share", "sign"):
                response = client.get(f"/cases/{case.id}/{step}")
                assert response.status_code == 200, f"{email} case {case.id} {step}"
                assert case.participant.last_name in response.text
