"""One journey with the keyboard alone (issue 16): Tab, Shift+Tab, Enter, Space and the arrow keys,
from the sign-in page to a signed plan. After each page load and each htmx swap the test says
where the focus is: the error summary after a failed save, the first field of a new activity
row, the same field while the totals update (the live region kept, its text changed)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from models.enums import Stage
from tests import factories as f
from tests.factories import make_plan
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser

MOST_TABS = 250  # the plan page has about 120 Tab stops: more means focus is lost or trapped


def focus(page) -> dict:
    """What has the focus: its id, tag, name and text (for the messages)."""
    return page.evaluate(
        """() => { const e = document.activeElement;
        return {id: e.id, tag: e.tagName.toLowerCase(), name: e.getAttribute('name') || '',
                text: (e.innerText || e.value || '').trim().slice(0, 60),
                href: e.getAttribute('href') || ''}; }"""
    )


def has_focus(page, selector: str) -> bool:
    return page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page, selector: str, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the element is focused; fails after MOST_TABS presses."""
    for _ in range(MOST_TABS):
        page.keyboard.press(key)
        if has_focus(page, selector):
            return
    raise AssertionError(f"{key} never reached {selector}; the focus is on {focus(page)}")


def retype(page, text: str) -> None:
    """Replace what the focused field holds, as a person does: select all, then type."""
    page.keyboard.press("Control+a")
    page.keyboard.type(text) if text else page.keyboard.press("Backspace")


def loaded(page) -> None:
    """After a page load nothing has the focus yet, and the first Tab reaches the skip link."""
    page.wait_for_load_state()
    assert focus(page)["tag"] == "body", focus(page)
    page.keyboard.press("Tab")
    assert focus(page)["text"] == "Skip to main content", focus(page)


def _case(db, team):
    """A case whose joint meeting is held, with a draft plan of two complete activities."""
    case = f.case(db, team["ana"], stage=Stage.MEETING_HELD)
    version = make_plan(db, case, signed=False)
    del version.activities[2:]
    for position, activity in enumerate(version.activities):
        activity.position = position
        activity.provider_name = activity.provider_name or "Valley Oak Counseling Collective"
        activity.schedule = "Tue 10:00-12:00"
        activity.progress_standard = "Attends every session; the provider confirms."
    db.commit()
    return case


def test_from_sign_in_to_a_signed_plan_with_the_keyboard_alone(page, db, team):
    case = _case(db, team)
    client = f"{case.participant.first_name} {case.participant.last_name}"
    page.set_viewport_size({"width": 1280, "height": 900})

    # Sign in: Tab to the email, Tab to the password, Enter.
    page.goto("/login")
    loaded(page)
    tab_to(page, "input[name=email]")
    page.keyboard.type("ana.ec@example.org")
    page.keyboard.press("Tab")
    assert has_focus(page, "input[name=password]"), focus(page)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases")
    loaded(page)

    # The caseload: Tab to the client's name, Enter; then the Plan step in the step list.
    tab_to(page, f"a[href='/cases/{case.id}']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/cases/{case.id}/\w+"))
    loaded(page)
    if not page.url.endswith("/plan"):
        tab_to(page, f"a[href='/cases/{case.id}/plan']")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/cases/{case.id}/plan")
        loaded(page)

    # Totals follow the typing: the focus stays in the field, the live region stays in place.
    totals = page.locator("#plan-totals")
    totals.evaluate("el => { el.tandemKept = true }")
    before = page.locator("#totals-total").inner_text()
    tab_to(page, "#activities-1-hours")
    retype(page, "11")
    expect(page.locator("#totals-total")).not_to_have_text(before)
    assert has_focus(page, "#activities-1-hours"), focus(page)
    assert totals.evaluate("el => el.tandemKept") is True  # swapped inside, not replaced

    # A failed save: an end date before the start. The page opens on the error summary.
    tab_to(page, "#activities-1-end_on")
    retype(page, "10/01/2026")
    tab_to(page, ".tandem-actions button.usa-button:not([name])")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#error-summary")).to_contain_text("1 thing to fix")
    # The page's script moves the focus once loaded: wait for it rather than read it at once.
    expect(page.locator("#error-summary")).to_be_focused()
    page.keyboard.press("Tab")
    assert focus(page)["href"] == "#activities-1-end_on", focus(page)
    page.keyboard.press("Enter")  # the link takes the focus to the field
    assert has_focus(page, "#activities-1-end_on"), focus(page)
    retype(page, "")

    # Add an activity: the new row's first field takes the focus after the swap.
    tab_to(page, "button[name=add_row]")
    page.keyboard.press("Enter")
    expect(page.locator("#activity-2")).to_be_attached()
    expect(page.locator("#activities-2-name")).to_be_focused()
    page.keyboard.type("Job club")
    page.keyboard.press("Tab")
    assert has_focus(page, "#activities-2-source"), focus(page)
    page.keyboard.press("ArrowDown")  # "Comes from": WTW; the kinds that fit swap in
    kind = page.locator("#activities-2-kind")
    expect(kind.locator("option", has_text="Job search")).to_have_count(1)
    assert has_focus(page, "#activities-2-source"), focus(page)  # kept through the swap
    page.keyboard.press("Tab")
    assert has_focus(page, "#activities-2-kind"), focus(page)
    page.keyboard.press("ArrowDown")
    assert kind.input_value() != ""
    page.keyboard.press("Tab")
    page.keyboard.type("8")
    page.keyboard.press("Shift+Tab")  # back to the kind, and forward again: 10 hours, not 8
    assert has_focus(page, "#activities-2-kind"), focus(page)
    page.keyboard.press("Tab")
    assert has_focus(page, "#activities-2-hours"), focus(page)
    retype(page, "10")
    page.keyboard.press("Tab")  # a date field: Tab steps through month, day and year
    assert has_focus(page, "#activities-2-start_on"), focus(page)
    page.keyboard.type("12/01/2026")
    tab_to(page, "#activities-2-provider_name")
    page.keyboard.type("Gardner Family Care")
    tab_to(page, "#activities-2-progress_standard")
    page.keyboard.type("Attends every session.")
    tab_to(page, "#sw_agreement_on")
    retype(page, "11/23/2026")
    tab_to(page, "button[name=ready]")
    page.keyboard.press("Space")
    page.wait_for_url(f"**/cases/{case.id}/sign")
    loaded(page)

    # Sign: the names typed, the method chosen with the arrow keys, the statements with Space.
    tab_to(page, "#client_name")
    page.keyboard.type(client)
    page.keyboard.press("Tab")
    assert has_focus(page, "input[name=method]"), focus(page)
    for _ in range(6):
        if page.locator("input[name=method][value=in_person]").is_checked():
            break
        page.keyboard.press("ArrowDown")
    assert has_focus(page, "input[name=method][value=in_person]:checked"), focus(page)
    tab_to(page, "#client_intent")
    page.keyboard.press("Space")
    expect(page.locator("#client_intent")).to_be_checked()
    tab_to(page, "#worker_name")
    page.keyboard.type("Ana Reyes")
    page.keyboard.press("Tab")
    assert has_focus(page, "#worker_intent"), focus(page)
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]:not([name])")
    assert "Sign and store the plan" in focus(page)["text"], focus(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cases/{case.id}/documents")
    expect(page.get_by_text(re.compile(r"Signed\. Stored WTW 2 TDM-WTW2-")).first).to_be_visible()
    loaded(page)
    assert page.problems == []
