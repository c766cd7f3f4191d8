"""htmx done right on case pages: every step is a full page with or without HX-Request,
responses vary on HX-Request, only the autosave and the plan preview answer with fragments,
and those fall back to the page without htmx."""

from __future__ import annotations

import pytest

from models.enums import Stage
from policy.steps import STEPS
from tests import factories as f
from tests.helpers import HX
from tests.html import csrf_token


@pytest.fixture
def case(db, team):
    c = f.case(db, team["ana"], stage=Stage.MEETING_HELD)
    db.commit()
    return c


@pytest.mark.parametrize("step", [*STEPS, "history"])
@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_each_step_is_a_full_page_that_varies_on_hx_request(client, auth, case, step, headers):
    auth.login("ana.ec@example.org")
    response = client.get(f"/cases/{case.id}/{step}", headers=headers)
    assert response.status_code == 200
    assert response.text.lstrip().startswith("<!doctype html>")
    assert "HX-Request" in response.headers["Vary"]
    assert response.headers["Cache-Control"].startswith("no-store")
    assert 'data-hx-history="false"' in response.text  # nothing confidential in the history cache


@pytest.mark.parametrize("step", ["identify", "assign", "meeting", "plan", "close"])
def test_autosave_answers_htmx_with_a_fragment_and_a_plain_post_with_the_page(
    client, auth, case, step
):
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/{step}"
    token = csrf_token(client.get(url).text)
    fragment = client.post(f"{url}/draft", data={"csrf_token": token, "notes": "x"}, headers=HX)
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "Draft kept" in fragment.text
    plain = client.post(f"{url}/draft", data={"csrf_token": token, "notes": "x"})
    assert plain.status_code == 303 and plain.headers["Location"] == url


@pytest.mark.parametrize("step", ["identify", "assign", "meeting", "plan", "close"])
def test_a_step_form_with_errors_rerenders_with_200_for_htmx_and_plain(client, auth, case, step):
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/{step}"
    token = csrf_token(client.get(url).text)
    for headers in ({}, HX):
        response = client.post(url, data={"csrf_token": token, "version": "x"}, headers=headers)
        assert response.status_code == 200, (step, headers)
        assert "<!doctype html>" in response.text
