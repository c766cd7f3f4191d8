"""The plan's live preview keeps up with typing (issue 14): the draft is written only when what
was typed changed, the answer holds only what the page does not show yet, and its SQL does not
grow with the rows. The totals themselves are tested in test_plan.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event, select
from werkzeug.datastructures import MultiDict

from blueprints.forms.plan import PlanForm
from blueprints.forms.plan_typed import TypedPlan
from models.drafts import StepDraft
from tests import factories as f
from tests.helpers import HX, statements_for
from tests.html import by_id, csrf_token, elements, field_value
from tests.web.wizard.test_plan import _case, _plan_data, _row

OOB = "[data-hx-swap-oob]"


def _page(client, case) -> str:
    return client.get(f"/cases/{case.id}/plan").text


def _post(client, case, data, page: str | None = None):
    """POST the preview as htmx does: the whole form, the page's hidden fields included."""
    page = page if page is not None else _page(client, case)
    fields = {"csrf_token": csrf_token(page), "version": field_value(page, "version") or "0"}
    return client.post(f"/cases/{case.id}/plan/preview", data={**fields, **data}, headers=HX)


def _swapped(html: str) -> set[str]:
    """The ids the answer swaps out of band."""
    return {e.id for e in elements(html, OOB)}


def _twenty() -> dict:
    data = _plan_data(rows=[])
    for i in range(20):
        data.update(_row(i, f"Activity {i + 1}", "counseling", "1"))
    return data


