"""The second factor from the worker's own account page: set it up (offered to the roles the
county does not require it of), turn it off where the county allows, new recovery codes.
Turning it off and new codes need a current code: a stolen session alone cannot do either."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_login import current_user

from models.base import utcnow
from models.db import get_db
from models.operations.mfa import (
    Check,
    new_secret,
    remove_second_factor,
    replace_recovery_codes,
)
from models.operations.mfa import enrol as enrol_factor

from . import audit, second_factor
from .account import render_account
from .forms.mfa import AccountCodeForm, EnrolForm

bp = Blueprint("account_mfa", __name__, url_prefix="/account/second-factor")

NEW_SECRET = "mfa_new_secret"  # in the server-side session only, until confirmed


def _enrol_page(secret: str, form: EnrolForm) -> Any:
    return second_factor.enrol_page(
        current_user, secret, form, url_for("account_mfa.enrol_post"), during_sign_in=False
    )


@bp.get("")
def enrol() -> Any:
    if current_user.mfa_enrolled:
        return redirect(url_for("account.show"))
    secret = session.get(NEW_SECRET)
    if not secret:
        secret = session[NEW_SECRET] = new_secret()
    return _enrol_page(secret, EnrolForm())


@bp.post("")
def enrol_post() -> Any:
    secret = session.get(NEW_SECRET)
    if current_user.mfa_enrolled or not secret:
        return redirect(url_for("account_mfa.enrol"))
    db = get_db()
    user = current_user._get_current_object()
    form = EnrolForm()
    if not form.validate_on_submit():
        return _enrol_page(secret, form)
    codes = enrol_factor(db, user, secret, form.code.data, utcnow())
    if codes is None:
        audit.record(db, "mfa_enrol", outcome="failed", object_type="account", object_id=user.id)
        db.commit()
        form.code.errors = [
            "That code does not match the key. Check the key typed into the app, and the "
            "phone's clock, then type the newest code."
        ]
        return _enrol_page(secret, form)
    session.pop(NEW_SECRET)
    audit.record(db, "mfa_enrol", object_type="account", object_id=user.id)
    db.commit()
    return render_template(
        "auth/recovery_codes.html",
        codes=codes,
        continue_to=url_for("account.show"),
        first_time=True,
    )


def _refused(prefix: str, action: str) -> Any:
    """The page to answer with when the code is missing, wrong or throttled; else None."""
    db = get_db()
    user = current_user._get_current_object()
    form = AccountCodeForm(prefix=prefix)
    if second_factor.throttled(db, user, action):
        db.commit()
        return render_account(429, mfa_throttled=True)
    if not form.validate_on_submit():
        return render_account(**{f"{prefix}_form": form})
    result = second_factor.check(db, user, form.code.data, action)
    if result not in (Check.APP, Check.RECOVERY):
        db.commit()
        form.code.errors = [second_factor.refusal(result)]
        return render_account(**{f"{prefix}_form": form})
    return None


@bp.post("/off")
def turn_off() -> Any:
    user = current_user._get_current_object()
    if not user.mfa_enrolled:
        return redirect(url_for("account.show"))
    if second_factor.must_use(user):
        flash(f"{user.county.name} requires a second factor for your role; it stays on.")
        return redirect(url_for("account.show"))
    refused = _refused("off", "mfa_disable")
    if refused is not None:
        return refused
    db = get_db()
    remove_second_factor(db, user)
    audit.record(db, "mfa_disable", object_type="account", object_id=user.id)
    db.commit()
    flash("Second factor turned off. Sign-in now asks for your password only.")
    return redirect(url_for("account.show"))


@bp.post("/recovery-codes")
def new_codes() -> Any:
    user = current_user._get_current_object()
    if not user.mfa_enrolled:
        return redirect(url_for("account.show"))
    refused = _refused("codes", "mfa_recovery_codes")
    if refused is not None:
        return refused
    db = get_db()
    codes = replace_recovery_codes(db, user, utcnow())
    audit.record(db, "mfa_recovery_codes", object_type="account", object_id=user.id)
    db.commit()
    return render_template(
        "auth/recovery_codes.html",
        codes=codes,
        continue_to=url_for("account.show"),
        first_time=False,
    )
