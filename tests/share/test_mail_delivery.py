"""send-outbox encrypts and verifies by default; plain SMTP only when asked, and only to localhost
(issue 12). A real SMTP server (aiosmtpd) on loopback, with certificates from trustme."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from models import OutboxMessage
from models.base import utcnow


@pytest.fixture
def queued(db) -> OutboxMessage:
    message = OutboxMessage(
        to_address="dana.kim@example.org",
        subject="A Tandem case was shared with you",
        body="Open https://tandem.example/s/secret-token",
        discard_after=utcnow() + timedelta(days=1),
    )
    db.add(message)
    db.commit()
    return message


def _send(make_app, port: int, **config):
    app = make_app(SMTP_HOST=config.pop("SMTP_HOST", "127.0.0.1"), SMTP_PORT=port, **config)
    return app.test_cli_runner().invoke(args=["send-outbox"])


def _still_queued(db, message) -> bool:
    db.expire_all()
    row = db.scalars(select(OutboxMessage).where(OutboxMessage.id == message.id)).one()
    return row.sent_at is None and "secret-token" in row.body


def test_a_server_without_starttls_gets_nothing_by_default(make_app, db, mail_server, queued):
    inbox, port = mail_server("plain")
    result = _send(make_app, port)
    assert result.exit_code == 1
    assert "does not offer STARTTLS; nothing was sent" in result.output
    assert inbox.received == [] and _still_queued(db, queued)


def test_an_untrusted_certificate_is_refused(make_app, db, mail_server, queued):
    inbox, port = mail_server("starttls")  # signed by an authority this machine does not trust
    result = _send(make_app, port)
    assert result.exit_code == 1 and "certificate was refused" in result.output
    assert inbox.received == [] and _still_queued(db, queued)


def test_a_certificate_for_another_host_is_refused(
    make_app, db, mail_server, queued, authority, tmp_path
):
    inbox, port = mail_server("starttls", names=("mail.other-county.example",))
    ca_file = tmp_path / "county-ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    result = _send(make_app, port, SMTP_CA_FILE=str(ca_file))
    assert result.exit_code == 1 and "certificate was refused" in result.output
    assert inbox.received == [] and _still_queued(db, queued)


@pytest.mark.parametrize("mode", ["starttls", "tls"])
def test_a_verified_server_gets_the_message_encrypted(
    make_app, db, mail_server, queued, authority, tmp_path, mode
):
    inbox, port = mail_server(mode)
    ca_file = tmp_path / "county-ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    result = _send(make_app, port, SMTP_CA_FILE=str(ca_file), SMTP_SECURITY=mode)
    assert result.exit_code == 0 and "Sent 1 of 1" in result.output
    [(content, encrypted)] = inbox.received
    assert "secret-token" in content and encrypted
    assert not _still_queued(db, queued)
    db.expire_all()
    assert db.get(OutboxMessage, queued.id).body == ""


def test_plain_smtp_to_a_local_relay_when_the_county_says_so(make_app, db, mail_server, queued):
    inbox, port = mail_server("plain")
    result = _send(make_app, port, SMTP_SECURITY="plain")
    assert result.exit_code == 0 and "Sent 1 of 1" in result.output
    [(_, encrypted)] = inbox.received
    assert not encrypted


def test_plain_smtp_to_another_machine_is_refused_before_connecting(make_app, db, queued):
    result = _send(make_app, 25, SMTP_HOST="mail.county.example", SMTP_SECURITY="plain")
    assert result.exit_code == 1
    assert "Plain SMTP is only allowed to a relay on this machine" in result.output
    assert _still_queued(db, queued)
