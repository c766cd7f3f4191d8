"""The progress bar says which step the page is (issue 13): on a step's own pages that step is
"this page" (aria-current="step"); on the case pages outside the six steps (Printed forms, the
read-only link, History) no step is, so a screen reader never hears "Plan, this page" on the
documents page."""

from __future__ import annotations

import pytest

from models.enums import Stage
from tests import factories as f
from tests.factories import make_plan
from tests.html import elements, text_of


def progress(page: str) -> tuple[list[str], str]:
    """The steps marked aria-current in the progress bar, and what it says to a screen reader."""
    current = [
        li.text.split(" ")[0] for li in elements(page, "nav.tandem-progress li[aria-current]")
    ]
    return current, text_of(page, "nav.tandem-progress")


@pytest.fixture
def active_case(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    make_plan(db, case)
    db.commit()
    return case


@pytest.mark.parametrize(
    "path,heading",
    [("documents", "Printed forms"), ("share", "Read-only link"), ("history", "History")],
)
def test_no_step_is_this_page_on_the_pages_outside_the_steps(
    client, auth, active_case, path, heading
):
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{active_case.id}/{path}").text
    current, said = progress(page)
    assert current == [] and "this page" not in said
    # The case's own place is still shown: Track is the step it is at.
    assert "Track current step" in said and "Plan completed" in said
    assert text_of(page, "h1 .tandem-step-name") == f"· {heading}"


@pytest.mark.parametrize(
    "path,step",
    [("plan", "Plan"), ("sign", "Plan"), ("track", "Track"), ("contacts", "Track")],
)
def test_a_steps_own_pages_mark_that_step(client, auth, active_case, path, step):
    auth.login("ana.ec@example.org")
    current, said = progress(client.get(f"/cases/{active_case.id}/{path}").text)
    assert current == [step] and f"{step} " in said and "this page" in said
