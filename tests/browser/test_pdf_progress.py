"""A draft PDF takes seconds to render: while it does, the page says "Preparing the PDF…" in a
live region and marks the form busy; the PDF still opens in the same tab, and without
JavaScript the form works the same (issue 13)."""

from __future__ import annotations

import threading

import pytest

from blueprints.documents import routes
from models.enums import Stage
from tests.browser.pages import sign_in
from tests.documents import sample

pytestmark = pytest.mark.browser


@pytest.fixture
def slow_render(monkeypatch):
    """The server holds each draft render until the test lets it go (as a slow render would)."""
    go, started = threading.Event(), threading.Event()
    real = routes.render_plan_document

    def held(*args, **kwargs):
        started.set()
        go.wait(timeout=20)
        return real(*args, **kwargs)

    monkeypatch.setattr(routes, "render_plan_document", held)
    yield started, go
    go.set()


def watch(page, status: str, trigger: str) -> list[str]:
    """What the page shows while the PDF is on its way, as "<status text>|<aria-busy>" lines.
    Reported through the console: once the request is sent, Playwright waits for the
    navigation before it reads the page, so the page reports each change itself."""
    seen: list[str] = []
    page.on("console", lambda m: m.text.startswith("pdf:") and seen.append(m.text[4:]))
    page.evaluate(
        """([status, trigger]) => {
            const report = () => console.log("pdf:" + document.querySelector(status).textContent
                + "|" + document.querySelector(trigger).getAttribute("aria-busy"));
            new MutationObserver(report).observe(document.body,
                {subtree: true, childList: true, characterData: true, attributes: true});
        }""",
        [status, trigger],
    )
    return seen


def wait_for(seen: list[str], page, started: threading.Event) -> None:
    assert started.wait(timeout=10)  # the server is rendering: the page is still this one
    for _ in range(50):
        if any(line.endswith("|true") for line in seen):
            return
        page.wait_for_timeout(100)


def test_a_draft_preview_says_it_is_being_prepared_then_opens(page, db, slow_render):
    started, go = slow_render
    case = sample.seed(db)["case"]
    db.commit()
    sign_in(page, "ana.ec@example.org")
    page.goto(f"/cases/{case.id}/documents")
    status = page.locator("#preview-wtw2-status")
    assert status.get_attribute("role") == "status" and status.inner_text() == ""
    seen = watch(page, "#preview-wtw2-status", "form[data-pdf-progress=preview-wtw2-status]")
    page.get_by_role("button", name="Preview WTW 2 (draft, PDF)").click(no_wait_after=True)
    wait_for(seen, page, started)
    message = "Preparing the PDF… this takes a few seconds. It opens in this tab when ready."
    assert f"{message}|true" in seen  # said in the live region, the form marked busy
    with page.expect_response("**/documents/wtw2.pdf*") as answer:
        go.set()
    response = answer.value
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert page.problems == []


def test_the_draft_links_on_the_sign_page_say_so_too(page, db, slow_render):
    started, go = slow_render
    case = sample.seed(db)["case"]
    case.stage = Stage.PLAN_PENDING_SIGNATURE
    db.commit()
    sign_in(page, "ana.ec@example.org")
    page.goto(f"/cases/{case.id}/sign")
    seen = watch(page, "#draft-forms-status", "#draft-forms a[data-pdf-progress]")
    page.get_by_role("link", name="WTW 2 (draft PDF)").click(no_wait_after=True)
    wait_for(seen, page, started)
    assert any(line.startswith("Preparing the PDF…") and line.endswith("|true") for line in seen)
    with page.expect_response("**/documents/wtw2.pdf*"):
        go.set()
    assert page.problems == []


def test_without_javascript_the_preview_still_opens(browser, live_server, db):
    case = sample.seed(db)["case"]
    db.commit()
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, "ana.ec@example.org")
    page.goto(f"/cases/{case.id}/documents")
    assert "takes a few seconds" in page.locator("#previews-hint").inner_text()
    with page.expect_response("**/documents/wtw2.pdf*") as answer:
        page.get_by_role("button", name="Preview WTW 2 (draft, PDF)").click(no_wait_after=True)
    assert answer.value.status == 200
    assert answer.value.headers["content-type"] == "application/pdf"
    context.close()
