"""From a failed compliance plan or no contact to the supervisor's review (R-GC-08), the sanction,
and its cure (R-NC-05, R-NC-08; E22, E23)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEvent, CaseEvent, Exemption, NoncomplianceEpisode
from models.enums import NoncomplianceStatus, Role, Stage, WtwStatus
from tests import factories as f
from tests.factories import make_plan
from tests.html import csrf_token, element, elements, link_to, text_of
from tests.web.wizard.noncompliance_helpers import act, episode_url, make_episode, open_episode

S = NoncomplianceStatus
QUEUE = "/review/sanctions"


@pytest.fixture
def clara(db, team):
    case = f.case(
        db, team["ana"], first="Rosa", last="Delgado", stage=Stage.PLAN_ACTIVE,
        identified_on=date(2026, 5, 1),
    )  # fmt: skip
    make_plan(db, case)
    db.commit()
    return case


def _waiting(db, case, **fields):
    """An episode the EC sent to review: no contact by day 20, nothing stopping a sanction."""
    values = {
        "status": S.SANCTION_REVIEW,
        "sanction_requested_on": date(2026, 6, 25),
        "missed_on": date(2026, 5, 28),
        "activity_name": "Job club",
    }
    episode = make_episode(db, case, **(values | fields))
    case.participant.wtw_status = WtwStatus.NONCOMPLIANCE
    db.commit()
    return episode


def _review(client, episode, decision, note=""):
    page = client.get(QUEUE).text
    data = {
        "csrf_token": csrf_token(page),
        "version": str(episode.version_id),
        f"review-{episode.id}-decision": decision,
        f"review-{episode.id}-note": note,
    }
    return client.post(f"{QUEUE}/{episode.id}", data=data)


def test_e22_failed_compliance_plan_goes_to_review_by_na_817_without_a_new_period(
    app, client, auth, db, clara
):
    app.config["TODAY"] = date(2026, 6, 13)  # day 12 of the NA 840 of Jun 1
    auth.login("ana.ec@example.org")
    open_episode(client, clara)
    episode = db.scalars(select(NoncomplianceEpisode)).one()
    plan = {
        "activities": "DFCS parenting class, 3 hours a week",
        "start_on": "06/15/2026",
        "end_on": "07/13/2026",
        "agreed_on": "06/13/2026",
        "how": "phone",
    }
    assert act(client, clara, episode, "plan", plan).status_code == 303
    db.expire_all()
    assert episode.status == S.COMPLIANCE_PLAN and episode.compliance_plan_by_phone
    assert clara.participant.wtw_status == WtwStatus.COMPLIANCE_PLAN
    page = client.get(episode_url(clara, episode)).text
    assert "06/15/2026 to 07/13/2026" in text_of(page, "#plan-details")
    assert "06/13/2026, by phone" in text_of(page, "#plan-details")
    assert "(R-NC-06)" in text_of(page, "#blockers")
    assert "disabled" in element(page, "#form-plan-done button").attrs  # before the plan's end
    app.config["TODAY"] = date(2026, 6, 19)  # still inside the first 20 days (day 20: Jun 21)
    assert act(client, clara, episode, "plan_failed").status_code == 303
    db.expire_all()
    assert episode.status == S.FAILED
    page = client.get(episode_url(clara, episode)).text
    assert "A sanction would go by NA 817, after the failed compliance plan, with no new " in (
        text_of(page, "#sanction-notice")
    )
    assert not elements(page, "#blockers")  # no R-NC-02: no new 20-day period (R-NC-05)
    assert act(client, clara, episode, "request").status_code == 303
    db.expire_all()
    assert episode.status == S.SANCTION_REVIEW
    assert episode.sanction_requested_on == date(2026, 6, 19)
    assert "Waiting for the supervisor's review" in text_of(
        client.get(episode_url(clara, episode)).text, "#waiting-review"
    )
    summaries = [e.summary for e in db.scalars(select(CaseEvent).order_by(CaseEvent.id))]
    assert summaries[-3:] == [
        "NA 840: compliance plan (WTW 32) agreed",
        "NA 840: compliance plan failed",
        "NA 840: sanction asked for, waiting for the supervisor",
    ]
    auth.logout()
    auth.login("sam.sup@example.org")
    queue = client.get(QUEUE).text
    assert "Sanctions to review (1)" in text_of(queue, "nav")
    section = text_of(queue, f"#review-{episode.id}")
    assert "Rosa Delgado" in section and "Ana Reyes" in section and "NA 817" in section
    assert "Compliance plan 06/15/2026 to 07/13/2026, agreed 06/13/2026: failed" in section
    assert _review(client, episode, "approved").status_code == 303
    db.expire_all()
    assert episode.status == S.SANCTIONED
    assert episode.sanction_effective_on == date(2026, 7, 1)  # the earliest action date
    assert clara.participant.wtw_status == WtwStatus.SANCTIONED
    assert "Sanctions to review (0)" in text_of(client.get(QUEUE).text, "nav")
    audit = db.scalars(select(AuditEvent).where(AuditEvent.action == "sanction_review")).one()
    assert audit.case_id == clara.id and '"approved"' in audit.detail


def test_a_plan_agreed_after_day_20_is_refused(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 6, 24)
    auth.login("ana.ec@example.org")
    open_episode(client, clara)
    episode = db.scalars(select(NoncomplianceEpisode)).one()
    plan = {
        "activities": "Job club",
        "start_on": "06/24/2026",
        "end_on": "06/20/2026",
        "agreed_on": "06/23/2026",
        "how": "in_person",
    }
    bad_dates = act(client, clara, episode, "plan", plan)
    assert "The end date cannot be before the start date." in text_of(bad_dates.text)
    late = act(client, clara, episode, "plan", plan | {"end_on": "07/24/2026"})
    assert late.status_code == 200
    assert "must be agreed by day 20 (06/21/2026)" in text_of(late.text, "#form-plan")
    db.expire_all()
    assert episode.status == S.OPEN and episode.compliance_plan_start is None


def test_a_completed_compliance_plan_closes_the_episode_with_no_sanction(
    app, client, auth, db, clara
):
    app.config["TODAY"] = date(2026, 6, 10)
    auth.login("ana.ec@example.org")
    open_episode(client, clara)
    episode = db.scalars(select(NoncomplianceEpisode)).one()
    plan = {
        "activities": "Job club, 15 hours a week",
        "start_on": "06/15/2026",
        "end_on": "07/13/2026",
        "agreed_on": "06/10/2026",
        "how": "in_person",
    }
    assert act(client, clara, episode, "plan", plan).status_code == 303
    early = act(client, clara, episode, "plan_done")
    assert early.status_code == 409 and "runs to 07/13/2026" in text_of(early.text, "#not-saved")
    app.config["TODAY"] = date(2026, 7, 13)
    assert act(client, clara, episode, "plan_done").status_code == 303
    db.expire_all()
    assert episode.status == S.COMPLETED and episode.closed_on == date(2026, 7, 13)
    assert clara.participant.wtw_status == WtwStatus.MANDATORY
    page = client.get(episode_url(clara, episode)).text
    assert "Compliance plan completed, closed 07/13/2026" in text_of(page, "#episode-summary")
    assert not elements(page, "form[id=form-withdraw]") and "No sanction." in text_of(
        page, "#sanction"
    )


def test_the_supervisor_returns_with_a_note_and_the_worker_sees_it(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 6, 26)
    episode = _waiting(db, clara)
    auth.login("sam.sup@example.org")
    missing = _review(client, episode, "returned", " ")
    assert missing.status_code == 200
    assert "Say why it goes back and what to do instead." in text_of(
        missing.text, f"#review-{episode.id}"
    )
    db.expire_all()
    assert episode.status == S.SANCTION_REVIEW
    note = "The bus pass was never issued: record good cause (R-GC-08)."
    assert _review(client, episode, "returned", note).status_code == 303
    db.expire_all()
    assert episode.status == S.OPEN and episode.sanction_review == "returned"
    assert clara.participant.wtw_status == WtwStatus.NONCOMPLIANCE
    assert "Nothing waits for your review." in text_of(client.get(QUEUE).text)
    auth.logout()
    auth.login("ana.ec@example.org")
    page = client.get(episode_url(clara, episode)).text
    assert f"Returned by Sam Supervisor on 06/26/2026: {note}" in text_of(page, "#returned")
    event = db.scalars(select(CaseEvent).order_by(CaseEvent.id.desc())).first()
    assert event.summary == "NA 840: sanction returned by the supervisor"


def test_blockers_are_checked_again_when_the_supervisor_approves(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 6, 26)
    episode = _waiting(db, clara)
    db.add(Exemption(case_id=clara.id, kind="pregnancy", start_on=date(2026, 6, 10)))
    db.commit()
    auth.login("sam.sup@example.org")
    queue = client.get(QUEUE).text
    assert "(R-EX-12)" in text_of(queue, f"#review-{episode.id}-blockers")
    refused = _review(client, episode, "approved")
    assert refused.status_code == 200
    assert "The sanction cannot be approved: R-EX-12." in text_of(refused.text)
    db.expire_all()
    assert episode.status == S.SANCTION_REVIEW and episode.sanction_effective_on is None


def test_the_queue_is_for_supervisors_of_the_unit_only(app, client, auth, db, team, clara):
    episode = _waiting(db, clara)
    outside = f.case(db, team["olga"], first="Grace", last="Okafor")
    _waiting(db, outside)
    f.user(db, "sue.sup@example.org", role=Role.SUPERVISOR, name="Sue Elsewhere")
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    db.commit()
    for email in ("ana.ec@example.org", "ada.admin@example.org"):
        auth.login(email)
        assert client.get(QUEUE).status_code == 403
        assert "Sanctions to review" not in client.get("/account").text
        auth.logout()
    auth.login("sam.sup@example.org")
    queue = client.get(QUEUE).text
    assert "Rosa Delgado" in queue and "Grace Okafor" not in queue
    assert link_to(queue, "Sanctions to review (1)") == QUEUE
    auth.logout()
    auth.login("sue.sup@example.org")
    assert "Nothing waits for your review." in text_of(client.get(QUEUE).text)
    assert "Sanctions to review (0)" in text_of(client.get("/account").text, "nav")
    assert _review(client, episode, "approved").status_code == 404
    db.expire_all()
    assert episode.status == S.SANCTION_REVIEW
    denied = db.scalars(
        select(AuditEvent).where(AuditEvent.action == "authz_denied").order_by(AuditEvent.id)
    ).all()
    assert [d.object_type for d in denied][-1] == "noncompliance_episode"


def test_a_stale_review_saves_nothing(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 6, 26)
    episode = _waiting(db, clara)
    auth.login("sam.sup@example.org")
    page = client.get(QUEUE).text
    data = {
        "csrf_token": csrf_token(page),
        "version": str(episode.version_id + 1),
        f"review-{episode.id}-decision": "approved",
    }
    stale = client.post(f"{QUEUE}/{episode.id}", data=data)
    assert stale.status_code == 409 and "nothing was saved" in text_of(stale.text, "#not-saved")
    db.expire_all()
    assert episode.status == S.SANCTION_REVIEW


def test_e23_sanction_then_cure_then_cured(app, client, auth, db, clara):
    app.config["TODAY"] = date(2026, 8, 20)
    episode = _waiting(db, clara)
    auth.login("sam.sup@example.org")
    _review(client, episode, "approved", "Notices checked.")
    db.expire_all()
    assert episode.sanction_effective_on == date(2026, 8, 20)  # today: later than Jul 1
    auth.logout()
    auth.login("ana.ec@example.org")
    page = client.get(episode_url(clara, episode)).text
    assert "sanction from 08/20/2026. Notices checked." in text_of(page, "#sanction-approved")
    assert not elements(page, "form[id=form-withdraw]")
    app.config["TODAY"] = date(2026, 9, 1)
    cure = {"signed_on": "09/01/2026", "activity_ends_on": "10/27/2026"}  # an 8-week activity
    early = act(client, clara, episode, "cure", cure | {"signed_on": "08/01/2026"})
    assert "cannot be signed before the sanction was approved (08/20/2026)" in text_of(early.text)
    assert act(client, clara, episode, "cure", cure).status_code == 303
    db.expire_all()
    assert episode.status == S.CURE_PLAN and episode.cure_complete_on == date(2026, 10, 1)
    assert clara.participant.wtw_status == WtwStatus.CURE_PLAN
    page = client.get(episode_url(clara, episode)).text
    assert "Cure complete on 10/01/2026" in text_of(page, "#cure-details")
    assert "disabled" in element(page, "#form-cured button").attrs
    assert act(client, clara, episode, "cured").status_code == 409
    app.config["TODAY"] = date(2026, 10, 1)
    assert act(client, clara, episode, "cured").status_code == 303
    db.expire_all()
    assert episode.status == S.CURED and episode.closed_on == date(2026, 10, 1)
    assert clara.participant.wtw_status == WtwStatus.MANDATORY
    summaries = [e.summary for e in db.scalars(select(CaseEvent).order_by(CaseEvent.id))]
    assert summaries[-3:] == [
        "NA 840: sanction approved, effective 08/20/2026",
        "NA 840: cure plan (WTW 29) signed",
        "NA 840: sanction cured",
    ]
    assert 'id="open-noncompliance"' not in client.get(f"/cases/{clara.id}/track").text


def test_the_demo_episode_pages_show_no_stored_code(app, client, auth, db):
    from models import MutualCase
    from models.demo.seed import load_demo
    from tests.helpers import PASSWORD, TODAY
    from tests.web.wizard.test_demo_cases_open import raw_codes

    load_demo(db, password=PASSWORD, today=TODAY)
    episode = db.scalars(select(NoncomplianceEpisode)).one()
    case = db.get(MutualCase, episode.case_id)
    db.commit()
    auth.login(case.assigned_worker.email)
    for url in (f"/cases/{case.id}/noncompliance", episode_url(case, episode)):
        response = client.get(url)
        assert response.status_code == 200 and raw_codes(response.text) == [], url
    episode.status = S.SANCTION_REVIEW
    db.commit()
    auth.logout()
    auth.login((case.supervisor or case.assigned_worker.supervisor).email)
    queue = client.get(QUEUE)
    assert case.participant.last_name in queue.text and raw_codes(queue.text) == []
