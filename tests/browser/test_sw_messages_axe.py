"""axe-core (WCAG 2.1 A/AA) on the messages to the social worker (issue 15), in a file of its
own so it merges apart from the shared list in test_accessibility.py."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import MutualCase, OutboxMessage
from models.demo.seed import load_demo
from tests.browser.test_accessibility import _violations
from tests.helpers import PASSWORD, TODAY

pytestmark = pytest.mark.browser


def test_messages_to_the_social_worker_pass_axe(page, db):
    """A held notice with its edit and "don't send" forms, a failed one, a sent one; the form
    shown with its errors; the banner on another step (issue 15)."""
    from models import SocialWorker
    from models.enums import ChangeKind, ChangeSource
    from models.operations.changes import ChangeInput, record_change
    from tests.browser.pages import sign_in

    load_demo(db, password=PASSWORD, today=TODAY)
    case = db.scalars(
        select(MutualCase).where(MutualCase.stage == "plan_active").order_by(MutualCase.id)
    ).first()
    cw = case.child_welfare_case
    if cw.social_worker is None or not cw.social_worker.email:
        cw.social_worker = SocialWorker(
            county_id=case.county_id, name="Dana Kim", email="dana.kim@example.org"
        )
    worker = case.assigned_worker_id
    change = ChangeInput(ChangeKind.HOUSING, TODAY, None, ChangeSource.CLIENT, "")
    for state in ("sent", "failed", "held"):
        record_change(db, case, change, worker)
        db.flush()
        message = db.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
        message.state = state
    db.commit()
    sign_in(page, case.assigned_worker.email)
    found = {}
    page.goto(f"/cases/{case.id}/track")
    found["track with the banner"] = _violations(page)
    page.goto(f"/cases/{case.id}/messages")
    found["messages"] = _violations(page)
    page.get_by_label("Message", exact=True).last.fill("")
    send = page.get_by_role(
        "button", name="Send the message: Significant change recorded", exact=True
    )
    send.last.click()
    page.wait_for_load_state()
    found["messages with errors"] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert page.problems == []
