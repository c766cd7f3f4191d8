"""The EC's "Messages to the social worker" page: read, edit, send, don't send (issue 15).
Edits keep their typed values on a refusal, each change is in the history and the audit trail,
and a message on another case or county is 404."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from models import AuditEvent, CaseEvent, OutboxMessage, PlanVersion, ShareLink, SocialWorker
from models.base import as_utc
from models.enums import ChangeKind, ChangeSource, Stage
from models.operations import sw_notices
from models.operations.changes import ChangeInput, record_change
from tests import factories as f
from tests.html import by_id, csrf_token, field_value, text_of


def _case_with_notice(db, worker, **kw):
    case = f.case(db, worker, stage=Stage.PLAN_ACTIVE, **kw)
    sw = SocialWorker(county_id=case.county_id, name="Dana Kim", email="dana.kim@example.org")
    case.child_welfare_case.social_worker = sw
    values = ChangeInput(ChangeKind.HOUSING, date(2026, 11, 23), None, ChangeSource.CLIENT, "")
    record_change(db, case, values, worker.id)
    db.commit()
    message = db.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case.id)).one()
    return case, message


@pytest.fixture
def held(db, team):
    return _case_with_notice(db, team["ana"])


def _page(client, case):
    return client.get(f"/cases/{case.id}/messages")


def _post(client, case, message, data, action="", prefix=None):
    page = _page(client, case).text
    prefix = prefix or f"m{message.id}"
    fields = {"csrf_token": csrf_token(page)}
    fields |= {f"{prefix}-{name}": value for name, value in data.items()}
    if action:
        fields["action"] = action
    suffix = "/cancel" if prefix.startswith("c") else ""
    return client.post(f"/cases/{case.id}/messages/{message.id}{suffix}", data=fields)


def _fresh(db, message):
    db.expire_all()
    return db.get(OutboxMessage, message.id)


def test_the_ec_reads_edits_and_sends_a_held_message(client, auth, db, held):
    case, message = held
    auth.login("ana.ec@example.org")
    page = _page(client, case).text
    assert (
        field_value(page, f"m{message.id}-subject")
        == "Significant change recorded · DFCS case CW-100"
    )
    assert "Waiting for your review" in text_of(page, f"#message-{message.id}")
    assert "Messages to the social worker 1 waiting for your review" in text_of(
        page, "nav.tandem-subnav"
    )
    body = "Hello Dana,\n\nThe client moved; the new address is in the case notes.\n\nAna"
    saved = _post(
        client, case, message, {"subject": "Change · DFCS case CW-100", "body": body}, "save"
    )
    assert saved.status_code == 303
    message = _fresh(db, message)
    assert message.state == "held" and message.subject == "Change · DFCS case CW-100"
    assert "new address is in the case notes" in message.body
    sent = _post(client, case, message, {"subject": message.subject, "body": message.body}, "send")
    assert sent.status_code == 303
    page = client.get(sent.headers["Location"]).text
    assert "will be sent with the next e-mail run" in text_of(page)
    assert "Waiting to be sent" in text_of(page, "#sent-messages")
    assert "No message waits for your review." in text_of(page)
    message = _fresh(db, message)
    assert message.state == "queued" and message.released_by_id is not None
    summaries = [
        e.summary
        for e in db.scalars(
            select(CaseEvent).where(CaseEvent.action == "sw_message").order_by(CaseEvent.id)
        )
    ]
    assert summaries == [
        "Message to the social worker waiting for your review: Significant change recorded",
        "Message to the social worker edited: Significant change recorded",
        "Message to the social worker released for sending: Significant change recorded",
    ]
    actions = [
        a.action
        for a in db.scalars(
            select(AuditEvent)
            .where(AuditEvent.object_type == "outbox_message")
            .order_by(AuditEvent.id)
        )
    ]
    assert actions == ["sw_message_edit", "sw_message_send"]
    again = _post(client, case, message, {"subject": "x", "body": "y"}, "send")
    assert again.status_code == 409 and "nothing was saved" in again.text


def test_too_long_or_blank_is_refused_next_to_the_field_and_kept(client, auth, db, held):
    case, message = held
    auth.login("ana.ec@example.org")
    response = _post(client, case, message, {"subject": "s" * 201, "body": ""}, "send")
    assert response.status_code == 200
    assert "Keep the subject to 200 characters." in text_of(response.text, f"#message-{message.id}")
    assert "Write the message." in text_of(response.text, f"#message-{message.id}")
    assert field_value(response.text, f"m{message.id}-subject") == "s" * 201
    assert _fresh(db, message).state == "held"


def test_dont_send_needs_a_reason_and_is_recorded(client, auth, db, held):
    case, message = held
    auth.login("ana.ec@example.org")
    refused = _post(client, case, message, {"reason": ""}, prefix=f"c{message.id}")
    assert refused.status_code == 200 and "Say why the message is not sent." in refused.text
    done = _post(client, case, message, {"reason": "Told Dana by phone."}, prefix=f"c{message.id}")
    assert done.status_code == 303
    message = _fresh(db, message)
    assert message.state == "cancelled" and message.cancel_reason == "Told Dana by phone."
    page = text_of(_page(client, case).text, "#sent-messages")
    assert "Not sent: Told Dana by phone." in page
    event = db.scalars(select(CaseEvent).where(CaseEvent.summary.like("%not sent%"))).one()
    assert event.reason == "Told Dana by phone."


def test_a_plan_message_can_carry_a_read_only_link(client, auth, db, team):
    case = f.shared_case(db, team["ana"])
    version = db.scalars(select(PlanVersion)).one()
    message = sw_notices.plan_signed(db, case, version, amendment=False, user_id=team["ana"].id)
    db.commit()
    auth.login("ana.ec@example.org")
    page = _page(client, case).text
    assert "Add a read-only link to the plan (works for 30 days)" in text_of(page)
    fields = {"subject": message.subject, "body": message.body, "add_link": "y"}
    assert _post(client, case, message, fields, "send").status_code == 303
    message = _fresh(db, message)
    assert re.search(r"http://localhost/s/[A-Za-z0-9_-]{43}", message.body)
    link = db.scalars(select(ShareLink)).one()
    assert as_utc(message.discard_after) == as_utc(link.expires_at)  # blanked if never sent
    history = " ".join(e.summary + str(e.changes) for e in db.scalars(select(CaseEvent)))
    assert "/s/" not in history  # the token is only in the message


def test_a_message_waiting_too_long_is_flagged(client, auth, db, held):
    case, message = held
    message.created_at = datetime(2026, 11, 18, 18, tzinfo=UTC)  # Wed; +2 working days = Fri
    db.commit()
    auth.login("ana.ec@example.org")
    page = _page(client, case).text
    assert "1 message waited more than 2 working days for your review" in text_of(page)
    assert "waiting too long" in text_of(page, f"#message-{message.id}")
    track = text_of(client.get(f"/cases/{case.id}/track").text)
    assert "1 message to the DFCS social worker waits for your review" in track


def test_the_supervisor_may_send_for_the_unit(client, auth, db, held):
    case, message = held
    auth.login("sam.sup@example.org")
    assert _post(client, case, message, {"subject": "s", "body": "b"}, "send").status_code == 303
    assert _fresh(db, message).state == "queued"


def test_other_units_and_counties_get_404(client, auth, db, team, held):
    case, message = held
    other_case, other_message = _case_with_notice(db, team["ben"], cfs_number="CW-200")
    auth.login("olga.ec@example.org")
    assert _page(client, case).status_code == 404
    auth.logout()
    auth.login("ana.ec@example.org")
    # A message of Ben's case through Ana's case: 404, audited, nothing changed.
    page = _page(client, case).text
    wrong = client.post(
        f"/cases/{case.id}/messages/{other_message.id}",
        data={"csrf_token": csrf_token(page), "action": "send"},
    )
    assert wrong.status_code == 404
    assert _fresh(db, other_message).state == "held"
    denied = select(AuditEvent).where(
        AuditEvent.action == "authz_denied", AuditEvent.object_type == "outbox_message"
    )
    assert db.scalars(denied).one().object_id == str(other_message.id)
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    db.commit()
    auth.logout()
    auth.login(oscar.email)
    assert _page(client, case).status_code == 404


def test_a_post_without_csrf_is_refused(client, auth, db, held):
    case, message = held
    auth.login("ana.ec@example.org")
    response = client.post(f"/cases/{case.id}/messages/{message.id}", data={"action": "send"})
    assert response.status_code == 400
    assert _fresh(db, message).state == "held"
    assert by_id(_page(client, case).text, f"message-{message.id}") is not None


def test_a_failed_message_is_shown_and_can_be_sent_again(client, auth, db, held):
    case, message = held
    message.state, message.error, message.attempts = "failed", "550 SMTPDataError", 1
    db.commit()
    auth.login("ana.ec@example.org")
    shown = text_of(_page(client, case).text, f"#message-{message.id}")
    assert "Could not be sent (550 SMTPDataError)" in shown
    fields = {"subject": message.subject, "body": message.body}
    assert _post(client, case, message, fields, "send").status_code == 303
    message = _fresh(db, message)
    assert message.state == "queued" and message.attempts == 0 and message.error == ""


def test_a_message_goes_to_the_social_worker_of_the_case_now(client, auth, db, held):
    case, message = held
    sw = case.child_welfare_case.social_worker
    sw.email = "dana.kim@dfcs.example.org"  # the address changed after the message was written
    db.commit()
    auth.login("ana.ec@example.org")
    fields = {"subject": message.subject, "body": message.body}
    assert _post(client, case, message, fields, "send").status_code == 303
    assert _fresh(db, message).to_address == "dana.kim@dfcs.example.org"


def test_no_address_at_sending_time_sends_nothing(client, auth, db, held):
    case, message = held
    case.child_welfare_case.social_worker.email = ""
    db.commit()
    auth.login("ana.ec@example.org")
    fields = {"subject": message.subject, "body": message.body}
    response = _post(client, case, message, fields, "send")
    assert response.status_code == 409
    assert "has no e-mail address in Tandem: tell them another way. Nothing was sent." in (
        text_of(response.text)
    )
    assert _fresh(db, message).state == "held"


def test_a_line_break_in_the_subject_cannot_add_a_header(client, auth, db, held):
    case, message = held
    auth.login("ana.ec@example.org")
    fields = {"subject": "Change\r\nBcc: everyone@example.org", "body": "Hello"}
    assert _post(client, case, message, fields, "save").status_code == 303
    assert _fresh(db, message).subject == "Change Bcc: everyone@example.org"
