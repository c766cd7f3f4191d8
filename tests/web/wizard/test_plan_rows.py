"""The plan's activity rows (issue 13): what a plan ready to sign must say about each activity,
kinds that follow "Comes from", a failed save that keeps the form as typed (no extra empty rows,
errors named "Activity 2 (Parenting class): end date"), "To finish" counting the typed rows, and
"Save and mark ready to sign" landing on the signing page."""

from __future__ import annotations

from sqlalchemy import select

from models import Plan, PlanVersion
from models.enums import PlanStatus, Stage
from tests import factories as f
from tests.helpers import HX, pdf_text, post_form
from tests.html import by_id, element, elements, select_options, text_of
from tests.web.wizard.test_plan import SEED_ROWS, _case, _plan_data, _save, _with_wtw


def _bare(data: dict, i: int) -> dict:
    """Row i left with only its name, kind and hours: no provider, schedule, dates nor
    progress standard."""
    for item in ("provider_name", "schedule", "start_on", "end_on", "progress_standard"):
        data[f"activities-{i}-{item}"] = ""
    return data


def _rows_on(page: str) -> list[str]:
    return [e.id for e in elements(page, "#activities-table tbody.tandem-plan-activity")]


def test_ready_is_refused_with_one_error_per_missing_item_a_signed_plan_needs(
    client, auth, db, team
):
    case = _case(db, team["ana"], agenda=True)
    auth.login("ana.ec@example.org")
    data = _bare(_with_wtw(ready="1"), 1)
    response = _save(client, case, data)
    assert response.status_code == 200
    assert "Saved, but the case cannot move on yet" in response.text
    blocked = response.text
    for missing in ("no provider", "no start date", "no progress standard"):
        assert f"Activity 2 (Parenting class): {missing}." in blocked
    db.refresh(case)
    assert case.stage == Stage.MEETING_HELD
    assert db.scalars(select(PlanVersion)).one().status == PlanStatus.DRAFT
    # The row says what it lacks, as errors (must fix) and warnings (to check).
    row = text_of(by_id(response.text, "activity-1-findings"))
    assert "no provider" in row and "no schedule" in row and "no end date" in row
    status = text_of(by_id(response.text, "activity-1-status"))
    assert "3 to fix" in status and "2 to check" in status
    assert "Complete" in text_of(by_id(response.text, "activity-0-status"))
    # The totals panel counts every row's findings (row 0 is complete: row 1's are all of them).
    counts = text_of(by_id(response.text, "row-findings-count"))
    assert counts.startswith("Activities: 3 to fix 2 to check")


def test_no_schedule_nor_end_date_are_warnings_and_the_wtw2_prints_what_they_mean(
    client, auth, db, team
):
    case = _case(db, team["ana"], agenda=True)
    auth.login("ana.ec@example.org")
    data = _with_wtw(ready="1")
    data.update({"activities-4-schedule": "", "activities-4-end_on": ""})
    preview = post_form(
        client, f"/cases/{case.id}/plan", f"/cases/{case.id}/plan/preview", data, headers=HX
    ).text
    findings = text_of(by_id(preview, "activity-4-findings"))
    assert "Activity 5 (Job club): no schedule. The WTW 2 will say “No fixed schedule”" in findings
    assert "It runs to the end of the plan (11/30/2027)" in findings
    response = _save(client, case, data)
    assert response.status_code == 303  # warnings do not stop "ready to sign"
    db.refresh(case)
    assert case.stage == Stage.PLAN_PENDING_SIGNATURE
    # The signing page says what the printed row will say, before anyone signs.
    checks = text_of(by_id(client.get(response.headers["Location"]).text, "sign-checks"))
    assert "Activity 5 (Job club): no schedule." in checks and "no end date." in checks
    pdf = client.get(f"/cases/{case.id}/documents/wtw2.pdf")
    assert pdf.status_code == 200
    text = " ".join(pdf_text(pdf.data).split())
    assert "Job club Gardner Family Care 15 No fixed schedule" in text  # not "—"
    assert "end of the plan" in text


