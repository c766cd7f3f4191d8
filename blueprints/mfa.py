"""Sign-in, second page: the code (or a recovery code), or setting up the app when the county
requires a second factor of the worker's role and they have none yet (security.md test 8)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_login import current_user

from models.base import utcnow
from models.db import get_db
from models.operations.mfa import Check
from models.operations.mfa import enrol as enrol_factor
from models.users import User

from . import audit, second_factor
from .access import safe_return_to
from .forms.mfa import ChallengeForm, EnrolForm

bp = Blueprint("mfa", __name__, url_prefix="/login")

TOO_LATE = "That sign-in was not finished in time. Sign in again."


def _start_over() -> Any:
    if second_factor.PENDING_KEY in session:
        session.pop(second_factor.PENDING_KEY)
        flash(TOO_LATE)
    return redirect(url_for("auth.login"))


def _where_to(data: dict[str, Any]) -> str:
    return safe_return_to(data.get("next"), url_for("main.index"))


def _code_page(form: ChallengeForm, status: int = 200, throttled: bool = False) -> Any:
    return render_template("auth/mfa_code.html", form=form, throttled=throttled), status


@bp.get("/code")
def challenge() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    user, _data = second_factor.pending_user(get_db())
    if user is None:
        return _start_over()
    if not user.mfa_enrolled:  # reset meanwhile by an administrator
        return redirect(url_for("mfa.enrol")) if second_factor.must_use(user) else _start_over()
    return _code_page(ChallengeForm())


@bp.post("/code")
def challenge_post() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    db = get_db()
    user, data = second_factor.pending_user(db)
    if user is None or not user.mfa_enrolled:
        return _start_over()
    form = ChallengeForm()
    if second_factor.throttled(db, user, "login_mfa"):
        db.commit()
        return _code_page(form, 429, throttled=True)
    if not form.validate_on_submit():
        return _code_page(form)
    result = second_factor.check(db, user, form.code.data, "login_mfa")
    if result not in (Check.APP, Check.RECOVERY):
        db.commit()
        form.code.errors = [second_factor.refusal(result)]
        return _code_page(form)
    audit.record(
        db,
        "login_mfa",
        user_id=user.id,
        object_type="account",
        object_id=user.id,
        detail={"with": result.value},
    )
    second_factor.finish_sign_in(db, user)
    db.commit()
    if result is Check.RECOVERY:
        flash(
            "You signed in with a recovery code; it cannot be used again. If your phone is "
            "lost, get new recovery codes here and ask an administrator to reset your second "
            "factor."
        )
        return redirect(url_for("account.show"))
    return redirect(_where_to(data))


def _enrol_page(user: User, secret: str, form: EnrolForm) -> Any:
    return second_factor.enrol_page(
        user, secret, form, url_for("mfa.enrol_post"), during_sign_in=True
    )


@bp.get("/set-up")
def enrol() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    user, data = second_factor.pending_user(get_db())
    if user is None or not data.get("secret"):
        return _start_over()
    if user.mfa_enrolled:
        return redirect(url_for("mfa.challenge"))
    return _enrol_page(user, data["secret"], EnrolForm())


@bp.post("/set-up")
def enrol_post() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    db = get_db()
    user, data = second_factor.pending_user(db)
    if user is None or not data.get("secret"):
        return _start_over()
    if user.mfa_enrolled:  # a copy of an old sign-in cookie cannot replace the factor
        return redirect(url_for("mfa.challenge"))
    form = EnrolForm()
    if not form.validate_on_submit():
        return _enrol_page(user, data["secret"], form)
    codes = enrol_factor(db, user, data["secret"], form.code.data, utcnow())
    if codes is None:
        audit.record(
            db,
            "mfa_enrol",
            outcome="failed",
            user_id=user.id,
            object_type="account",
            object_id=user.id,
        )
        db.commit()
        form.code.errors = [
            "That code does not match the key. Check the key typed into the app, and the "
            "phone's clock, then type the newest code."
        ]
        return _enrol_page(user, data["secret"], form)
    audit.record(db, "mfa_enrol", user_id=user.id, object_type="account", object_id=user.id)
    second_factor.finish_sign_in(db, user)
    db.commit()
    return render_template(
        "auth/recovery_codes.html", codes=codes, continue_to=_where_to(data), first_time=True
    )
