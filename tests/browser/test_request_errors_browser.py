"""An htmx request that fails swaps nothing in; the EC is told so at the foot of the window
(static/js/request-errors.js): "busy" for a 503, "cannot be reached" when the network fails,
"went wrong" otherwise. The message goes once a request succeeds again, and the typing stays."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from models.enums import Stage
from tests import factories as f
from tests.browser.pages import sign_in
from tests.factories import make_plan

pytestmark = pytest.mark.browser

PREVIEW = "**/plan/preview"


def test_a_failed_preview_is_said_at_the_foot_of_the_window_until_one_works(page, db, team):
    case = f.case(db, team["ana"], stage=Stage.MEETING_HELD)
    make_plan(db, case, signed=False)
    db.commit()
    page.set_viewport_size({"width": 768, "height": 900})
    sign_in(page, "ana.ec@example.org")
    page.goto(f"/cases/{case.id}/plan")
    problem = page.locator("#tandem-request-problem")
    hours = page.locator("#activities-1-hours")
    expect(problem).to_be_hidden()

    page.route(
        PREVIEW, lambda route: route.fulfill(status=503, body="busy", content_type="text/plain")
    )
    hours.fill("11")
    expect(problem).to_be_visible()
    expect(problem).to_have_attribute("role", "alert")
    expect(problem).to_contain_text("Tandem is busy for a moment: your last change was not sent.")
    box = problem.bounding_box()
    assert box is not None and box["y"] + box["height"] == pytest.approx(900, abs=1)

    page.unroute(PREVIEW)
    page.route(PREVIEW, lambda route: route.abort())
    hours.fill("12")
    expect(problem).to_contain_text("Tandem cannot be reached")

    page.unroute(PREVIEW)
    page.route(
        PREVIEW, lambda route: route.fulfill(status=500, body="oops", content_type="text/plain")
    )
    hours.fill("13")
    expect(problem).to_contain_text("Something went wrong on our side")

    page.unroute(PREVIEW)
    before = page.locator("#totals-total").inner_text()
    hours.fill("14")
    expect(problem).to_be_hidden()
    expect(page.locator("#totals-total")).not_to_have_text(before)
    expect(hours).to_have_value("14")
