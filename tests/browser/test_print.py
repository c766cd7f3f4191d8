"""An EC prints a case: navigation, buttons and the progress bar drop out; the case facts, the
plan's activities and the totals stay, with the confidentiality line (issue 4, print CSS)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import MutualCase
from models.demo.seed import load_demo
from models.queries.case_facts import current_plan_version
from tests.browser.pages import sign_in
from tests.helpers import PASSWORD, TODAY

pytestmark = pytest.mark.browser


def test_track_and_plan_pages_print_cleanly(page, db):
    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    case = db.scalars(
        select(MutualCase).where(MutualCase.stage == "plan_active").order_by(MutualCase.id)
    ).first()
    sign_in(page, case.assigned_worker.email)
    page.goto(f"/cases/{case.id}/track")
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Main").is_visible()
    assert not page.get_by_role("navigation", name="Case progress").is_visible()
    assert not page.get_by_role("button", name="Sign out").is_visible()
    assert page.get_by_role("heading", name=case.participant.display_name).is_visible()
    assert page.locator("table").first.is_visible()
    assert "Confidential" in page.locator("body").inner_text()
    page.goto(f"/cases/{case.id}/plan")
    page.emulate_media(media="print")
    assert page.locator("#plan-totals").is_visible()
    name = current_plan_version(db, case).activities[0].name
    assert page.get_by_text(name).first.is_visible()  # the plan's rows print
    assert not page.get_by_role("button", name="Save plan").is_visible()
    assert len(page.pdf()) > 1000  # Chromium's own print path works on the page
