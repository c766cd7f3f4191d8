"""Server-side sessions stored in the database.

Flask's default cookie session cannot be revoked (flask-login #480): a copied cookie outlives
logout. Here the cookie carries only a random token; the row keyed by SHA-256(token) holds the
data, so deleting the row ends the session for good (ASVS 7.4.1/7.4.2). Idle and absolute
limits are enforced on every request (ASVS 7.3.1/7.3.2).

Nobody signed in: no row. The sign-in page still needs a CSRF token, so until sign-in the little
data there is travels in a signed, short-lived cookie instead; every anonymous page view (and
every 404 a scanner asks for) would otherwise leave a row in the database.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import timedelta
from typing import Any

from flask import Flask, Request, Response, g, request
from flask.sessions import SessionInterface, SessionMixin
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import bindparam, delete, select
from werkzeug.datastructures import CallbackDict

from models.base import as_utc, utcnow
from models.db import get_db
from models.users import User, UserSession

from .static_assets import is_static_path

# Writing last_seen on every keystroke-driven htmx request would cost a write each; a short
# granularity keeps the idle limit accurate to well under a minute.
TOUCH_EVERY = timedelta(seconds=30)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ServerSession(CallbackDict[str, Any], SessionMixin):
    def __init__(self, initial: dict[str, Any] | None = None, token: str | None = None) -> None:
        def on_update(_self: Any) -> None:
            self.modified = True

        super().__init__(initial or {}, on_update)
        self.token = token
        self.modified = False
        self.regenerate_requested = False
        self.expired = False  # set when the previous session just timed out
        self.expired_user_id: int | None = None
        self.expired_csrf: str | None = None

    def regenerate(self) -> None:
        """Give this session a new id at the next save and destroy the old row (ASVS 7.2.4)."""
        self.regenerate_requested = True
        self.modified = True


# Built once: every signed-in request runs it, and building a statement and its cache key costs
# more than SQLite takes to answer it (issue 14).
SIGNED_IN = (
    select(UserSession, User)
    .outerjoin(User, User.id == UserSession.user_id)
    .where(UserSession.id == bindparam("token_hash"))
)

PRE_COOKIE = "__Host-tandem-pre"  # the anonymous data before sign-in (signed, not stored)


class DatabaseSessionInterface(SessionInterface):
    def __init__(self, sessionmaker: Any) -> None:
        self.sessionmaker = sessionmaker

    def _signer(self, app: Flask) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(app.secret_key or "", salt="tandem-anonymous-session")

    def _anonymous(self, app: Flask, request: Request) -> ServerSession:
        raw = request.cookies.get(PRE_COOKIE)
        if not raw or len(raw) > 4000:
            return ServerSession()
        idle = int(app.config["SESSION_IDLE_TIMEOUT"].total_seconds())
        try:
            data = self._signer(app).loads(raw, max_age=idle)
        except BadSignature:  # tampered with, or older than the idle limit
            return ServerSession()
        if not isinstance(data, dict) or "_user_id" in data:
            return ServerSession()
        return ServerSession(data)

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        if is_static_path(app, request.path):
            return ServerSession()  # the same file for everyone (static_assets.py): no query
        token = request.cookies.get(self.get_cookie_name(app))
        if not token or len(token) > 100:
            return self._anonymous(app, request)
        # In the request's own database session, with the user in the same query: the user
        # loader then finds them in the identity map. One connection and one query for who is
        # signed in, on every request (issue 14), instead of two of each.
        db = get_db()
        found = db.execute(SIGNED_IN, {"token_hash": token_hash(token)}).first()
        if found is None:  # ended (logout, timeout, disabled): anonymous from here on
            return self._anonymous(app, request)
        row, g.session_user = found  # held: the session's identity map only keeps what is held
        now = utcnow()
        idle = app.config["SESSION_IDLE_TIMEOUT"]
        absolute = app.config["SESSION_ABSOLUTE_TIMEOUT"]
        if now - as_utc(row.last_seen_at) > idle or now - as_utc(row.created_at) > absolute:
            had_user = row.user_id is not None
            old = json.loads(row.data)
            db.delete(row)
            db.commit()
            fresh = ServerSession()
            fresh.expired = had_user
            # Kept in memory for this one request only, so a form posted just after the
            # timeout can be saved as that user's draft (blueprints/wizard/rescue.py).
            fresh.expired_user_id = row.user_id
            fresh.expired_csrf = old.get("csrf_token")
            return fresh
        if now - as_utc(row.last_seen_at) > TOUCH_EVERY:
            row.last_seen_at = now
            db.commit()
        return ServerSession(json.loads(row.data), token=token)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)
        name = self.get_cookie_name(app)
        cookie_kwargs = dict(
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            httponly=True,
            samesite=self.get_cookie_samesite(app),
        )
        if not session.modified:
            return
        user_id = session.get("_user_id")
        if session and not user_id and session.token is None:
            # Nobody signed in and no row yet: keep it that way (see the module docstring).
            value = self._signer(app).dumps(dict(session))
            response.set_cookie(PRE_COOKIE, value, **cookie_kwargs)  # type: ignore[arg-type]
            if name in request.cookies:  # the cookie of a session that has ended
                response.delete_cookie(name, **cookie_kwargs)  # type: ignore[arg-type]
            response.vary.add("Cookie")
            return
        if PRE_COOKIE in request.cookies:  # signed in now: the anonymous cookie has done its job
            response.delete_cookie(PRE_COOKIE, **cookie_kwargs)  # type: ignore[arg-type]
        with self.sessionmaker() as db:
            if session.token and (session.regenerate_requested or not session):
                db.execute(delete(UserSession).where(UserSession.id == token_hash(session.token)))
                session.token = None
            if not session:
                db.commit()
                response.delete_cookie(name, **cookie_kwargs)  # type: ignore[arg-type]
                return
            data = json.dumps(dict(session))
            if session.token is None:
                session.token = secrets.token_urlsafe(32)
                db.add(
                    UserSession(
                        id=token_hash(session.token),
                        data=data,
                        user_id=int(user_id) if user_id else None,
                    )
                )
                new_cookie = True
            else:
                row = db.get(UserSession, token_hash(session.token))
                if row is None:  # ended elsewhere meanwhile (logout in another tab): stay ended
                    db.commit()
                    response.delete_cookie(name, **cookie_kwargs)  # type: ignore[arg-type]
                    return
                row.data = data
                row.user_id = int(user_id) if user_id else None
                new_cookie = False
            db.commit()
        if new_cookie:
            # A browser-session cookie: the server enforces the real lifetime.
            response.set_cookie(name, session.token, **cookie_kwargs)  # type: ignore[arg-type]
        response.vary.add("Cookie")


def end_user_sessions(db: Any, user_id: int, keep_token: str | None = None) -> int:
    """Delete every session of a user (account disabled, password changed) — ASVS 7.4.2/7.4.3."""
    stmt = delete(UserSession).where(UserSession.user_id == user_id)
    if keep_token:
        stmt = stmt.where(UserSession.id != token_hash(keep_token))
    return db.execute(stmt).rowcount or 0


def active_session_count(db: Any, user_id: int) -> int:
    return len(db.scalars(select(UserSession.id).where(UserSession.user_id == user_id)).all())
