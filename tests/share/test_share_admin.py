"""The EC makes, sends, watches and withdraws links; tokens never reach a log (issue 5)."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from sqlalchemy import select

from blueprints.gunicorn_logging import RedactingLogger
from models import OutboxMessage, ShareLink
from models.base import utcnow
from tests import factories as f
from tests.helpers import post_form
from tests.html import csrf_token, elements

LINK = re.compile(r"http://localhost/s/([A-Za-z0-9_-]{43})")


def shown_link(html: str) -> tuple[str, str] | None:
    """The share link shown on the page (in a field's value), and its token; None if none is."""
    for field in elements(html, "[value]"):
        if match := LINK.fullmatch(field.get("value") or ""):
            return match.group(0), match.group(1)
    return None


def _make(client, case, **fields):
    data = {
        "recipient_name": "Dana Kim",
        "recipient_email": "dana.kim@example.org",
        "days": "30",
        "scope": "view",
        "deliver": "show",
        **fields,
    }
    url = f"/cases/{case.id}/share"
    return post_form(client, url, url, data)


def test_link_is_shown_once_then_only_its_fingerprint_remains(client, auth, db, team):
    case = f.shared_case(db, team["ana"])
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/share").text
    assert 'value="Dana Kim"' in page and 'value="dana.kim@example.org"' in page  # from Assign
    made = _make(client, case)
    assert made.status_code == 200 and "it is shown only once" in made.text
    url, token = shown_link(made.text)
    assert token not in client.get(f"/cases/{case.id}/share").text  # never again
    link = db.scalars(select(ShareLink)).one()
    assert link.expires_at.date() == (utcnow() + timedelta(days=30)).date()
    client.get(f"/s/{token}", environ_base={"REMOTE_ADDR": "10.9.8.7"})
    log = client.get(f"/cases/{case.id}/share").text
    assert "Opened the page" in log and "10.9.8.7" in log and "Working" in log


def test_bad_input_is_answered_next_to_the_field(client, auth, db, team):
    case = f.shared_case(db, team["ana"])
    db.commit()
    auth.login("ana.ec@example.org")
    page = _make(client, case, days="120", recipient_email="dana").text
    assert "Enter a number of days from 1 to 90." in page
    assert "Enter a full e-mail address" in page
    assert db.scalars(select(ShareLink)).first() is None


def test_email_goes_to_the_outbox_and_is_not_shown(app, client, auth, db, team):
    case = f.shared_case(db, team["ana"])
    db.commit()
    auth.login("ana.ec@example.org")
    made = _make(client, case, deliver="email")
    assert "in Tandem's outbox for dana.kim@example.org" in made.text
    assert shown_link(made.text) is None
    message = db.scalars(select(OutboxMessage)).one()
    assert "/s/" in message.body and "Rosa" not in message.subject
    result = app.test_cli_runner().invoke(args=["send-outbox"])
    assert "No mail server configured" in result.output and "1 waiting" in result.output
    message.discard_after = utcnow() - timedelta(seconds=1)
    db.commit()
    assert "Discarded 1" in app.test_cli_runner().invoke(args=["prune-outbox"]).output
    db.expire_all()
    assert db.get(OutboxMessage, message.id).body == ""


def test_withdraw_with_one_click(client, auth, db, team):
    case = f.shared_case(db, team["ana"])
    db.commit()
    auth.login("ana.ec@example.org")
    token = shown_link(_make(client, case).text)[1]
    link = db.scalars(select(ShareLink)).one()
    page = client.get(f"/cases/{case.id}/share").text
    client.post(f"/cases/{case.id}/share/{link.id}/revoke", data={"csrf_token": csrf_token(page)})
    assert client.get(f"/s/{token}").status_code == 410
    assert "Withdrawn" in client.get(f"/cases/{case.id}/share").text


def test_another_unit_cannot_see_or_withdraw_the_links(client, auth, db, team):
    case = f.shared_case(db, team["ana"])
    db.commit()
    auth.login("olga.ec@example.org")
    assert client.get(f"/cases/{case.id}/share").status_code == 404


def test_app_and_dev_server_logs_redact_the_token(app, client, caplog, shared):
    caplog.set_level(logging.DEBUG)
    token = shared["token"]
    client.get(f"/s/{token}")
    logging.getLogger("werkzeug").info('127.0.0.1 - - "GET /s/%s HTTP/1.1" 200 -', token)
    app.logger.warning("opened /s/%s", token)
    assert token not in caplog.text
    assert "/s/[redacted]" in caplog.text


def test_gunicorn_access_log_redacts_the_token():
    class Cfg:
        access_log_format = '%(h)s "%(r)s" %(U)s %(s)s'

    token = "T" * 43
    logger = RedactingLogger.__new__(RedactingLogger)
    logger.cfg = Cfg()  # only what atoms() reads

    class Resp:
        status = "200 OK"
        headers = ()
        sent = 10
        response_length = 10

    class Req:
        headers = ()
        method, path, query, uri, version = "GET", f"/s/{token}", "", f"/s/{token}", (1, 1)

    environ = {
        "REMOTE_ADDR": "1.2.3.4",
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/s/{token}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": f"/s/{token}",
        "QUERY_STRING": "",
    }
    atoms = logger.atoms(Resp(), Req(), environ, timedelta(seconds=0.01))
    assert all(token not in str(v) for v in atoms.values())
    assert "/s/[redacted]" in atoms["U"]


def test_gunicorn_access_log_escapes_control_characters():
    """%0A in a path must not forge a second log line; ANSI escapes must not reach a terminal."""

    class Cfg:
        access_log_format = '%(h)s "%(r)s" %(U)s %(s)s'

    logger = RedactingLogger.__new__(RedactingLogger)
    logger.cfg = Cfg()
    forged = '/cases\n127.0.0.1 - admin "GET /admin" 200\x1b[31m'

    class Resp:
        status = "404 NOT FOUND"
        headers = ()
        sent = 10
        response_length = 10

    class Req:
        headers = ()
        method, path, query, uri, version = "GET", forged, "", forged, (1, 1)

    environ = {
        "REMOTE_ADDR": "1.2.3.4",
        "REQUEST_METHOD": "GET",
        "RAW_URI": forged,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": forged,
        "QUERY_STRING": "",
    }
    atoms = logger.atoms(Resp(), Req(), environ, timedelta(seconds=0.01))
    line = Cfg.access_log_format % atoms
    assert "\n" not in line and "\x1b" not in line
    assert "\\n127.0.0.1" in line and "\\x1b[31m" in line
