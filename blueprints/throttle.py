"""Throttles whose counts every worker and every app server share (issue 12).

Counts used to live in each worker's memory: with two workers a limit of 5 let 7 to 10 guesses
through, and recycling the workers (``--max-requests``) wiped them. Now each attempt is a row of
``rate_limit_hit`` in the application's database (models/throttle.py), written in its own short
transaction so it counts even when the request's own work is rolled back, and a limit is a
moving window counted in SQL. The `limits` library still reads the limits as written in the
configuration ("5 per 15 minutes").

- Sign-in: per address (credential stuffing across accounts) and per account (guessing one
  password); only failures count toward the account, so a user who signs in fine is never
  slowed, and a locked account unlocks by itself (no lockout an attacker can trigger, ASVS 6.3.1).
- Share links: unknown tokens per address (enumeration, security.md 19).
- Password change: wrong current passwords per account.
- Duplicate lookups on Identify: per user (the lookup searches the whole county).
- Second-factor codes: wrong or reused codes per account, at sign-in and on the account page.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import Flask, current_app
from limits import parse
from sqlalchemy import Engine, delete, func, insert, select

from models.base import utcnow
from models.throttle import RateLimitHit

KEEP = timedelta(days=1)  # longer than any window


def _key(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()


class SharedLimit:
    """At most ``rule`` (e.g. "5 per 15 minutes") hits per key within a moving window."""

    def __init__(self, scope: str, rule: str) -> None:
        item = parse(rule)
        self.scope, self.amount = scope, item.amount
        self.window = timedelta(seconds=item.get_expiry())

    @staticmethod
    def _engine() -> Engine:
        return current_app.extensions["tandem_engine"]

    def count(self, key: str) -> int:
        since = utcnow() - self.window
        stmt = select(func.count()).where(
            RateLimitHit.scope == self.scope,
            RateLimitHit.key == _key(key),
            RateLimitHit.at > since,
        )
        with self._engine().connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def allowed(self, key: str) -> bool:
        return self.count(key) < self.amount

    def hit(self, key: str) -> None:
        with self._engine().begin() as conn:
            conn.execute(insert(RateLimitHit).values(scope=self.scope, key=_key(key), at=utcnow()))
            if secrets.randbelow(200) == 0:  # now and then, forget what no window can need
                conn.execute(delete(RateLimitHit).where(RateLimitHit.at < utcnow() - KEEP))


def prune(engine: Engine) -> int:
    """Delete attempts older than any window (also run by `flask prune-sessions`)."""
    with engine.begin() as conn:
        result = conn.execute(delete(RateLimitHit).where(RateLimitHit.at < utcnow() - KEEP))
        return result.rowcount or 0


class LoginThrottle:
    def __init__(self, per_ip: str, per_account: str) -> None:
        self.ip = SharedLimit("login_ip", per_ip)
        self.account = SharedLimit("login_account", per_account)

    def allowed(self, ip: str, account: str) -> bool:
        return self.ip.allowed(ip) and self.account.allowed(account)

    def attempt(self, ip: str) -> None:
        self.ip.hit(ip)

    def failure(self, account: str) -> None:
        self.account.hit(account)


class BadTokenThrottle:
    """Share links: too many unknown tokens from one address means enumeration."""

    def __init__(self, per_ip: str) -> None:
        self.limit = SharedLimit("share_bad_token", per_ip)

    def allowed(self, ip: str) -> bool:
        return self.limit.allowed(ip)

    def bad_token(self, ip: str) -> None:
        self.limit.hit(ip)


def init_app(app: Flask) -> None:
    app.extensions["tandem_login_throttle"] = LoginThrottle(
        app.config["LOGIN_LIMIT_PER_IP"], app.config["LOGIN_LIMIT_PER_ACCOUNT"]
    )
    app.extensions["tandem_share_throttle"] = BadTokenThrottle(
        app.config.get("SHARE_BAD_TOKEN_LIMIT", "20 per minute")
    )
    app.extensions["tandem_password_throttle"] = SharedLimit(
        "password_change", app.config.get("PASSWORD_CHANGE_LIMIT", "5 per 15 minutes")
    )
    app.extensions["tandem_mfa_throttle"] = SharedLimit(
        "mfa_code", app.config.get("MFA_CODE_LIMIT", "5 per 15 minutes")
    )
    app.extensions["tandem_lookup_throttle"] = SharedLimit(
        "duplicate_lookup", app.config.get("DUPLICATE_LOOKUP_LIMIT", "60 per 10 minutes")
    )


def login_throttle() -> LoginThrottle:
    return current_app.extensions["tandem_login_throttle"]


def share_throttle() -> BadTokenThrottle:
    return current_app.extensions["tandem_share_throttle"]


def password_throttle() -> SharedLimit:
    return current_app.extensions["tandem_password_throttle"]


def lookup_throttle() -> SharedLimit:
    return current_app.extensions["tandem_lookup_throttle"]


def mfa_throttle() -> SharedLimit:
    return current_app.extensions["tandem_mfa_throttle"]
