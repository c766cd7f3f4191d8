"""Each change the procedures say the social worker hears about writes exactly one held message
in the same transaction (issue 15, security.md 39): plan and amendment signed, significant change,
good cause or noncompliance for a child-welfare activity (Orange: the R-NC-09 consult), closing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from blueprints.documents import build
from models import CaseEvent, OutboxMessage, Plan, PlanVersion, SocialWorker
from models.enums import GoodCauseReason, PlanStatus, Stage
from models.operations.good_cause import GoodCauseInput, record_good_cause
from models.signing import SignedDocument
from tests import factories as f
from tests.documents.signing import SIGN, fake_render, ready_case, sign_url, submit
from tests.factories import make_plan
from tests.helpers import multipart, post_form
from tests.html import csrf_token, field_value, text_of
from tests.web.wizard.noncompliance_helpers import open_episode

TODAY = date(2026, 11, 23)


def with_sw(db, case, email="dana.kim@example.org"):
    sw = SocialWorker(county_id=case.county_id, name="Dana Kim", email=email)
    case.child_welfare_case.social_worker = sw
    db.commit()
    return case


def messages(db) -> list[OutboxMessage]:
    db.expire_all()
    return list(db.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def only_message(db) -> OutboxMessage:
    [message] = messages(db)
    assert message.state == "held" and message.to_address == "dana.kim@example.org"
    assert "Rosa" not in message.subject and "Delgado" not in message.subject
    assert "Rosa" not in message.body and "Delgado" not in message.body
    return message


def test_signing_the_plan_holds_one_message_for_the_ec(client, auth, db, team, monkeypatch):
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    case = with_sw(db, ready_case(db, team["ana"]))
    auth.login("ana.ec@example.org")
    assert submit(client, case).status_code == 302
    message = only_message(db)
    assert message.kind == "plan_signed" and message.subject == "Plan signed · DFCS case CW-100"
    assert "CWES Welfare-to-Work plan for DFCS case CW-100 (version 1) is signed." in (message.body)
    assert "from 12/01/2026 to 11/30/2027 with 30 hours" in message.body
    assert "Ana Reyes\nPartnership EC" in message.body
    page = text_of(client.get(f"/cases/{case.id}/track").text)
    assert "1 message to the DFCS social worker waits for your review" in page


def test_a_failing_signing_commit_leaves_no_message(client, auth, db, team, monkeypatch):
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    case = with_sw(db, ready_case(db, team["ana"]))
    auth.login("ana.ec@example.org")
    real_commit = Session.commit

    def failing_commit(self):
        held = [*self.new, *self.identity_map.values()]
        if any(isinstance(o, SignedDocument) for o in held):
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))
        return real_commit(self)

    page = client.get(sign_url(case)).text
    monkeypatch.setattr(Session, "commit", failing_commit)
    fields = {**SIGN, "csrf_token": csrf_token(page), "version": field_value(page, "version")}
    response = multipart(client, sign_url(case), fields)
    monkeypatch.setattr(Session, "commit", real_commit)
    assert "The signed documents could not be saved" in response.text
    assert messages(db) == []  # neither the signature nor its message


def test_signing_an_amendment_says_so(client, auth, db, team, monkeypatch):
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    case = with_sw(db, ready_case(db, team["ana"], stage=Stage.PLAN_ACTIVE))
    plan = db.scalars(select(Plan)).one()
    draft = plan.versions[0]
    draft.version_no = 2
    signed = PlanVersion(version_no=1, status=PlanStatus.ACTIVE, requirement=30)
    signed.period_start, signed.period_end = date(2026, 6, 1), date(2027, 5, 31)
    plan.versions.insert(0, signed)
    db.commit()
    auth.login("ana.ec@example.org")
    assert submit(client, case).status_code == 302
    message = only_message(db)
    assert message.kind == "amendment_signed"
    assert message.subject == "Plan amendment signed · DFCS case CW-100"
    assert "An amendment to the CWES Welfare-to-Work plan" in message.body
    assert "(version 2)" in message.body


@pytest.fixture
def active(db, team):
    case = f.case(db, team["ana"], stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 10, 1))
    make_plan(db, case)
    return with_sw(db, case)


CHANGE = {
    "kind": "housing",
    "changed_on": "11/20/2026",
    "reported_on": "11/23/2026",
    "source": "client",
    "description": "Moved in with her sister in Gilroy.",
}


def test_a_significant_change_holds_one_message_and_a_refused_one_none(client, auth, db, active):
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/changes"
    refused = post_form(client, url, url, {**CHANGE, "reported_on": "12/25/2026"})
    assert refused.status_code == 200 and messages(db) == []
    assert post_form(client, url, url, CHANGE).status_code == 303
    message = only_message(db)
    assert message.kind == "change_recorded"
    assert message.subject == "Significant change recorded · DFCS case CW-100"
    assert "A significant change was reported for DFCS case CW-100" in message.body
    assert "Gilroy" not in message.body  # the minimum: the EC adds details if the SW needs them


def _good_cause(db, case, user, reasons):
    values = GoodCauseInput(
        reasons=reasons,
        recommended_by_sw=True,
        decided_on=TODAY,
        start_on=TODAY,
        end_on=date(2026, 12, 4),
        isolated=False,
        covers_half_month=False,
        verification="Court calendar",
    )
    return record_good_cause(db, case, values, user.id, TODAY)


def test_good_cause_for_a_child_welfare_reason_holds_a_message_others_do_not(db, team, active):
    _good_cause(db, active, team["ana"], [GoodCauseReason.ILLNESS])
    db.flush()
    assert db.scalars(select(OutboxMessage)).all() == []
    _good_cause(db, active, team["ana"], [GoodCauseReason.CFS_COURT_DATES])
    db.commit()
    message = only_message(db)
    assert message.kind == "good_cause"
    assert "Good cause was granted for DFCS case CW-100 from 11/23/2026 to 12/04/2026" in (
        message.body
    )
    assert "child-welfare court dates" in message.body


def test_a_failing_change_rolls_its_message_back(db, team, active):
    _good_cause(db, active, team["ana"], [GoodCauseReason.CFS_COURT_DATES])
    db.flush()
    assert len(db.scalars(select(OutboxMessage)).all()) == 1
    db.rollback()
    assert messages(db) == []


@pytest.fixture
def orange(db):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = f.case(db, oscar, stage=Stage.PLAN_ACTIVE, identified_on=date(2026, 5, 1))
    make_plan(db, case)
    return with_sw(db, case)


def test_orange_cfs_noncompliance_asks_the_sw_to_confer(client, auth, db, orange):
    auth.login("oscar.ec@example.org")
    assert open_episode(client, orange).status_code in (302, 303)
    message = only_message(db)
    assert message.kind == "noncompliance" and message.subject.endswith("CFS case CW-100")
    assert "notice was issued on 06/01/2026 for CFS case CW-100, about a CFS activity" in (
        message.body
    )
    assert "(Parenting class)" in message.body
    assert "I need to confer with you about good cause" in message.body
    assert "Oscar Orange\nSpecialized CM" in message.body


def test_santa_clara_cfs_noncompliance_informs_a_wtw_one_does_not(client, auth, db, active):
    auth.login("ana.ec@example.org")
    open_episode(client, active, about_cfs="no", activity="", activity_other="Job club")
    assert messages(db) == []
    open_episode(client, active, notice_issued_on="11/20/2026", missed_on="11/19/2026")
    message = only_message(db)
    assert "about a DFCS activity" in message.body and "confer" not in message.body


def test_closing_holds_one_message_once(client, auth, db, active):
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/close"
    post_form(client, url, url, {"closure_route": "transfer", "closed_on": "11/20/2026"})
    message = only_message(db)
    assert message.kind == "closing"
    assert "The CalWORKs / CWES Welfare-to-Work case for DFCS case CW-100 is closing on " in (
        message.body
    )
    assert "common-case indicator will be end-dated" in message.body
    post_form(client, url, url, {"closure_route": "transfer", "closed_on": "11/21/2026"})
    assert len(messages(db)) == 1  # saved again while closing: no second message
    hint = text_of(client.get(url).text, "#sw_notified_on-hint")
    assert "Tandem's closing message: waiting for your review" in hint
    message.state, message.sent_at = "sent", datetime(2026, 11, 23, 18, 5, tzinfo=UTC)
    db.commit()
    page = client.get(url).text
    hint = text_of(page, "#sw_notified_on-hint")
    assert "Tandem's closing message was sent on 11/23/2026 at 10:05 AM." in hint
    # The day it was sent fills "Date the social worker was told" until the EC saves another.
    assert field_value(page, "sw_notified_on") in ("11/23/2026", "2026-11-23")


def test_no_address_no_message_and_the_ec_is_told(client, auth, db, active):
    active.child_welfare_case.social_worker.email = ""
    db.commit()
    auth.login("ana.ec@example.org")
    url = f"/cases/{active.id}/changes"
    assert post_form(client, url, url, CHANGE).status_code == 303
    assert messages(db) == []
    event = db.scalars(select(CaseEvent).where(CaseEvent.action == "sw_message")).one()
    assert "Dana Kim (DFCS) has no e-mail address in Tandem" in event.summary
    page = text_of(client.get(f"/cases/{active.id}/messages").text)
    assert "Dana Kim (DFCS) has no e-mail address in Tandem: tell them another way." in page
