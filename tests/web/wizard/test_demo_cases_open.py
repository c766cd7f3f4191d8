"""Every demo case opens on every step for its worker, whatever its stage: the demo data and the
wizard agree (a presenter can click anywhere without meeting an error page), and no page shows a
stored code ("agreed_with_sw", "(ec)", "Role ec") where the county's words belong."""

from __future__ import annotations

import re

from sqlalchemy import select

from models import MutualCase
from models.demo.seed import load_demo
from models.enums import ShareScope, Stage
from models.operations.share_links import create_link
from policy.steps import STEPS
from tests.helpers import PASSWORD, TODAY, Auth
from tests.html import text_of

# A stored code shows as snake_case; short codes show as "(ec)" or "role ec".
RAW_CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\((?:ec|sw|client)\b|\brole (?:ec|admin)\b", re.I)


def raw_codes(html: str) -> list[str]:
    """Stored codes in what a reader sees (text, not attributes), e.g. "post_aid"."""
    return RAW_CODE.findall(text_of(html))


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
                assert raw_codes(response.text) == [], f"{email} case {case.id} {step}"
        for page in ("/cases", "/account"):
            assert raw_codes(client.get(page).text) == [], f"{email} {page}"


def test_the_raw_code_check_catches_what_it_is_for():
    assert raw_codes("<p>Status: agreed_with_sw</p><p>Ana (ec)</p><p>Role ec</p>") == [
        "agreed_with_sw",
        "(ec",
        "Role ec",
    ]
    assert raw_codes('<p data-x="plan_active">Plan active</p><p>ana.ec@example.org</p>') == []


def test_the_social_workers_page_shows_no_stored_code_for_any_demo_case(app, db):
    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    open_cases = db.scalars(
        select(MutualCase).where(MutualCase.stage.not_in((Stage.CLOSED, Stage.NOT_MUTUAL)))
    ).all()
    tokens = []
    for case in open_cases:
        if case.assigned_worker is None or case.child_welfare_case is None:
            continue
        _link, token = create_link(
            db,
            case,
            case.assigned_worker.id,
            recipient_name="Dana Social Worker",
            recipient_email="dana@example.org",
            days=30,
            scope=ShareScope.VIEW_DOWNLOAD,
        )
        tokens.append((case.id, token))
    db.commit()
    assert len(tokens) > 10
    client = app.test_client()
    for case_id, token in tokens:
        page = client.get(f"/s/{token}")
        assert page.status_code == 200, case_id
        assert raw_codes(page.text) == [], case_id