def test_two_identical_previews_write_the_draft_once(app, client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = _page(client, case)
    data = {"csrf_token": csrf_token(page), "version": "0", **_plan_data()}
    url = f"/cases/{case.id}/plan/preview"

    def writes() -> list[str]:
        sql = statements_for(app, client, url, "post", data=data, headers=HX)
        return [s for s in sql if s.startswith(("INSERT", "UPDATE")) and "step_draft" in s]

    first, again = writes(), writes()
    assert len(first) == 1 and first[0].startswith("INSERT INTO step_draft")
    assert again == []  # the same form again (the "change" after the pause): nothing written
    saved_at = db.scalars(select(StepDraft)).one().saved_at
    data["activities-0-hours"] = "2.5"
    changed = writes()
    assert len(changed) == 1 and changed[0].startswith("UPDATE step_draft")
    db.expire_all()
    draft = db.scalars(select(StepDraft)).one()
    assert draft.saved_at >= saved_at and draft.formdata()["activities-0-hours"] == "2.5"


def _commits(app, send) -> int:  # type: ignore[no-untyped-def]
    """How many transactions that wrote `send()` committed (the engine's commit event, both
    databases). On PostgreSQL a request that only read ends with a commit too, of nothing
    (models/db._close_db): the server assigned that transaction no id, and it is not counted."""
    engine, seen = app.extensions["tandem_engine"], []

    def commit(conn) -> None:  # type: ignore[no-untyped-def]
        if conn.dialect.name == "postgresql":
            wrote = conn.exec_driver_sql("SELECT txid_current_if_assigned()").scalar()
            if wrote is None:
                return
        seen.append(conn)

    event.listen(engine, "commit", commit)
    try:
        assert send().status_code == 200
    finally:
        event.remove(engine, "commit", commit)
    return len(seen)


def test_an_autosave_that_repeats_the_draft_commits_nothing(app, client, auth, db, team):
    """htmx posts the whole form after every pause in typing and again on leaving a field: a
    post that repeats the stored draft sends no COMMIT (and, on PostgreSQL, no second BEGIN for
    the reads after it); one that changes it is committed, so another session sees it."""
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = _page(client, case)
    data = {"csrf_token": csrf_token(page), "version": "0", **_plan_data()}
    preview = f"/cases/{case.id}/plan/preview"
    autosave = f"/cases/{case.id}/plan/draft"

    def post(url: str):  # type: ignore[no-untyped-def]
        return lambda: client.post(url, data=data, headers=HX)

    assert _commits(app, post(preview)) == 1  # the first draft
    assert _commits(app, post(preview)) == 0
    assert _commits(app, post(autosave)) == 0  # the draft endpoint, same rule
    data["activities-0-hours"] = "2.5"
    assert _commits(app, post(autosave)) == 1
    db.expire_all()
    assert db.scalars(select(StepDraft)).one().formdata()["activities-0-hours"] == "2.5"
    assert _commits(app, post(preview)) == 0


def test_the_preview_answers_only_the_row_that_changed(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    data = _twenty()
    # A page that has not told what it shows (an older page, a client without the field) gets
    # every row's findings and checks, and the fingerprint of what it then shows.
    first = _post(client, case, data)
    assert first.status_code == 200
    rows = {f"activity-{i}-{part}" for i in range(20) for part in ("findings", "status")}
    assert rows <= _swapped(first.text)
    shown = by_id(first.text, "plan-preview-shown").get("value")
    # The EC clears row 7's schedule: a "Check" under row 7, nothing new to finish. The answer
    # carries the panel, row 7 and the new fingerprint.
    data["activities-7-schedule"] = ""
    typed = _post(client, case, {**data, "preview_shown": shown})
    assert _swapped(typed.text) == {
        "activity-7-findings",
        "activity-7-status",
        "plan-preview-shown",
    }
    # The panel's contents, for the live region that stays in the page (issue 16).
    assert by_id(typed.text, "plan-totals-heading").text == "Weekly hours"
    assert 'id="plan-totals"' not in typed.text
    assert len(typed.data) < 3500 < len(first.data)
    # Leaving the field sends the same form again: the panel only, and the fingerprint.
    shown = by_id(typed.text, "plan-preview-shown").get("value")
    again = _post(client, case, {**data, "preview_shown": shown})
    assert _swapped(again.text) == {"plan-preview-shown"}
    assert len(again.data) < 3000


def test_the_page_tells_the_first_preview_what_it_shows(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    data = _twenty()
    _post(client, case, data)  # kept as the draft: the page opens on it
    page = _page(client, case)
    shown = field_value(page, "preview_shown")
    assert shown and len(shown.split()) == 21  # "To finish" and each of the 20 rows
    data["activities-0-schedule"] = ""
    answer = _post(client, case, {**data, "preview_shown": shown}, page=page)
    assert _swapped(answer.text) == {
        "activity-0-findings",
        "activity-0-status",
        "plan-preview-shown",
    }


def test_to_finish_comes_along_only_when_it_changed(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    data = _plan_data(rows=[])
    data.update(_row(0, "Counseling", "counseling", "2"))
    first = _post(client, case, data)
    assert "next-blockers" in _swapped(first.text)
    shown = by_id(first.text, "plan-preview-shown").get("value")
    # The provider cleared: a new "Must fix" under the row and in "To finish".
    data["activities-0-provider_name"] = ""
    second = _post(client, case, {**data, "preview_shown": shown})
    assert {"next-blockers", "activity-0-findings"} <= _swapped(second.text)
    assert "no provider" in by_id(second.text, "next-blockers").text
    shown = by_id(second.text, "plan-preview-shown").get("value")
    third = _post(client, case, {**data, "preview_shown": shown})
    assert "next-blockers" not in _swapped(third.text)


def test_a_preview_runs_the_same_sql_for_1_or_20_activities(app, client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    token = csrf_token(_page(client, case))
    url = f"/cases/{case.id}/plan/preview"
    one = _plan_data(rows=[])
    one.update(_row(0, "Counseling", "counseling", "2"))
    counts = []
    for data in (one, _twenty()):
        form = {"csrf_token": token, "version": "0", **data}
        statements_for(app, client, url, "post", data=form, headers=HX)  # the draft written
        counts.append(len(statements_for(app, client, url, "post", data=form, headers=HX)))
    assert counts[0] == counts[1]
    # The account; the case with its county, household, children and social worker in one
    # query; the plan; the draft; the latest meeting. The navigation's counts are not counted
    # for a partial that does not show them.
    assert counts[0] <= 5


def test_a_saved_draft_plan_costs_the_preview_no_more_sql(app, client, auth, db, team):
    """A plan saved as a draft (a version with its activities) is read in the plan's own query,
    its versions joined; the saved activities are not read: the preview counts what is typed."""
    case = _case(db, team["ana"])
    f.make_plan(db, case, signed=False)
    db.commit()
    auth.login("ana.ec@example.org")
    token = csrf_token(_page(client, case))
    url = f"/cases/{case.id}/plan/preview"
    form = {"csrf_token": token, "version": "1", **_twenty()}
    statements_for(app, client, url, "post", data=form, headers=HX)  # the draft written
    sql = statements_for(app, client, url, "post", data=form, headers=HX)
    assert not any("FROM plan_activity" in s for s in sql), sql
    assert len(sql) <= 5, sql


def test_the_preview_reads_rows_as_the_form_does(app):
    """forms.plan_typed reads the posted fields as PlanForm would: defaults, both date formats,
    an impossible date, unticked boxes, a gap in the row numbers, bad hours."""
    data = MultiDict(
        [
            ("period_start", "12/01/2026"),
            ("period_end", "2027-11-30"),
            ("sw_agreement_on", "11/31/2026"),
            ("activities-0-name", "Counseling"),
            ("activities-0-hours", " 2.5 "),
            ("activities-0-start_on", "12/01/2026"),
            ("activities-0-on_wtw2", "y"),
            ("activities-2-source", "wtw"),
            ("activities-2-kind", "job_search"),
            ("activities-2-name", "Job search"),
            ("activities-2-hours", "-1"),
            ("activities-2-end_on", "2027-02-30"),
            ("activities-5-source", "wtw"),
            ("activities-5-hours", "ten"),
            ("activities-5-on_1811", "y"),
            ("activities-7-kind", ""),
        ]
    )
    with app.test_request_context(method="POST", data=data):
        form = PlanForm(formdata=data)
        typed = TypedPlan.read(data)
        assert (typed.period_start, typed.period_end) == (date(2026, 12, 1), date(2027, 11, 30))
        assert typed.sw_agreement_on is None and form.sw_agreement_on.data is None
        for uses_1811 in (True, False):
            assert typed.activity_inputs(uses_1811) == form.activity_inputs(uses_1811)
        assert len(typed.rows) == len(form.activities.entries) == 4
        assert [r["source"] for r in typed.filled()] == [
            e.source.data for e in form.filled_activities()
        ]


@pytest.mark.pure
def test_a_row_posted_again_is_read_from_the_memo_and_nobody_can_change_it():
    from blueprints.forms import plan_typed

    def posted(hours_of_row_1: str) -> MultiDict:
        return MultiDict(
            [
                ("activities-0-source", "cfs"),
                ("activities-0-kind", "counseling"),
                ("activities-0-name", "Counseling"),
                ("activities-0-hours", "2"),
                ("activities-1-source", "wtw"),
                ("activities-1-kind", "job_search"),
                ("activities-1-name", "Job search"),
                ("activities-1-hours", hours_of_row_1),
            ]
        )

    first = TypedPlan.read(posted("10"))
    inputs, errors = first.activity_inputs(True)
    assert [i.hours_per_week for i in inputs] == [2, 10] and errors == {}
    before = plan_typed._row.cache_info()
    again = TypedPlan.read(posted("10.5"))  # the EC typed in row 2 only
    inputs, errors = again.activity_inputs(True)
    assert [i.hours_per_week for i in inputs] == [2, Decimal("10.5")] and errors == {}
    after = plan_typed._row.cache_info()
    assert after.hits > before.hits and after.misses == before.misses + 1  # row 2 read anew
    assert TypedPlan.read(posted("ten")).activity_inputs(True)[1].keys() == {1}
    with pytest.raises(TypeError):
        again.rows[0]["hours"] = "40"  # type: ignore[index]  # shared by every request
    assert TypedPlan.read(posted("10")).activity_inputs(True)[0][0].hours_per_week == 2
