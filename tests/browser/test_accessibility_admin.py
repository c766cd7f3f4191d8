"""axe-core finds nothing on the administrator's County settings and Office calendar pages, as
shown and with their errors; both are used with the keyboard alone."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import User
from models.demo.seed import load_demo
from models.enums import Role
from tests.browser.pages import SignInPage
from tests.browser.test_accessibility import _violations
from tests.helpers import PASSWORD, TODAY

pytestmark = pytest.mark.browser


def test_county_settings_and_the_office_calendar_pass_axe(page, db):
    load_demo(db, password=PASSWORD, today=TODAY)
    db.commit()
    admin = db.scalars(select(User).where(User.role == Role.ADMIN).order_by(User.id)).first()
    SignInPage(page).open().sign_in_with_keyboard(admin.email)
    page.wait_for_url("**/admin/**")
    page.goto("/admin/county")
    found = {"county settings": _violations(page)}
    page.locator("#weeks_per_month").fill("4.333")
    with page.expect_navigation():
        page.locator("#weeks_per_month").press("Enter")  # the form is sent from the keyboard
    assert page.locator("#weeks_per_month-error").count() == 1
    found["county settings with an error"] = _violations(page)
    page.get_by_role("link", name="Office calendar").click()
    page.wait_for_load_state()
    found["office calendar"] = _violations(page)
    page.locator("#closure-name").fill("Board day")
    page.get_by_role("button", name="Add the closure").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#closure-day-error").count() == 1
    found["office calendar with an error"] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    assert page.problems == []
