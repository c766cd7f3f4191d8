"""A signed-in worker's own account: change password, which ends their other sessions."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_login import current_user

from models.base import utcnow
from models.db import get_db
from models.operations.passwords import PasswordPolicyError, check_policy, hash_password, verify

from . import audit
from .forms.account import PasswordChangeForm
from .sessions import end_user_sessions
from .throttle import password_throttle

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.get("")
def show() -> Any:
    return render_template("account/show.html", form=PasswordChangeForm())


@bp.post("/password")
def change_password() -> Any:
    form = PasswordChangeForm()
    db = get_db()
    guesses = password_throttle()
    account = str(current_user.id)
    if not guesses.allowed(account):
        # A stolen session must not become a way to guess the password (issue 12).
        audit.record(
            db,
            "password_change",
            outcome="throttled",
            object_type="account",
            object_id=current_user.id,
        )
        db.commit()
        return render_template("account/show.html", form=form, throttled=True), 429
    if form.validate_on_submit():
        if not verify(current_user.password_hash, form.current.data):
            form.current.errors = ["That is not your current password."]
            guesses.hit(account)
            audit.record(
                db,
                "password_change",
                outcome="failed",
                object_type="account",
                object_id=current_user.id,
                detail={"why": "wrong current password"},
            )
            db.commit()
        else:
            try:
                check_policy(form.new.data, email=current_user.email)
            except PasswordPolicyError as exc:
                form.new.errors = [str(exc)]
    if form.errors or not form.is_submitted():
        return render_template("account/show.html", form=form)
    user = current_user._get_current_object()
    user.password_hash = hash_password(form.new.data)
    user.password_changed_at = utcnow()
    ended = end_user_sessions(db, user.id, keep_token=getattr(session, "token", None))
    audit.record(
        db,
        "password_change",
        object_type="account",
        object_id=user.id,
        detail={"other_sessions_ended": ended},
    )
    db.commit()
    session.regenerate()  # type: ignore[attr-defined]
    flash(f"Password changed. {ended} other session{'s' if ended != 1 else ''} signed out.")
    return redirect(url_for("account.show"))
