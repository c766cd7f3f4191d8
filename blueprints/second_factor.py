"""The second factor in a request: who must use one, the sign-in waiting for its code, finishing
a sign-in, checking a code with the throttle and the audit trail (security.md test 8).

After a correct password, a worker with a second factor (or whose role requires one) is not
signed in yet: the anonymous, signed session cookie holds who they are, since when, and where
they were going. Default deny (blueprints/access.py) then lets them reach only the two
second-factor pages and sign-out, for 5 minutes (15 to set up an app); everything else sends
them back to the step they are on.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import segno
from flask import current_app, render_template, session, url_for
from flask_login import login_user
from markupsafe import Markup
from sqlalchemy.orm import Session

from models.base import utcnow
from models.operations.mfa import (
    Check,
    check_code,
    grouped_secret,
    is_required,
    new_secret,
    provisioning_uri,
)
from models.queries.mfa import recovery_codes_left
from models.users import User

from . import audit
from .throttle import mfa_throttle

PENDING_KEY = "mfa_pending"
CODE_WITHIN = timedelta(minutes=5)
ENROL_WITHIN = timedelta(minutes=15)  # installing an authenticator app takes a while
CODE = "code"
ENROL = "enrol"

THROTTLED = (
    "Too many wrong codes. Wait 15 minutes and try again, or ask an administrator of your "
    "county to reset your second factor."
)
WRONG = "That code is not right. Type the newest code your app shows for Tandem."
REUSED = (
    "That code was already used. Wait for the next code in your app, or use another recovery code."
)


def qr_svg(uri: str) -> Markup:
    """The setup link as an inline SVG QR code, drawn here: no page asks another site for it."""
    code = segno.make(uri, error="m")
    # No width or height, a viewBox instead: the page's CSS sizes it, smaller on a narrow phone.
    svg = code.svg_inline(scale=5, border=4, omitsize=True, title="QR code of the setup link")
    return Markup(svg)  # nosec B704


def enforced() -> bool:
    """False only in the demo and in tests that do not test the second factor."""
    return bool(current_app.config.get("MFA_ENFORCED", True)) and not current_app.config.get(
        "DEMO_MODE"
    )


def required_by_county(user: User) -> bool:
    return is_required(user.county.mfa_required_roles, user.role.value)


def must_use(user: User) -> bool:
    return enforced() and required_by_county(user)


def second_step(user: User) -> str | None:
    """What the password step leads to: the code, setting one up, or nothing (signed in)."""
    if user.mfa_enrolled:
        return CODE
    return ENROL if must_use(user) else None


def begin(user: User, step: str, next_url: str) -> None:
    """Remember the half-finished sign-in in the anonymous session (nobody is signed in yet)."""
    session.clear()
    data: dict[str, Any] = {
        "uid": user.id,
        "step": step,
        "since": int(utcnow().timestamp()),
        "next": next_url,
    }
    if step == ENROL:
        # A new secret for each sign-in: one seen by someone who knew the password before
        # the worker set up the app is never the one that gets confirmed.
        data["secret"] = new_secret()
    session[PENDING_KEY] = data


def pending() -> dict[str, Any] | None:
    """The half-finished sign-in, unless there is none or it is too old."""
    data = session.get(PENDING_KEY)
    if not isinstance(data, dict) or not isinstance(data.get("uid"), int):
        return None
    within = ENROL_WITHIN if data.get("step") == ENROL else CODE_WITHIN
    if utcnow().timestamp() - float(data.get("since", 0)) > within.total_seconds():
        return None
    return data


def pending_user(db: Session) -> tuple[User | None, dict[str, Any]]:
    data = pending()
    if data is None:
        return None, {}
    user = db.get(User, data["uid"])
    if user is None or not user.active:
        return None, {}
    return user, data


def step_url(data: dict[str, Any]) -> str:
    return url_for("mfa.enrol" if data.get("step") == ENROL else "mfa.challenge")


def finish_sign_in(db: Session, user: User) -> None:
    """Sign in for real: a new session id (ASVS 7.2.4), audited. No commit."""
    user.last_login_at = utcnow()
    session.clear()
    session.regenerate()  # type: ignore[attr-defined]
    login_user(user, remember=False)
    audit.record(db, "login", user_id=user.id, object_type="account", object_id=user.id)


def throttled(db: Session, user: User, action: str) -> bool:
    """Too many wrong codes for this account lately (audited when so)."""
    if mfa_throttle().allowed(str(user.id)):
        return False
    audit.record(
        db, action, outcome="throttled", user_id=user.id, object_type="account", object_id=user.id
    )
    return True


def check(db: Session, user: User, code: str, action: str) -> Check:
    """Check a code from the app or a recovery code; a wrong or used one counts toward the
    throttle and is audited (never the code itself); a spent recovery code is audited."""
    result = check_code(db, user, code, utcnow())
    if result in (Check.WRONG, Check.REUSED):
        mfa_throttle().hit(str(user.id))
        audit.record(
            db,
            action,
            outcome="failed",
            user_id=user.id,
            object_type="account",
            object_id=user.id,
            detail={"why": result.value},
        )
    elif result is Check.RECOVERY:
        audit.record(
            db,
            "recovery_code_used",
            user_id=user.id,
            object_type="account",
            object_id=user.id,
            detail={"left": recovery_codes_left(db, user)},
        )
    return result


def refusal(result: Check) -> str:
    return REUSED if result is Check.REUSED else WRONG


def enrol_page(user: User, secret: str, form: Any, action: str, during_sign_in: bool) -> str:
    """The set-up page, alike from the account page and from a sign-in that must set one up."""
    uri = provisioning_uri(secret, user.email, user.county.name)
    return render_template(
        "auth/mfa_enrol.html",
        form=form,
        grouped=grouped_secret(secret),
        uri=uri,
        qr=qr_svg(uri),
        email=user.email,
        action=action,
        during_sign_in=during_sign_in,
        required=must_use(user),
        county_name=user.county.name,
    )