def test_ready_lands_on_the_signing_page_not_on_track(client, auth, db, team):
    case = _case(db, team["ana"], agenda=True)
    auth.login("ana.ec@example.org")
    response = _save(client, case, _with_wtw(ready="1"))
    assert response.status_code == 303
    assert response.headers["Location"] == f"/cases/{case.id}/sign"
    page = client.get(response.headers["Location"]).text
    assert "Plan ready to sign." in page and "go to Close" not in page


def test_kind_of_activity_offers_only_kinds_that_fit_where_the_row_comes_from(
    client, auth, db, team
):
    orange = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = _case(db, orange)
    auth.login("oscar.ec@example.org")
    page = client.get(f"/cases/{case.id}/plan").text
    cfs_kinds = [o.text for o in select_options(page, "activities-0-kind")]
    assert (
        "Parenting class" in cfs_kinds
        and "Other CFS case-plan item (e.g. SW contacts)" in cfs_kinds
    )
    assert "Job search" not in cfs_kinds and "Employment" not in cfs_kinds
    assert not any("DFCS" in kind for kind in cfs_kinds)  # Orange's own words only
    # The select posts "Comes from" and gets the row's list back (htmx).
    source = by_id(page, "activities-0-source")
    assert source.get("data-hx-post") == f"/cases/{case.id}/plan/kind?row=0"
    data = _plan_data(rows=[("Parenting class", "parenting_class", "3")])
    data["activities-0-source"] = "wtw"
    swapped = post_form(
        client, f"/cases/{case.id}/plan", f"/cases/{case.id}/plan/kind?row=0", data, headers=HX
    )
    assert swapped.status_code == 200 and "<html" not in swapped.text
    wtw_kinds = [o.text for o in select_options(swapped.text, "activities-0-kind")]
    assert "Job search" in wtw_kinds and "Parenting class" not in wtw_kinds
    assert "Substance-abuse services (AA/NA, recovery groups)" in wtw_kinds  # either side
    chosen = [o.value for o in select_options(swapped.text, "activities-0-kind") if o.selected]
    assert chosen in ([], [""])  # the old kind does not fit: choose again
    # A row number that is not on the form is not there.
    gone = post_form(
        client, f"/cases/{case.id}/plan", f"/cases/{case.id}/plan/kind?row=9", data, headers=HX
    )
    assert gone.status_code == 404


def test_a_kind_that_does_not_fit_is_refused_next_to_the_field_without_javascript(
    client, auth, db, team
):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    data = _plan_data(rows=SEED_ROWS[:1] + [("Job search", "job_search", "5")])
    response = _save(client, case, data)
    assert response.status_code == 200
    message = text_of(by_id(response.text, "activities-1-kind-error"))
    assert message == (
        "“Job search” is a WTW activity, not an item of the DFCS case plan: choose a DFCS kind, "
        "or change “Comes from” to WTW."
    )
    kept = [o for o in select_options(response.text, "activities-1-kind") if o.selected]
    assert [o.text for o in kept] == ["Job search"]  # what was typed is shown with the message
    assert db.scalars(select(Plan)).first() is None


def test_a_failed_save_keeps_the_rows_typed_and_names_the_row_in_the_summary(
    client, auth, db, team
):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    data = _plan_data(rows=SEED_ROWS[:2], **{"activities-1-end_on": "2026-11-01"})
    response = _save(client, case, data)
    assert response.status_code == 200
    page = response.text
    assert _rows_on(page) == ["activity-0", "activity-1"]  # no empty rows added
    link = element(page, 'a[href="#activities-1-end_on"]')
    assert link is not None
    assert text_of(link).startswith("Activity 2 (Parenting class): end date:")
    assert "Activities 2" not in page
    # "To finish" reads the two typed rows: it does not ask for an activity.
    to_finish = text_of(by_id(page, "next-blockers"))
    assert "To finish" in to_finish and "Add at least one activity" not in to_finish
    assert db.scalars(select(Plan)).first() is None


def test_a_new_plan_has_one_row_to_type_into(client, auth, db, team):
    case = _case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/plan").text
    assert _rows_on(page) == ["activity-0"]
    assert len(elements(page, "#services-table tbody tr")) == 1
    saved = _save(client, case, _plan_data())
    assert saved.status_code == 302
    assert _rows_on(client.get(f"/cases/{case.id}/plan").text) == [
        f"activity-{i}" for i in range(4)
    ]
