"""axe-core finds nothing on the client's calendar with conflicts, its entry form with errors and
an entry being changed, nor on the account page showing a new calendar-feed address (issue 15)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from models import CalendarEntry, MutualCase
from models.demo.seed import load_demo
from tests.browser.pages import SignInPage
from tests.browser.test_accessibility import _violations
from tests.helpers import PASSWORD, TODAY

pytestmark = pytest.mark.browser


def test_the_calendar_and_the_feed_section_pass_axe(page, db):
    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    case = db.scalars(
        select(MutualCase).where(MutualCase.stage == "plan_active").order_by(MutualCase.id)
    ).first()
    for offset in range(7):  # whole-day court dates a week long: some fall on WTW sessions
        db.add(
            CalendarEntry(
                case_id=case.id, kind="court", agency="cw", on=TODAY + timedelta(days=offset)
            )
        )
    db.commit()
    entry = db.scalars(
        select(CalendarEntry).where(CalendarEntry.case_id == case.id).order_by(CalendarEntry.id)
    ).first()
    SignInPage(page).open().sign_in_with_keyboard(case.assigned_worker.email)
    page.wait_for_url("**/cases")
    page.goto(f"/cases/{case.id}/calendar")
    assert page.locator("#conflicts").count() == 1
    found = {"calendar": _violations(page)}
    page.locator("[name='starts_at']").fill("10:00")
    page.locator("[name='ends_at']").fill("09:00")
    page.get_by_role("button", name="Add to the calendar").click()
    page.wait_for_load_state()
    assert page.locator(".usa-error-message").count() >= 2
    found["calendar with errors"] = _violations(page)
    page.goto(f"/cases/{case.id}/calendar/{entry.id}")
    found["calendar entry"] = _violations(page)
    page.goto("/account")
    page.get_by_role("button", name="Get a feed address").click()
    page.wait_for_load_state()
    assert page.locator("#feed-url").count() == 1
    found["account with feed address"] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert page.problems == []
