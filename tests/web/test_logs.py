"""Secrets never reach the application log; log lines cannot be forged (security.md 34, 35)."""

from __future__ import annotations

import logging

from blueprints.logs import RequestFormatter
from tests import factories as f
from tests.helpers import PASSWORD


def test_passwords_session_and_csrf_tokens_stay_out_of_logs(app, db, client, auth, caplog, capsys):
    f.user(db, "ana.ec@example.org")
    db.commit()
    caplog.set_level(logging.DEBUG)
    sentinel = "Sentinel-Password-4417"
    auth.login("ana.ec@example.org", sentinel)
    auth.login("ana.ec@example.org")
    token = auth.csrf()
    client.post("/logout", headers={"X-CSRFToken": token})
    cookie = client.get_cookie("__Host-tandem")
    logged = caplog.text + "".join(capsys.readouterr())
    for secret in (sentinel, PASSWORD, token):
        assert secret not in logged
    if cookie is not None:
        assert cookie.value not in logged


def test_control_characters_are_escaped_onto_one_line():
    formatter = RequestFormatter("%(message)s")
    record = logging.LogRecord(
        "tandem", logging.WARNING, __file__, 1, "user ana\r\nFAKE 200 OK \x1b[31mred", None, None
    )
    line = formatter.format(record)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert "\\r\\n" in line
