"""Inputs that answered 500 (a stack trace in the log) before the form fuzzing found them
(tests/web/test_fuzz_forms.py); each is now a plain page with a message, and nothing is saved.

- A week of attendance whose rows are not the plan's activities (an unknown or missing
  activity id, a row sent twice): the page drew each row from its activity and failed.
- An id in a form field written in digits that are not ASCII ("²" passes str.isdigit and
  fails int): the Save row button, the good cause's noncompliance, the cases ticked for bulk
  reassignment; the last two also with a number past 64 bits (an overflow inside the driver).
  Such a value is now no id at all: the whole week is saved, the noncompliance is not found,
  the case is not ticked."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from blueprints.converters import MAX_ID, form_id
from models import CaseEvent, TrackingEntry
from models.enums import Stage
from tests import factories as f
from tests.factories import make_plan
from tests.helpers import HX
from tests.html import csrf_token, text_of

WEEK = "2026-11-16"
ODD_IDS = ["²", "١٢", "99999999999999999999", "9223372036854775808", "2147483648"]


@pytest.fixture
def active(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    version = make_plan(db, case)
    db.commit()
    return case, version


def _saved(db) -> tuple[int, int]:
    return (
        db.scalar(select(func.count()).select_from(TrackingEntry)),
        db.scalar(select(func.count()).select_from(CaseEvent)),
    )


def _week(version, **rows):
    data = {}
    for index, activity in enumerate(version.activities):
        data[f"rows-{index}-activity_id"] = str(activity.id)
        data[f"rows-{index}-version"] = "0"
        data[f"rows-{index}-attended"] = "5"
    data.update(rows)
    return data


@pytest.mark.parametrize(
    "rows",
    [
        {"rows-0-activity_id": "999"},  # not an activity of the plan
        {"rows-0-activity_id": ""},
        {"rows-0-activity_id": "-300"},
        {"rows-9-activity_id": "999", "rows-9-attended": "\x00"},  # a row more
        {"rows-1-activity_id": "{first}"},  # the same row twice
    ],
)
def test_a_week_with_rows_that_are_not_the_plans_is_refused_not_a_500(
    client, auth, db, active, rows
):
    case, version = active
    rows = {k: v.format(first=version.activities[0].id) for k, v in rows.items()}
    auth.login("ana.ec@example.org")
    token = csrf_token(client.get(f"/cases/{case.id}/track").text)
    before = _saved(db)
    data = {"csrf_token": token, **_week(version, **rows)}
    page = client.post(f"/cases/{case.id}/track/week/{WEEK}", data=data)
    assert page.status_code == 200
    assert "The rows sent are not this week's plan activities" in text_of(
        page.text, "#week-problem"
    )
    assert "Nothing was saved." in text_of(page.text, "#week-problem")
    row_url = f"/cases/{case.id}/track/week/{WEEK}/row/{version.activities[0].id}"
    fragment = client.post(row_url, data=data, headers=HX)
    assert fragment.status_code == 409 and "Nothing was saved." in text_of(
        fragment.text, "#week-problem"
    )
    # Shown above the week's form (htmx swaps a 409), not put in place of the row.
    assert fragment.headers["HX-Retarget"] == "#week-form"
    assert fragment.headers["HX-Reswap"] == "beforebegin"
    assert client.post(row_url, data=data).status_code == 200  # without htmx: the page
    assert _saved(db) == before


@pytest.mark.parametrize("odd", ODD_IDS)
def test_an_odd_save_row_value_saves_the_whole_week(client, auth, db, active, odd):
    case, version = active
    auth.login("ana.ec@example.org")
    token = csrf_token(client.get(f"/cases/{case.id}/track").text)
    data = {"csrf_token": token, "save_row": odd, **_week(version)}
    response = client.post(f"/cases/{case.id}/track/week/{WEEK}", data=data)
    assert response.status_code == 303
    assert _saved(db)[0] == len(version.activities)


@pytest.mark.parametrize("odd", ODD_IDS)
def test_an_odd_noncompliance_id_on_the_good_cause_page_is_not_found(client, auth, db, active, odd):
    case, _version = active
    auth.login("ana.ec@example.org")
    assert (
        client.get(f"/cases/{case.id}/good-cause", query_string={"episode": odd}).status_code == 404
    )
    token = csrf_token(client.get(f"/cases/{case.id}/good-cause").text)
    before = _saved(db)
    response = client.post(
        f"/cases/{case.id}/good-cause", data={"csrf_token": token, "episode": odd}
    )
    assert response.status_code == 404
    assert "That noncompliance is not on this case." in response.text
    assert _saved(db) == before


@pytest.mark.parametrize("odd", ODD_IDS)
def test_an_odd_case_id_ticked_for_reassignment_is_ignored(client, auth, db, team, odd):
    mine = f.case(db, team["ana"], first="Rosa", last="Delgado")
    db.commit()
    auth.login("sam.sup@example.org")
    token = csrf_token(client.get("/cases").text)
    data = {"csrf_token": token, "case_ids": [odd, str(mine.id)], "worker_id": str(team["ben"].id),
            "reason": "Ana leaves"}  # fmt: skip
    response = client.post("/cases/reassign", data=data)
    assert response.status_code == 302
    db.expire_all()
    assert mine.assigned_worker_id == team["ben"].id
    alone = client.post("/cases/reassign", data={**data, "case_ids": [odd]})
    assert alone.status_code == 302  # back to the caseload: "Tick at least one case"
    assert "Tick at least one case in the table." in client.get("/cases").text


def test_a_date_the_week_form_cannot_read_is_shown_back_not_a_500(client, auth, db, active):
    """The fuzzing's NUL and far-off dates in the verified-on field: a message, nothing saved."""
    case, version = active
    auth.login("ana.ec@example.org")
    token = csrf_token(client.get(f"/cases/{case.id}/track").text)
    data = {"csrf_token": token, **_week(version, **{"rows-0-provider_verified": "y",
            "rows-0-verified_by": "\x00", "rows-0-verified_on": "9999-12-31"})}  # fmt: skip
    response = client.post(f"/cases/{case.id}/track/week/{WEEK}", data=data)
    assert response.status_code == 200 and _saved(db) == (0, 0)
    assert date(2026, 11, 23).strftime("%m/%d/%Y") in response.text  # "cannot be after today"


@pytest.mark.pure
@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(raw=st.one_of(st.text(), st.sampled_from(ODD_IDS), st.integers().map(str)))
def test_an_id_read_from_a_form_field_is_a_database_id_or_none(raw):
    number = form_id(raw)
    assert number is None or 0 <= number <= MAX_ID
    if number is not None:
        assert raw.strip().isascii() and int(raw.strip()) == number
