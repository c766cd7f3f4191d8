"""Sign in and sign out."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user
from sqlalchemy import func, select

from models.db import get_db
from models.operations.passwords import hash_password, needs_rehash, verify
from models.users import User

from . import audit, second_factor
from .access import safe_return_to
from .forms.auth import LoginForm
from .throttle import login_throttle

bp = Blueprint("auth", __name__)

GENERIC_FAILURE = "That email and password do not match an active account."


def _demo_accounts() -> list[User]:
    if not current_app.config["DEMO_MODE"]:
        return []
    db = get_db()
    return list(
        db.scalars(
            select(User).where(User.active.is_(True)).order_by(User.county_id, User.role, User.name)
        )
    )


def _render(form: LoginForm, error: str = "", status: int = 200) -> Any:
    return render_template(
        "auth/login.html",
        form=form,
        error=error,
        demo_accounts=_demo_accounts(),
        demo_password=current_app.config.get("DEMO_PASSWORD", ""),
        mfa_waived_for_demo=current_app.config["DEMO_MODE"],
        expired=bool(request.args.get("timeout")),
    ), status


@bp.get("/login")
def login() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("cases.caseload"))
    return _render(LoginForm())


@bp.post("/login")
def login_post() -> Any:
    form = LoginForm()
    if not form.validate_on_submit():
        return _render(form)
    db = get_db()
    email = form.email.data.strip().lower()
    ip = audit.client_ip()
    throttle = login_throttle()
    if not throttle.allowed(ip, email):
        audit.record(db, "login", outcome="throttled", object_type="account")
        db.commit()
        form.password.data = ""
        return _render(
            form,
            "Too many sign-in attempts. Wait 15 minutes and try again, or ask your administrator.",
            429,
        )
    throttle.attempt(ip)
    user = db.scalars(select(User).where(func.lower(User.email) == email)).first()
    ok = verify(user.password_hash if user else None, form.password.data)
    if not ok or user is None or not user.active:
        throttle.failure(email)
        audit.record(
            db, "login", outcome="failed", object_type="account", user_id=user.id if user else None
        )
        db.commit()
        return _render(form, GENERIC_FAILURE)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(form.password.data)
    target = safe_return_to(request.args.get("next"), url_for("main.index"))
    step = second_factor.second_step(user)
    if step is not None:
        # Not signed in yet: the second page asks for the code, or sets up the app first.
        second_factor.begin(user, step, target)
        audit.record(
            db,
            "login",
            outcome="pending",
            object_type="account",
            user_id=user.id,
            object_id=user.id,
            detail={"second_factor": step},
        )
        db.commit()
        return redirect(second_factor.step_url({"step": step}))
    second_factor.finish_sign_in(db, user)
    db.commit()
    return redirect(target)


@bp.post("/logout")
def logout() -> Any:
    db = get_db()
    if not current_user.is_authenticated:  # a sign-in that was waiting for its second factor
        waiting, _data = second_factor.pending_user(db)
        if waiting is not None:
            audit.record(
                db,
                "login_mfa",
                outcome="cancelled",
                user_id=waiting.id,
                object_type="account",
                object_id=waiting.id,
            )
            db.commit()
        session.clear()
        return redirect(url_for("auth.login"))
    audit.record(db, "logout", object_type="account", object_id=current_user.id)
    db.commit()
    logout_user()
    session.clear()
    response = redirect(url_for("auth.login"))
    # ASVS 14.3.1: drop whatever the browser kept of case pages.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response
