"""A form that was not saved says so at the top, with a link to each field to fix."""

from __future__ import annotations

from tests.helpers import post_form
from tests.web.wizard.helpers import IDENTIFY


def test_unsaved_identify_lists_each_problem_with_a_link_to_its_field(client, auth, team):
    auth.login("ana.ec@example.org")
    data = dict(IDENTIFY, last_name="", **{"children-0-birth_date": "2030-01-01"})
    page = post_form(client, "/cases/new", "/cases/new", data).text
    assert "Not saved yet: 2 things to fix" in page
    assert 'href="#last_name">Last name: Enter the client&#39;s last name.' in page
    assert 'href="#children-0-birth_date">Children 1: Birth date: The birth date cannot be' in page


def test_unsaved_plan_row_is_listed_at_the_top(client, auth, db, team):
    from models.enums import Stage
    from tests import factories as f

    case = f.case(db, team["ana"], stage=Stage.MEETING_HELD)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/plan"
    data = {
        "activities-0-source": "wtw",
        "activities-0-kind": "job_search",
        "activities-0-name": "Job club",
        "activities-0-hours": "200",
    }
    page = post_form(client, url, url, data).text
    assert "Not saved yet" in page and 'href="#activities-0-hours"' in page
    assert "A week has only 168 hours." in page
