"""Administration: accounts and settings of the administrator's county."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from models.db import get_db
from models.enums import Role
from models.operations.county_settings import (
    SettingsMoved,
    change_settings,
    current_values,
    fingerprint,
)
from models.operations.mfa import remove_second_factor, required_roles
from models.queries.county_settings import ACTION, recent_changes
from models.users import User

from . import audit, second_factor
from .access import roles_required
from .forms.county_settings import LABELS, QUESTIONS, CountySettingsForm, describe
from .sessions import end_user_sessions

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
@roles_required(Role.ADMIN)
def users() -> Any:
    db = get_db()
    people = db.scalars(
        select(User).where(User.county_id == current_user.county_id).order_by(User.role, User.name)
    ).all()
    county = current_user.county
    roles = required_roles(county.mfa_required_roles)
    return render_template(
        "admin/users.html",
        users=people,
        mfa_required_labels=[r.label for r in Role if r.value in roles],
        mfa_offered_labels=[r.label for r in Role if r.value not in roles],
        mfa_must_use={u.id for u in people if second_factor.must_use(u)},
        mfa_enforced=second_factor.enforced(),
    )


def _county_user(user_id: int) -> User:
    """An account of the admin's own county, or 404 with an authz_denied audit row."""
    db = get_db()
    user = db.get(User, user_id)
    if user is None or user.county_id != current_user.county_id:
        audit.record(db, "authz_denied", outcome="denied", object_type="account", object_id=user_id)
        db.commit()
        abort(404)
    return user


@bp.post("/users/<int:user_id>/disable")
@roles_required(Role.ADMIN)
def disable(user_id: int) -> Any:
    """Disable an account and end all its sessions at once (ASVS 7.4.2, 7.4.5)."""
    db = get_db()
    user = _county_user(user_id)
    if user.id == current_user.id:
        flash("You cannot disable your own account.", "error")
        return redirect(url_for("admin.users"))
    user.active = False
    ended = end_user_sessions(db, user.id)
    audit.record(
        db,
        "account_disable",
        object_type="account",
        object_id=user.id,
        detail={"sessions_ended": ended},
    )
    db.commit()
    flash(f"{user.name} is disabled and was signed out of {ended} session(s).")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/enable")
@roles_required(Role.ADMIN)
def enable(user_id: int) -> Any:
    db = get_db()
    user = _county_user(user_id)
    user.active = True
    audit.record(db, "account_enable", object_type="account", object_id=user.id)
    db.commit()
    flash(f"{user.name} can sign in again.")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/second-factor/reset")
@roles_required(Role.ADMIN)
def mfa_reset(user_id: int) -> Any:
    """A worker who lost their phone and codes: remove the factor, end their sessions; they set
    up a new one at their next sign-in where the county requires it. Never one's own."""
    db = get_db()
    user = _county_user(user_id)
    if user.id == current_user.id:
        flash(
            "You cannot reset your own second factor. Another administrator of your county can.",
            "error",
        )
        return redirect(url_for("admin.users"))
    if not user.mfa_enrolled:
        flash(f"{user.name} has no second factor to reset.", "error")
        return redirect(url_for("admin.users"))
    remove_second_factor(db, user)
    ended = end_user_sessions(db, user.id)
    audit.record(
        db,
        "mfa_reset",
        object_type="account",
        object_id=user.id,
        detail={"sessions_ended": ended},
    )
    db.commit()
    then = (
        "They set up a new one at their next sign-in."
        if second_factor.must_use(user)
        else "They can set up a new one from their account page."
    )
    flash(
        f"{user.name}'s second factor is reset and they were signed out of {ended} session(s). {then}"
    )
    return redirect(url_for("admin.users"))


def _settings_page(form: CountySettingsForm, status: int = 200, moved: dict | None = None) -> Any:
    county = current_user.county
    page = render_template(
        "admin/county.html",
        county=county,
        form=form,
        questions={q.field: q for q in QUESTIONS},
        current=current_values(county),
        changes=recent_changes(get_db(), county.id),
        labels=LABELS,
        moved=moved or {},
        describe=describe,
    )
    return page, status


@bp.get("/county")
@roles_required(Role.ADMIN)
def county_settings() -> Any:
    form = CountySettingsForm(formdata=None)
    form.fill(current_user.county, fingerprint(current_user.county))
    return _settings_page(form)


@bp.post("/county")
@roles_required(Role.ADMIN)
def county_settings_save() -> Any:
    db = get_db()
    county = current_user.county
    form = CountySettingsForm()
    if not form.validate():
        return _settings_page(form)
    now = fingerprint(county)
    if form.shown.data != now:
        # Another administrator saved since this page was shown: show what they set, keep what
        # was typed, and let a second press save it knowingly.
        form.shown.data = now
        return _settings_page(form, 409, moved=current_values(county))
    try:
        changes = change_settings(db, county, form.values())
    except SettingsMoved:  # another administrator's save landed after this request read them
        db.rollback()
        form.shown.data = fingerprint(county)
        return _settings_page(form, 409, moved=current_values(county))
    if not changes:
        flash("Nothing changed: the settings were already these.")
        return redirect(url_for("admin.county_settings"))
    audit.record(db, ACTION, object_type="county", object_id=county.id, detail=changes)
    db.commit()
    flash(f"Saved {len(changes)} change(s) to {county.name}'s settings.")
    return redirect(url_for("admin.county_settings"))
