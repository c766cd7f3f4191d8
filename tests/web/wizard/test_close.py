"""Step 6, Close: route, closing date, social worker told, indicator end-dated (R-CL-01..04)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import AuditEvent, CaseEvent, MutualCase, Plan, PlanVersion, SocialWorker, StepDraft
from models.base import utcnow
from models.enums import ClosureRoute, PlanStatus, Role, Stage
from models.operations.history import record_event
from tests import factories as f
from tests.helpers import HX, post_form
from tests.html import csrf_token, field_value, text_of

ALL_FOUR = {
    "closure_route": "transfer",
    "closed_on": "2026-11-20",
    "sw_notified_on": "2026-11-20",
    "indicator_end_on": "2026-11-23",
    "closure_note": "DFCS closed the FM case; CWES goes on in the district office.",
}
MISSING = (
    "Enter the closing date.",
    "Record the date the social worker was notified (R-CL-04).",
    "End-date the “CalWORKs Common Case” journal entry in CalSAWS (R-CL-04).",
)


def _close(client, case, data):
    """Send the form; with all four facts the answer is the summary to confirm first."""
    url = f"/cases/{case.id}/close"
    return post_form(client, url, url, data)


def _close_confirmed(client, case, data):
    """Send the form and confirm on the summary, as the EC does (issue 13)."""
    url = f"/cases/{case.id}/close"
    return post_form(client, url, url, dict(data, decision="confirm"))


def _summaries(db, case):
    stmt = select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    return [e.summary for e in db.scalars(stmt)]


def _fresh(db, case):
    db.expire_all()
    return db.get(MutualCase, case.id)


def test_all_four_facts_close_the_case_and_the_page_becomes_read_only(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("ana.ec@example.org")
    response = _close_confirmed(client, case, ALL_FOUR)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{case.id}/close"
    case = _fresh(db, case)
    assert case.stage == Stage.CLOSED and case.closure_route == ClosureRoute.TRANSFER
    assert case.closed_on == date(2026, 11, 20) and case.indicator_end_on == date(2026, 11, 23)
    # Only recorded here: the child-welfare case is closed by DFCS, not by Tandem.
    assert case.child_welfare_case.open is True and case.child_welfare_case.closed_on is None
    assert _summaries(db, case) == [
        "Closure details saved",
        "Stage: Plan active → Closing",
        "Stage: Closing → Closed",
    ]
    page = client.get(f"/cases/{case.id}/close").text
    assert "The case is closed." in page  # the flash
    assert "Transfer to a district office" in page and "11/23/2026" in page
    assert "DFCS closed the FM case" in page and "Closed by Ana Reyes" in page
    assert 'name="closure_route"' not in page and 'name="closed_on"' not in page
    history = client.get(f"/cases/{case.id}/history").text
    assert "Closure route:</strong> (blank) → Transfer to a district office" in history
    assert "Indicator end-dated on:</strong> (blank) → 2026-11-23" in history


def test_route_only_moves_to_closing_and_lists_the_three_missing_items(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("ana.ec@example.org")
    response = _close(client, case, {"closure_route": "post_aid"})
    assert response.status_code == 302
    assert _fresh(db, case).stage == Stage.CLOSING
    page = client.get(f"/cases/{case.id}/close").text
    assert "Still needed to close it" in page
    for reason in MISSING:
        assert reason in page
    assert "Choose the closure route" not in page
    assert field_value(page, "closure_route") == "post_aid"  # the route stays chosen
    # The rest later: now it closes.
    _close_confirmed(client, case, dict(ALL_FOUR, closure_route="post_aid"))
    assert _fresh(db, case).stage == Stage.CLOSED


def test_nothing_chosen_asks_for_the_route_and_saves_nothing(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.ASSIGNED)
    db.commit()
    auth.login("ana.ec@example.org")
    page = _close(client, case, {"closed_on": "2026-11-20"})
    assert page.status_code == 200
    assert "Choose the closure route: why is the case closing?" in page.text
    assert 'value="2026-11-20"' in page.text
    assert _fresh(db, case).stage == Stage.ASSIGNED and _summaries(db, case) == []


def test_closing_date_not_in_the_future_and_not_before_identification(client, auth, db, team):
    """Issue 13: the closing date records something done: not after today (it used to allow
    30 days ahead), not before the case was identified."""
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 11, 18))
    db.commit()
    auth.login("ana.ec@example.org")
    for typed in ("2026-11-24", "12/23/2026"):
        page = _close_confirmed(client, case, dict(ALL_FOUR, closed_on=typed)).text
        assert text_of(page, "#closed_on-error") == (
            "The closing date cannot be after today (11/23/2026): record it once it has "
            "happened. Check the year and the month."
        )
        assert field_value(page, "closed_on") == typed
    page = _close_confirmed(client, case, dict(ALL_FOUR, closed_on="2026-11-02")).text
    assert text_of(page, "#closed_on-error") == (
        "The closing date cannot be before the case was identified (11/18/2026)."
    )
    assert _fresh(db, case).stage == Stage.PLAN_ACTIVE and _summaries(db, case) == []
    # Today is the latest closing date.
    response = _close_confirmed(client, case, dict(ALL_FOUR, closed_on="2026-11-23"))
    assert response.status_code == 302
    assert _fresh(db, case).stage == Stage.CLOSED


def test_future_notification_and_indicator_dates_are_refused_and_kept(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("ana.ec@example.org")
    data = dict(ALL_FOUR, sw_notified_on="2026-12-01", indicator_end_on="12/02/2026")
    page = _close_confirmed(client, case, data)
    assert page.status_code == 200
    assert text_of(page.text, "#sw_notified_on-error").startswith(
        "The date the social worker was told cannot be after today (11/23/2026)"
    )
    assert text_of(page.text, "#indicator_end_on-error").startswith(
        "The indicator end date cannot be after today (11/23/2026)"
    )
    assert 'value="2026-12-01"' in page.text and 'value="12/02/2026"' in page.text
    page = _close_confirmed(client, case, dict(ALL_FOUR, sw_notified_on="31/31/2026")).text
    assert "Enter the date as month/day/year, for example 11/23/2026." in page
    assert _fresh(db, case).stage == Stage.PLAN_ACTIVE


def test_social_worker_told_not_before_the_case_existed_but_before_closing_is_fine(
    client, auth, db, team
):
    """Issue 13: "social worker told" on a date before the case existed was accepted. Telling
    them before the closing date (the notice went out ahead) is normal."""
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 11, 18))
    db.commit()
    auth.login("ana.ec@example.org")
    page = _close_confirmed(client, case, dict(ALL_FOUR, sw_notified_on="2026-11-17")).text
    assert text_of(page, "#sw_notified_on-error") == (
        "The date the social worker was told cannot be before the case was identified (11/18/2026)."
    )
    assert field_value(page, "sw_notified_on") == "2026-11-17"
    assert _fresh(db, case).stage == Stage.PLAN_ACTIVE and _summaries(db, case) == []
    early = dict(ALL_FOUR, sw_notified_on="2026-11-18", closed_on="2026-11-20")
    assert _close_confirmed(client, case, early).status_code == 302
    assert _fresh(db, case).sw_notified_on == date(2026, 11, 18)


def test_indicator_end_date_not_before_the_closing_date(client, auth, db, team):
    """Issue 13: an indicator end date before the closing date was accepted; the hint says what
    the date is (the day the EC end-dated the marker) and its bounds."""
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/close").text
    assert text_of(page, "#indicator_end_on-hint").startswith(
        "The day you end-dated the “CalWORKs Common Case” journal entry in CalSAWS: on or "
        "after the closing date, and today or earlier"
    )
    data = dict(ALL_FOUR, closed_on="2026-11-21", indicator_end_on="11/20/2026")
    page = _close_confirmed(client, case, data).text
    assert text_of(page, "#indicator_end_on-error") == (
        "The indicator is end-dated on or after the closing date (11/21/2026), not before it."
    )
    assert field_value(page, "indicator_end_on") == "11/20/2026"
    assert _fresh(db, case).stage == Stage.PLAN_ACTIVE and _summaries(db, case) == []
    # Saved without a closing date yet, the end date still cannot predate the case.
    page = _close(client, case, dict(ALL_FOUR, closed_on="", indicator_end_on="2026-11-01")).text
    assert text_of(page, "#indicator_end_on-error") == (
        "The indicator end date cannot be before the case was identified (11/18/2026)."
    )
    assert _fresh(db, case).stage == Stage.PLAN_ACTIVE


def test_an_unsigned_plan_ends_with_the_case_a_signed_one_is_left_as_signed(client, auth, db, team):
    draft_case = f.case(db, team["ana"], stage=Stage.MEETING_HELD, first="Draft")
    signed_case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, first="Signed")
    for case, status in ((draft_case, PlanStatus.DRAFT), (signed_case, PlanStatus.ACTIVE)):
        plan = Plan(case_id=case.id, plan_number=f"P-{case.id}")
        plan.versions.append(PlanVersion(version_no=1, status=status, requirement=30))
        db.add(plan)
    db.commit()
    auth.login("ana.ec@example.org")
    _close_confirmed(client, draft_case, ALL_FOUR)
    _close_confirmed(client, signed_case, ALL_FOUR)
    db.expire_all()
    versions = {v.plan.case_id: v.status for v in db.scalars(select(PlanVersion))}
    assert versions == {draft_case.id: PlanStatus.ENDED, signed_case.id: PlanStatus.ACTIVE}
    assert "Plan version 1 ended with the case" in _summaries(db, draft_case)


def test_a_person_who_is_not_mutual_cannot_be_closed(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.NOT_MUTUAL, not_mutual_reason="No open DFCS case")
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/close").text
    assert "recorded as not a common case, so there is nothing to close" in page
    assert 'name="closure_route"' not in page
    response = _close(client, case, ALL_FOUR)
    assert response.status_code == 200 and "Nothing was saved" in response.text
    case = _fresh(db, case)
    assert case.stage == Stage.NOT_MUTUAL and case.closure_route is None


def test_a_closed_case_cannot_be_changed_by_posting_again(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("ana.ec@example.org")
    _close_confirmed(client, case, ALL_FOUR)
    response = _close_confirmed(client, case, dict(ALL_FOUR, closure_route="closed_files"))
    assert response.status_code == 200 and "this case is already closed" in response.text
    assert _fresh(db, case).closure_route == ClosureRoute.TRANSFER


def test_a_stale_version_shows_the_conflict_and_saves_nothing(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/close"
    html = client.get(url).text
    # Sam saves the case meanwhile.
    case.closure_note = "Sam: wait for the DFCS e-mail"
    case.updated_at = utcnow()
    record_event(db, case.id, team["sup"].id, "close", "Closure details saved")
    db.commit()
    data = dict(ALL_FOUR, csrf_token=csrf_token(html), version="1")
    response = client.post(url, data=data)
    assert response.status_code == 200
    assert "Sam Supervisor saved this case" in response.text
    assert 'value="2026-11-23"' in response.text  # what Ana typed is kept
    case = _fresh(db, case)
    assert case.stage == Stage.PLAN_ACTIVE and case.closure_route is None


def test_supervisor_can_close_a_case_in_the_unit(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.INTEGRATION_DECLINED)
    db.commit()
    auth.login("sam.sup@example.org")
    assert _close_confirmed(client, case, ALL_FOUR).status_code == 302
    assert _fresh(db, case).stage == Stage.CLOSED


def test_other_units_get_404_and_admins_403(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    db.commit()
    auth.login("olga.ec@example.org")
    url = f"/cases/{case.id}/close"
    assert client.get(url).status_code == 404
    token = csrf_token(client.get("/cases").text)
    assert client.post(url, data=dict(ALL_FOUR, csrf_token=token)).status_code == 404
    auth.logout()
    auth.login("ada.admin@example.org")
    assert client.get(url).status_code == 403
    assert _fresh(db, case).stage == Stage.PLAN_ACTIVE


def test_the_page_reminds_the_ec_to_tell_the_social_worker(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    case.child_welfare_case.social_worker = SocialWorker(
        county_id=case.county_id,
        name="Dana Whitfield",
        email="dana.whitfield@dfcs.example.org",
        phone="408-555-0142",
    )
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/close").text
    assert "Tell the DFCS social worker (R-CL-04)" in page
    assert "Dana Whitfield" in page and "408-555-0142" in page
    assert 'href="mailto:dana.whitfield@dfcs.example.org"' in page
    assert "CalSAWS journal “CalWORKs Common Case” was end-dated" in page
    assert "submit a case transfer to the appropriate case-management district office" in page


def test_orange_words(client, auth, db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(db, oscar, stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("oscar.ec@example.org")
    page = client.get(f"/cases/{case.id}/close").text
    assert "Date the mutual-client indicator was end-dated" in page
    assert "Date the CFS social worker was told" in page and "CalSAWS journal" not in page
    assert "No social worker is recorded on this case." in page


def test_a_closed_case_leaves_the_open_caseload_and_is_one_filter_away(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, first="Rosa", last="Delgado")
    db.commit()
    auth.login("ana.ec@example.org")
    _close_confirmed(client, case, ALL_FOUR)
    assert "Rosa Delgado" not in client.get("/cases").text  # open cases by default (issue 13)
    page = client.get("/cases", query_string={"stage": "all"})
    assert page.status_code == 200
    assert "Rosa Delgado" in page.text and "Closed" in page.text


def test_typing_is_kept_as_a_draft_and_dropped_after_saving(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/close"
    token = csrf_token(client.get(url).text)
    draft = client.post(
        f"{url}/draft",
        data={
            "csrf_token": token,
            "version": "1",  # the browser sends the whole form, hidden version included
            "closure_route": "closed_files",
            "closed_on": "11/19/2026",
        },
        headers=HX,
    )
    assert draft.status_code == 200
    page = client.get(url).text
    assert "Unsaved changes from" in page and 'value="11/19/2026"' in page
    assert field_value(page, "closure_route") == "closed_files"
    assert _fresh(db, case).stage == Stage.PLAN_ACTIVE  # a draft changes nothing
    _close_confirmed(client, case, dict(ALL_FOUR, closure_route="closed_files"))
    assert _fresh(db, case).stage == Stage.CLOSED
    actions = [
        a.action for a in db.scalars(select(AuditEvent).where(AuditEvent.case_id == case.id))
    ]
    assert "case_closed" in actions
    assert db.scalars(select(StepDraft).where(StepDraft.case_id == case.id)).first() is None
