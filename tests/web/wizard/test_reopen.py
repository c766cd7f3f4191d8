"""Issue 13: a supervisor of the unit reopens a case closed by mistake, with a reason kept in the
history and an audit row; links that ended stay ended; an EC is told a supervisor can."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from models import AuditEvent, CaseEvent, MutualCase, PlanVersion
from models.enums import LinkState, PlanStatus, Role, ShareScope, Stage
from models.operations.share_links import create_link, link_state
from models.share import ShareLink
from tests import factories as f
from tests.helpers import post_form
from tests.html import by_id, csrf_token, text_of

ALL_FOUR = {
    "closure_route": "transfer",
    "closed_on": "2026-11-20",
    "sw_notified_on": "2026-11-20",
    "indicator_end_on": "2026-11-23",
    "decision": "confirm",
}
REASON = "Closed the wrong Maria Lopez: the DFCS case is still open."


def _closed_case(client, auth, db, team, stage=Stage.PLAN_ACTIVE, signed=True, link=True):
    """A case Ana closed through the Close step (with a working link to end)."""
    case = f.case(db, team["ana"], stage=stage)
    f.make_plan(db, case, signed=signed)
    if link:
        create_link(
            db,
            case,
            team["ana"].id,
            recipient_name="Dana Whitfield",
            recipient_email="dana@dfcs.example.org",
            days=30,
            scope=ShareScope.VIEW_DOWNLOAD,
        )
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/close"
    assert post_form(client, url, url, ALL_FOUR).status_code == 302
    auth.logout()
    return _fresh(db, case)


def _fresh(db, case):
    db.expire_all()
    return db.get(MutualCase, case.id)


def _reopen(client, case, reason):
    url = f"/cases/{case.id}/reopen"
    return post_form(client, url, url, {"reason": reason})


def test_supervisor_reopens_with_a_reason_kept_in_the_history(client, auth, db, team):
    case = _closed_case(client, auth, db, team)
    assert case.stage == Stage.CLOSED
    auth.login("sam.sup@example.org")
    close_page = client.get(f"/cases/{case.id}/close").text
    assert "Reopen the case" in text_of(close_page, "#reopen-note")
    page = client.get(f"/cases/{case.id}/reopen").text
    assert "back at Plan active" in text_of(page, "#reopen-target")
    assert text_of(page, "#reopen-links").startswith(
        "leaves the social worker's read-only links ended: Dana Whitfield."
    )
    assert "leaves the plan (version 1, active) as it is" in text_of(page, "#reopen-plan")
    response = _reopen(client, case, REASON)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/cases/{case.id}/track"
    case = _fresh(db, case)
    assert case.stage == Stage.PLAN_ACTIVE and case.closing_from is None
    assert case.closure_route is None and case.closed_on is None
    assert case.indicator_end_on is None and case.sw_notified_on is None
    event = db.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id.desc())
    ).first()
    assert event.summary == "Case reopened: Closed → Plan active"
    assert event.reason == REASON and event.user_id == team["sup"].id
    labels = {c.label: (c.before, c.after) for c in event.change_list()}
    assert labels["Stage"] == ("Closed", "Plan active")
    assert labels["Closing date"] == ("2026-11-20", "")
    audit = db.scalars(select(AuditEvent).where(AuditEvent.action == "case_reopened")).one()
    assert audit.case_id == case.id and audit.actor_user_id == team["sup"].id
    flash = client.get(f"/cases/{case.id}/track").text
    assert "The case is reopened: it is back at “Plan active”." in flash
    history = client.get(f"/cases/{case.id}/history").text
    assert "Case reopened: Closed → Plan active" in history
    assert f"Reason: {REASON}" in history
    # The social worker's link stays ended.
    link = db.scalars(select(ShareLink)).one()
    assert link_state(link, case) == LinkState.CASE_CLOSED


def test_the_reason_is_required(client, auth, db, team):
    case = _closed_case(client, auth, db, team)
    auth.login("sam.sup@example.org")
    response = _reopen(client, case, "   ")
    assert response.status_code == 200
    assert text_of(response.text, "#reason-error") == (
        "Give the reason for reopening the case: it is kept in the case history."
    )
    assert _fresh(db, case).stage == Stage.CLOSED
    assert not db.scalars(select(AuditEvent).where(AuditEvent.action == "case_reopened")).all()


def test_the_ec_is_told_a_supervisor_can_and_is_refused(client, auth, db, team):
    case = _closed_case(client, auth, db, team)
    auth.login("ana.ec@example.org")
    close_page = client.get(f"/cases/{case.id}/close").text
    assert text_of(close_page, "#reopen-note") == (
        "Closed by mistake? Only a supervisor of the unit can reopen the case: ask Sam "
        "Supervisor. The reason is kept in the case history."
    )
    assert "/reopen" not in close_page
    page = client.get(f"/cases/{case.id}/reopen")
    assert page.status_code == 403 and "ask Sam Supervisor" in page.text
    assert _reopen(client, case, REASON).status_code == 403
    assert _fresh(db, case).stage == Stage.CLOSED
    denied = db.scalars(select(AuditEvent).where(AuditEvent.action == "authz_denied")).all()
    assert len(denied) >= 2 and {d.object_id for d in denied} == {"wizard.reopen"}


def test_a_supervisor_of_another_unit_gets_404(client, auth, db, team):
    case = _closed_case(client, auth, db, team)
    f.user(db, "sue.sup@example.org", role=Role.SUPERVISOR, name="Sue Other")
    db.commit()
    auth.login("sue.sup@example.org")
    assert client.get(f"/cases/{case.id}/reopen").status_code == 404
    token = csrf_token(client.get("/cases").text)
    response = client.post(f"/cases/{case.id}/reopen", data={"csrf_token": token, "reason": "x"})
    assert response.status_code == 404
    assert _fresh(db, case).stage == Stage.CLOSED


def test_an_unsigned_plan_that_ended_with_the_case_is_a_draft_again(client, auth, db, team):
    case = _closed_case(client, auth, db, team, stage=Stage.MEETING_HELD, signed=False, link=False)
    version = db.scalars(select(PlanVersion)).one()
    assert version.status == PlanStatus.ENDED
    auth.login("sam.sup@example.org")
    page = client.get(f"/cases/{case.id}/reopen").text
    assert "back at Meeting held" in text_of(page, "#reopen-target")
    assert "plan version 1, which ended with the case" in text_of(page, "#reopen-plan")
    response = _reopen(client, case, REASON)
    assert response.headers["Location"] == f"/cases/{case.id}/plan"
    db.expire_all()
    assert _fresh(db, case).stage == Stage.MEETING_HELD
    assert db.scalars(select(PlanVersion)).one().status == PlanStatus.DRAFT


def test_closing_started_by_mistake_goes_back_too(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.ASSIGNED)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/close"
    post_form(client, url, url, {"closure_route": "closed_files"})
    assert _fresh(db, case).stage == Stage.CLOSING
    page = client.get(url).text
    assert text_of(page, "#reopen-note").startswith("Closing started by mistake?")
    auth.logout()
    auth.login("sam.sup@example.org")
    assert _reopen(client, case, "Wrong case").headers["Location"] == f"/cases/{case.id}/meeting"
    case = _fresh(db, case)
    assert case.stage == Stage.ASSIGNED and case.closure_route is None


def test_a_case_closed_before_the_stage_was_kept_goes_back_by_its_facts(client, auth, db, team):
    """Cases closed before the migration have no closing_from: their facts decide."""
    case = f.case(db, team["ana"], stage=Stage.CLOSED, closed_on=date(2026, 11, 20))
    db.commit()
    auth.login("sam.sup@example.org")
    assert "back at Assigned" in text_of(client.get(f"/cases/{case.id}/reopen").text, "#reopen")
    _reopen(client, case, REASON)
    assert _fresh(db, case).stage == Stage.ASSIGNED


def test_an_open_case_has_nothing_to_reopen(client, auth, db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("sam.sup@example.org")
    page = client.get(f"/cases/{case.id}/reopen").text
    assert "there is nothing to reopen" in text_of(page, "#nothing-to-reopen")
    assert 'name="reason"' not in page
    response = _reopen(client, case, REASON)
    assert response.status_code == 409 and "nothing was changed" in response.text
    assert "reopen-note" not in client.get(f"/cases/{case.id}/close").text
    assert by_id(page, "reopen") is not None
