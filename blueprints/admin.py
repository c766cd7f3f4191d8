"""Administration: accounts of the administrator's county."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from models.db import get_db
from models.enums import Role
from models.users import User

from . import audit
from .access import roles_required
from .sessions import end_user_sessions

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
@roles_required(Role.ADMIN)
def users() -> Any:
    db = get_db()
    people = db.scalars(
        select(User).where(User.county_id == current_user.county_id).order_by(User.role, User.name)
    ).all()
    return render_template("admin/users.html", users=people)


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
