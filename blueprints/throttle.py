"""Sign-in throttling with the `limits` library (the engine under Flask-Limiter).

Two windows: per source address (credential stuffing across accounts) and per account (guessing
one password). Only failures count toward the account window, so a user who signs in fine is
never slowed; a locked account unlocks by itself after the window (no malicious permanent
lockout, ASVS 6.1.1/6.3.1). Storage is in-process memory: with several workers each keeps its own
count, which still stays far below ASVS 4.0.3's 100 failures/hour/account.
"""

from __future__ import annotations

from flask import Flask, current_app
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class LoginThrottle:
    def __init__(self, per_ip: str, per_account: str) -> None:
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.per_ip = parse(per_ip)
        self.per_account = parse(per_account)

    def allowed(self, ip: str, account: str) -> bool:
        return self.limiter.test(self.per_ip, "ip", ip) and self.limiter.test(
            self.per_account, "account", account
        )

    def attempt(self, ip: str) -> None:
        self.limiter.hit(self.per_ip, "ip", ip)

    def failure(self, account: str) -> None:
        self.limiter.hit(self.per_account, "account", account)


def init_app(app: Flask) -> None:
    app.extensions["tandem_login_throttle"] = LoginThrottle(
        app.config["LOGIN_LIMIT_PER_IP"], app.config["LOGIN_LIMIT_PER_ACCOUNT"]
    )


def login_throttle() -> LoginThrottle:
    return current_app.extensions["tandem_login_throttle"]


class BadTokenThrottle:
    """Share links: too many unknown tokens from one address means enumeration (security.md 19)."""

    def __init__(self, per_ip: str) -> None:
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.per_ip = parse(per_ip)

    def allowed(self, ip: str) -> bool:
        return self.limiter.test(self.per_ip, "share-bad-token", ip)

    def bad_token(self, ip: str) -> None:
        self.limiter.hit(self.per_ip, "share-bad-token", ip)


def share_throttle() -> BadTokenThrottle:
    app = current_app
    if "tandem_share_throttle" not in app.extensions:
        app.extensions["tandem_share_throttle"] = BadTokenThrottle(
            app.config.get("SHARE_BAD_TOKEN_LIMIT", "20 per minute")
        )
    return app.extensions["tandem_share_throttle"]
