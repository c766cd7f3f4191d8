"""A newcomer signs in with the keyboard and sees the caseload, in real Chromium."""

from __future__ import annotations

from datetime import date

import pytest

from tests import factories as f
from tests.browser.pages import SignInPage
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def test_ec_signs_in_and_sees_caseload_with_due_dates(page, db):
    ec = f.user(db, "ana.ec@example.org", name="Ana Reyes")
    f.case(db, ec, first="Rosa", last="Delgado", assigned_on=date(2026, 11, 20))
    f.case(db, ec, first="Linh", last="Nguyen", assigned_on=date(2026, 11, 2))
    db.commit()
    SignInPage(page).open().sign_in_with_keyboard("ana.ec@example.org", PASSWORD)
    page.wait_for_url("**/cases")
    assert page.get_by_role("heading", name="My caseload").is_visible()
    assert page.get_by_role("rowheader", name="Rosa Delgado").is_visible()
    assert page.locator("tr", has_text="Linh Nguyen").get_by_text("Overdue 14 days").is_visible()
    # The vendored stylesheet and htmx loaded, under the strict CSP, with nothing off-site.
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("getComputedStyle(document.querySelector('.usa-button')).display") != ""
    assert page.problems == []


def test_wrong_password_message_is_announced_and_typed_email_kept(page, db):
    f.user(db, "ana.ec@example.org")
    db.commit()
    SignInPage(page).open().sign_in_with_keyboard("ana.ec@example.org", "wrong password here")
    alert = page.get_by_role("alert")
    assert "do not match an active account" in alert.inner_text()
    assert page.get_by_label("Work email").input_value() == "ana.ec@example.org"


def test_skip_link_is_first_in_keyboard_order_and_sign_out_works(page, db):
    f.user(db, "ana.ec@example.org")
    db.commit()
    SignInPage(page).open().sign_in_with_keyboard("ana.ec@example.org", PASSWORD)
    page.wait_for_url("**/cases")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/login")
    page.goto("/cases")
    assert "/login" in page.url  # the session really ended
