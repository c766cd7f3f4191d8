"""A signed-in worker's own account: change password, which ends their other sessions; the
second factor's state (its actions are in blueprints/account_mfa.py)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_login import current_user

from models.base import utcnow
from models.db import get_db
from models.enums import Role
from models.operations.mfa import required_roles
from models.operations.passwords import PasswordPolicyError, check_policy, hash_password, verify
from models.queries.calendar import working_feed
from models.queries.mfa import recovery_codes_left

from . import audit, second_factor
from .forms.account import PasswordChangeForm
from .forms.mfa import AccountCodeForm
from .sessions import end_user_sessions
from .throttle import password_throttle

bp = Blueprint("account", __name__, url_prefix="/account")


def render_account(status: int = 200, **context: Any) -> Any:
    """The account page; ``context`` brings a form shown with its errors, or a notice."""
    user = current_user._get_current_object()
    forms = {
        "form": PasswordChangeForm(formdata=None),
        "off_form": AccountCodeForm(prefix="off", formdata=None),
        "codes_form": AccountCodeForm(prefix="codes", formdata=None),
    }
    required = second_factor.required_by_county(user)
    roles = required_roles(user.county.mfa_required_roles)
    return render_template(
        "account/show.html",
        **{**forms, **context},
        mfa_enrolled=user.mfa_enrolled,
        mfa_required=required,
        mfa_enforced=second_factor.enforced(),
        mfa_can_turn_off=user.mfa_enrolled and not second_factor.must_use(user),
        mfa_required_labels=[r.label for r in Role if r.value in roles],
        codes_left=recovery_codes_left(get_db(), user) if user.mfa_enrolled else 0,
        # The private calendar feed is an EC's (issue 15): their own cases' dates.
        feed_offered=user.role == Role.EC,
        feed=working_feed(get_db(), user) if user.role == Role.EC else None,
    ), status


@bp.get("")
def show() -> Any:
    return render_account()


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
        return render_account(429, form=form, throttled=True)
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
        return render_account(form=form)
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
