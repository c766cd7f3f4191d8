"""What the second factor's tests share: codes from pyotp, an enrolled account, sending a code
through the real form, the audit rows of some actions, the setup key shown on a page."""

from __future__ import annotations

import time
from datetime import timedelta

import pyotp
from sqlalchemy import select

from models import AuditEvent
from models.base import utcnow
from models.operations.mfa import enrol
from tests.html import by_id, csrf_token, text_of


def code(secret: str, steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + steps * 30)


def enrolled(db, user) -> tuple[str, list[str]]:
    """Give ``user`` a second factor (set up with the previous code, so the current one is
    still unused); returns the secret and the recovery codes."""
    secret = pyotp.random_base32()
    now = utcnow()  # one clock for the code and its check, whatever step boundary comes
    codes = enrol(db, user, secret, pyotp.TOTP(secret).at(now - timedelta(seconds=30)), now)
    db.commit()
    return secret, codes


def send_code(client, typed: str, path: str = "/login/code"):
    token = csrf_token(client.get(path).text)
    return client.post(path, data={"csrf_token": token, "code": typed})


def audit_rows(db, *actions: str) -> list[tuple[str, str]]:
    db.expire_all()
    rows = db.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    return [(r.action, r.outcome) for r in rows if r.action in actions]


def setup_key(html: str) -> str:
    return text_of(by_id(html, "setup-key")).replace(" ", "")
