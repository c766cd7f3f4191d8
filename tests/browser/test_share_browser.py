"""The EC makes a link; the social worker opens it on a phone in real Chromium (issue 5)."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from tests.share.conftest import shared_case

pytestmark = pytest.mark.browser


@pytest.fixture
def people(db):
    from models.enums import Role
    from tests import factories as f

    sup = f.user(db, "sam.sup@example.org", role=Role.SUPERVISOR, name="Sam Supervisor")
    ana = f.user(db, "ana.ec@example.org", name="Ana Reyes", supervisor_id=sup.id)
    db.commit()
    return {"ana": ana}


def test_social_worker_opens_the_link_on_a_phone(page, browser, live_server, db, people):
    case = shared_case(db, people["ana"])
    db.commit()
    page.goto("/login")
    page.get_by_label("Work email").fill("ana.ec@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url("**/cases")
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
    assert sw.locator("form, script").count() == 0
    assert problems == []
    phone.close()
    page.goto(f"/cases/{case.id}/share")
    assert page.get_by_text("Opened the page").is_visible()
