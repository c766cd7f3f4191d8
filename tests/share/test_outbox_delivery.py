"""send-outbox delivers each released message exactly once, with retries (issue 15, security.md
39): a real SMTP server (aiosmtpd) refuses or drops a message in the middle of a batch, two
senders run at once, a sender dies after the server accepted a message. Held and cancelled
messages never leave."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from models import OutboxMessage
from models.base import as_utc, utcnow
from models.operations import outbox
from models.operations.outbox import STALE_CLAIM, MailServer, deliver

PLAIN = {"SMTP_SECURITY": "plain"}


def _message(db, subject: str, state: str = "queued") -> OutboxMessage:
    message = OutboxMessage(
        to_address="dana.kim@example.org",
        subject=subject,
        body=f"Body of {subject}",
        discard_after=utcnow() + timedelta(days=365),
        kind="change_recorded",
        state=state,
    )
    db.add(message)
    db.commit()
    return message


def _send(make_app, port: int, *args: str, **config):
    app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, **config)
    return app.test_cli_runner().invoke(args=["send-outbox", *args])


def _row(db, subject: str) -> OutboxMessage:
    db.expire_all()
    return db.scalars(select(OutboxMessage).where(OutboxMessage.subject == subject)).one()


def _time_passes(db) -> None:
    """The backoff is over: every retry is due now."""
    db.execute(update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
    db.commit()


@pytest.fixture
def batch(db):
    for subject in ("First", "Second", "Third"):
        _message(db, subject)
    _message(db, "Held for review", state="held")
    _message(db, "Not sent", state="cancelled")


def test_a_temporary_refusal_midway_is_retried_and_each_arrives_once(
    make_app, db, mail_server, batch
):
    inbox, port = mail_server("plain")
    inbox.answers["Second"] = ["451 4.3.0 Try again later"]
    result = _send(make_app, port, **PLAIN)
    assert result.exit_code == 0
    assert "Sent 2 of 3 messages. 1 to try again later." in result.output
    assert inbox.subjects() == ["First", "Third"]
    second = _row(db, "Second")
    assert second.state == "queued" and second.attempts == 1 and second.claim_token is None
    assert second.error == "451 SMTPDataError"
    assert as_utc(second.next_attempt_at) > utcnow() + timedelta(minutes=1)  # backoff
    assert "Sent 0 of 0" in _send(make_app, port, **PLAIN).output  # not due yet: not sent
    _time_passes(db)
    assert "Sent 1 of 1" in _send(make_app, port, **PLAIN).output
    assert "Sent 0 of 0" in _send(make_app, port, **PLAIN).output
    assert inbox.subjects() == ["First", "Third", "Second"]  # each exactly once
    for subject in ("First", "Second", "Third"):
        row = _row(db, subject)
        assert row.state == "sent" and row.sent_at is not None and row.body == ""
    assert _row(db, "Held for review").state == "held"
    assert _row(db, "Not sent").state == "cancelled"


def test_a_dropped_connection_midway_leaves_the_rest_for_the_next_run(
    make_app, db, mail_server, batch
):
    inbox, port = mail_server("plain")
    inbox.answers["Second"] = ["drop"]
    result = _send(make_app, port, **PLAIN)
    assert "Sent 1 of 3 messages. 1 to try again later." in result.output
    assert inbox.subjects() == ["First"]
    assert _row(db, "Second").attempts == 1 and _row(db, "Third").attempts == 0
    assert "Sent 1 of 1" in _send(make_app, port, **PLAIN).output  # Third; Second waits
    _time_passes(db)
    assert "Sent 1 of 1" in _send(make_app, port, **PLAIN).output
    assert sorted(inbox.subjects()) == ["First", "Second", "Third"]


def test_a_permanent_refusal_fails_and_is_not_tried_again(make_app, db, mail_server, batch):
    inbox, port = mail_server("plain")
    inbox.answers["Second"] = ["550 5.1.1 No such mailbox"]
    result = _send(make_app, port, **PLAIN)
    assert "Sent 2 of 3 messages. 1 could not be sent (shown on the case)." in result.output
    second = _row(db, "Second")
    assert second.state == "failed" and second.error == "550 SMTPDataError"
    _time_passes(db)
    assert "Sent 0 of 0" in _send(make_app, port, **PLAIN).output


def test_a_message_that_is_not_valid_e_mail_fails_without_stopping_the_batch(
    make_app, db, mail_server
):
    inbox, port = mail_server("plain")
    _message(db, "Broken\nBcc: everyone@example.org")
    _message(db, "Fine")
    result = _send(make_app, port, **PLAIN)
    assert "Sent 1 of 2 messages. 1 could not be sent" in result.output
    assert inbox.subjects() == ["Fine"]


def test_too_many_temporary_refusals_fail(make_app, db, mail_server):
    inbox, port = mail_server("plain")
    message = _message(db, "Unlucky")
    inbox.answers["Unlucky"] = ["451 busy"] * 20
    for _ in range(8):
        _time_passes(db)
        _send(make_app, port, **PLAIN)
    row = _row(db, "Unlucky")
    assert row.state == "failed" and row.attempts == 8 and message.id == row.id
    assert inbox.received == []


def test_two_senders_at_once_never_send_a_message_twice(app, db, mail_server):
    inbox, port = mail_server("plain")
    inbox.delay = 0.02
    for n in range(12):
        _message(db, f"Message {n}")
    server = MailServer("127.0.0.1", port, "tandem@example.org", security="plain")
    outcomes = []

    def run() -> None:
        with app.extensions["tandem_sessionmaker"]() as session:
            outcomes.append(deliver(session, server))

    senders = [threading.Thread(target=run) for _ in range(2)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(timeout=60)
    assert sorted(inbox.subjects()) == sorted(f"Message {n}" for n in range(12))
    assert sum(o.sent for o in outcomes) == 12
    assert all(o.sent for o in outcomes)  # both really ran, and shared the work
    assert not set(outcomes[0].tried) & set(outcomes[1].tried)


def test_a_crash_after_the_server_accepted_is_the_only_resend_and_waits_for_the_claim(
    app, db, mail_server
):
    """The documented at-least-once window: accepted by the server, not yet marked sent."""
    inbox, port = mail_server("plain")
    _message(db, "Accepted, then the sender died")
    _message(db, "Next")
    server = MailServer("127.0.0.1", port, "tandem@example.org", security="plain")

    def die(message: OutboxMessage) -> None:
        raise SystemExit("killed")

    with app.extensions["tandem_sessionmaker"]() as session, pytest.raises(SystemExit):
        deliver(session, server, after_send=die)
    with app.extensions["tandem_sessionmaker"]() as session:
        assert deliver(session, server).sent == 1  # "Next"; the claimed one is left alone
    assert inbox.subjects() == ["Accepted, then the sender died", "Next"]
    later = utcnow() + STALE_CLAIM + timedelta(minutes=1)
    with app.extensions["tandem_sessionmaker"]() as session:
        assert deliver(session, server, clock=lambda: later).sent == 1
    assert inbox.subjects().count("Accepted, then the sender died") == 2


def test_loop_mode_runs_again_after_the_pause(make_app, db, mail_server):
    inbox, port = mail_server("plain")
    _message(db, "Looped")
    result = _send(make_app, port, "--loop", "0", "--rounds", "2", **PLAIN)
    assert result.exit_code == 0
    assert result.output.splitlines() == ["Sent 1 of 1 messages.", "Sent 0 of 0 messages."]
    assert inbox.subjects() == ["Looped"]


def test_released_notices_still_need_a_verified_encrypted_server(
    make_app, db, mail_server, authority, tmp_path
):
    message = _message(db, "Plan signed · DFCS case CW-100")
    inbox, port = mail_server("plain")
    refused = _send(make_app, port)  # starttls is required by default
    assert refused.exit_code == 1 and "does not offer STARTTLS; nothing was sent" in refused.output
    assert "1 waiting" in refused.output
    row = _row(db, message.subject)
    assert row.state == "queued" and row.claim_token is None and row.attempts == 0
    inbox, port = mail_server("starttls")
    ca_file = tmp_path / "county-ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    assert "Sent 1 of 1" in _send(make_app, port, SMTP_CA_FILE=str(ca_file)).output
    [(content, encrypted)] = inbox.received
    assert encrypted and "Body of Plan signed" in content


def test_a_locked_database_is_reported_and_loop_mode_tries_again(
    make_app, db, mail_server, monkeypatch
):
    inbox, port = mail_server("plain")
    _message(db, "After the lock")
    real, calls = outbox.claim_next, []

    def locked_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError(
                "UPDATE outbox_message ...", {"to": "x"}, Exception("database is locked")
            )
        return real(*args, **kwargs)

    monkeypatch.setattr(outbox, "claim_next", locked_once)
    looped = _send(make_app, port, "--loop", "0", "--rounds", "2", **PLAIN)
    assert looped.exit_code == 0, looped.output
    assert looped.output.splitlines() == [
        "The database could not be used (Exception: database is locked); trying again next round.",
        "Sent 1 of 1 messages.",
    ]
    assert inbox.subjects() == ["After the lock"]

    calls.clear()
    _message(db, "Second")
    once = _send(make_app, port, **PLAIN)
    assert once.exit_code == 1 and isinstance(once.exception, SystemExit)
    assert "database is locked" in once.output and "nothing more sent" in once.output
    assert "UPDATE" not in once.output and "'x'" not in once.output  # no statement, no values
    assert inbox.subjects() == ["After the lock"]
