"""Recording a review as done on the Good cause, Exemptions and Reunification pages (R-GC-06,
R-DA-02, R-EX-10, R-FR-08): the next date moves on, the overdue item leaves the due list, with a
history row and an audit row; CSRF, a second click, ended cases (409) and records of another
case (404) refused."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEvent, CaseEvent, Exemption, GoodCause
from models.enums import ReunificationProgram, Stage
from models.programs import ReunificationRecord
from tests import factories as f
from tests.html import csrf_token, elements, text_of
from tests.web.test_due_kinds import listed


@pytest.fixture
def case(db, ec):
    c = f.case(db, ec, first="Tam", last="Tran", stage=Stage.PLAN_ACTIVE)
    db.commit()
    return c


def _good_cause(db, case, **fields) -> GoodCause:
    record = GoodCause(case_id=case.id, reason="illness", start_on=date(2026, 10, 20),
                       next_review_on=date(2026, 11, 20), **fields)  # fmt: skip
    db.add(record)
    db.commit()
    return record


def _post(client, page: str, action: str, token: bool = True):
    """Post the review form as the page shows it (its CSRF token and the date it shows)."""
    html = client.get(page).text
    data = {"csrf_token": csrf_token(html)} if token else {}
    form = [f for f in elements(html, "form") if f.get("action") == action]
    due = form[0].select("input[name=due]") if form else []
    data["due"] = due[0].get("value") if due else ""
    return client.post(action, data=data)


def _last_event(db) -> CaseEvent:
    return db.scalars(select(CaseEvent).order_by(CaseEvent.id.desc())).first()


def test_a_good_cause_review_done_moves_the_next_review_a_month_on(client, auth, db, case):
    record = _good_cause(db, case)
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/good-cause"
    assert listed(client, "good_cause_review")[0][0].startswith("Fri 11/20/2026 Overdue 3 days")
    form = elements(client.get(url).text, f"#review-good-cause-{record.id}")[0]
    assert "due 11/20/2026" in form.text
    action = f"{url}/{record.id}/reviewed"
    assert _post(client, url, action, token=False).status_code == 400  # no CSRF token
    done = _post(client, url, action)
    assert done.status_code == 303
    page = client.get(done.headers["Location"]).text
    assert "Good cause review recorded. Next review 12/23/2026." in text_of(page, "[role=status]")
    db.expire_all()
    assert record.next_review_on == date(2026, 12, 23)  # R-GC-06: monthly from the review
    assert [row for row, _ in listed(client, "good_cause_review")] == [
        "Wed 12/23/2026 in 30 days Good cause review Tam Tran Review the good cause: Tam Tran"
    ]
    event = _last_event(db)
    assert event.summary.startswith("Good cause reviewed: Illness or injury")
    assert json.loads(event.changes)[0]["after"] == "2026-12-23"
    audit = db.scalars(select(AuditEvent).where(AuditEvent.action == "good_cause_review")).one()
    assert str(audit.object_id) == str(record.id) and audit.case_id == case.id


def test_a_review_is_refused_on_an_ended_case_another_case_or_without_one_waiting(
    client, auth, db, case, ec
):
    record = _good_cause(db, case)
    isolated = _good_cause(db, case, isolated_incident=True)
    isolated.next_review_on = None
    other = f.case(db, ec, first="Ida", last="Ibarra", stage=Stage.PLAN_ACTIVE)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/good-cause"
    assert not elements(client.get(url).text, f"#review-good-cause-{isolated.id}")
    none_waiting = _post(client, url, f"{url}/{isolated.id}/reviewed")
    assert none_waiting.status_code == 409 and "nothing was saved" in none_waiting.text
    elsewhere = _post(client, url, f"/cases/{other.id}/good-cause/{record.id}/reviewed")
    assert elsewhere.status_code == 404
    denied = db.scalars(select(AuditEvent).where(AuditEvent.action == "authz_denied")).all()
    assert denied
    case.stage = Stage.CLOSED
    db.commit()
    closed = _post(client, url, f"{url}/{record.id}/reviewed")
    assert closed.status_code == 409 and "nothing was saved" in closed.text
    db.expire_all()
    assert record.next_review_on == date(2026, 11, 20)


def test_another_countys_ec_cannot_record_the_review(client, auth, db, case):
    record = _good_cause(db, case)
    f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    db.commit()
    auth.login("oscar.ec@example.org")
    url = f"/cases/{case.id}/good-cause/{record.id}/reviewed"
    response = client.post(url, data={"csrf_token": auth.csrf()})
    assert response.status_code == 404
    db.expire_all()
    assert record.next_review_on == date(2026, 11, 20)


def test_a_domestic_abuse_waiver_review_is_next_due_on_its_three_month_schedule(
    client, auth, db, case
):
    waiver = Exemption(
        case_id=case.id,
        kind="domestic_abuse",
        start_on=date(2026, 8, 20),
        review_on=date(2026, 11, 20),
    )  # fmt: skip  (R-DA-02: every 3 months)
    db.add(waiver)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/exemptions"
    assert listed(client, "exemption_review") == [
        (
            "Fri 11/20/2026 Overdue 3 days Exemption review Tam Tran "
            "Review the exemption: Tam Tran",
            url,
        )
    ]
    form = text_of(client.get(url).text, f"#review-exemption-{waiver.id}")
    assert "3 months on from its start (R-DA-02)" in form
    done = _post(client, url, f"{url}/{waiver.id}/reviewed")
    assert done.status_code == 303
    db.expire_all()
    assert waiver.review_on == date(2027, 2, 20)
    assert listed(client, "exemption_review")[0][0].startswith("Sat 02/20/2027")
    assert _last_event(db).summary == "Exemption reviewed: Domestic abuse waiver"
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "exemption_review")).one()


def test_another_exemption_is_next_reviewed_when_it_ends_then_not_again(client, auth, db, case):
    record = Exemption(case_id=case.id, kind="disability", start_on=date(2026, 9, 1),
                       end_on=date(2027, 1, 1), review_on=date(2026, 12, 2))  # fmt: skip
    db.add(record)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/exemptions"
    assert _post(client, url, f"{url}/{record.id}/reviewed").status_code == 303
    db.expire_all()
    assert record.review_on == date(2027, 1, 1)  # R-EX-10: at expiry
    assert _post(client, url, f"{url}/{record.id}/reviewed").status_code == 303
    db.expire_all()
    assert record.review_on is None
    assert listed(client, "exemption_review") == []
    assert _post(client, url, f"{url}/{record.id}/reviewed").status_code == 409


def test_a_redetermination_done_moves_the_next_six_months_on_until_services_end(
    client, auth, db, case
):
    record = ReunificationRecord(case_id=case.id, program=ReunificationProgram.AB429,
                                 removed_on=date(2026, 5, 1), end_on=date(2026, 10, 28),
                                 extension_until=date(2027, 6, 30),
                                 rd_due_on=date(2026, 11, 15))  # fmt: skip
    db.add(record)
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{case.id}/programs"
    assert listed(client, "fr_redetermination")[0][0].startswith("Sun 11/15/2026 Overdue 8 days")
    assert "Redetermination due 11/15/2026 (R-FR-08)" in text_of(
        client.get(url).text, f"#fr-{record.id}-redetermined"
    )
    action = f"{url}/reunification/{record.id}/redetermined"
    assert _post(client, url, action, token=False).status_code == 400
    done = _post(client, url, action)
    assert done.status_code == 303
    page = client.get(done.headers["Location"]).text
    assert "Redetermination recorded. Next one due 05/15/2027." in text_of(page, "[role=status]")
    db.expire_all()
    assert record.rd_due_on == date(2027, 5, 15)
    assert listed(client, "fr_redetermination")[0][0].startswith("Sat 05/15/2027")
    assert _last_event(db).summary == "Redetermination done: AB 429 (services only)"
    assert db.scalars(
        select(AuditEvent).where(AuditEvent.action == "reunification_redetermined")
    ).one()
    token = csrf_token(client.get(url).text)
    twice = client.post(action, data={"csrf_token": token, "due": "2026-11-15"})  # second tab
    assert twice.status_code == 409
    assert "already recorded (now 05/15/2027): nothing was saved" in twice.text
    record.rd_due_on = date(2027, 6, 1)  # the next one would fall after the services end
    db.commit()
    assert _post(client, url, action).status_code == 303
    db.expire_all()
    assert record.rd_due_on is None
    assert listed(client, "fr_redetermination") == []
    other = f.case(db, case.assigned_worker, first="Ida", last="Ibarra", stage=Stage.PLAN_ACTIVE)
    db.commit()
    elsewhere = f"/cases/{other.id}/programs/reunification/{record.id}/redetermined"
    assert _post(client, url, elsewhere).status_code == 404
