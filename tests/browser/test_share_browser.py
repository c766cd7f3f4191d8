"""The EC makes a link; the social worker opens it on a phone in real Chromium (issue 5)."""

from __future__ import annotations

import pytest

from tests import factories as f
from tests.browser.pages import sign_in
from tests.browser.test_accessibility import _violations

pytestmark = pytest.mark.browser


def test_social_worker_opens_the_link_on_a_phone(page, browser, live_server, db, team):
    case = f.shared_case(db, team["ana"])
    db.commit()
    sign_in(page, "ana.ec@example.org")
    page.goto(f"/cases/{case.id}/share")
    page.get_by_role("button", name="Make the link").click()
    url = page.get_by_label("Link for the social worker").input_value()
    assert "/s/" in url and page.problems == []

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    sw = phone.new_page()
    problems: list[str] = []
    sw.on("console", lambda m: m.type == "error" and problems.append(m.text))
    sw.on("request", lambda r: None if r.url.startswith(live_server) else problems.append(r.url))
    response = sw.goto(url)
    assert response.status == 200
    assert response.headers["referrer-policy"] == "no-referrer"
    assert sw.get_by_role("heading", name="Rosa Delgado").is_visible()
    assert sw.get_by_text("Job club").first.is_visible()
    width = sw.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1  # readable on a phone: no sideways scrolling
    edges = {  # the brand line, the heading and the footer start at one margin from the edge
        sw.evaluate(f"Math.round(document.querySelector('{s}').getBoundingClientRect().left)")
        for s in (".share-brand", "main h1", ".share-footer p")
    }
    assert edges == {16}
    assert sw.locator("form, script").count() == 0
    assert problems == []
    phone.close()
    page.goto(f"/cases/{case.id}/share")
    assert page.get_by_text("Opened the page").is_visible()


def _context_page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server, **options)
    page = context.new_page()
    page.problems = []  # console errors: a CSP violation would show here
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    return context, page


def test_the_link_shown_once_has_a_copy_button_that_copies_it(browser, live_server, db, team):
    case = f.shared_case(db, team["ana"])
    db.commit()
    context, page = _context_page(
        browser, live_server, permissions=["clipboard-read", "clipboard-write"]
    )
    sign_in(page, "ana.ec@example.org")
    page.goto(f"/cases/{case.id}/share")
    assert page.get_by_role("button", name="Copy the link").count() == 0  # no link yet
    page.get_by_role("button", name="Make the link").click()
    url = page.get_by_label("Link for the social worker").input_value()
    page.get_by_role("button", name="Copy the link").click()
    status = page.locator("#new-link [role=status].tandem-copy__status")
    status.get_by_text("Copied").wait_for()
    assert status.inner_text() == "Copied"
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert "/s/" in url and page.problems == []
    assert _violations(page) == []  # the link, the button and its status pass axe (WCAG AA)
    context.close()


def test_without_javascript_the_link_is_shown_with_no_copy_button(browser, live_server, db, team):
    case = f.shared_case(db, team["ana"])
    db.commit()
    context, page = _context_page(browser, live_server, java_script_enabled=False)
    sign_in(page, "ana.ec@example.org")
    page.goto(f"/cases/{case.id}/share")
    page.get_by_role("button", name="Make the link").click()
    assert "/s/" in page.get_by_label("Link for the social worker").input_value()
    assert page.get_by_role("button", name="Copy the link").count() == 0
    context.close()
