"""Administration: accounts of the administrator's county."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from models.db import get_db
from models.enums import Role
from models.users import User

from .access import roles_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
@roles_required(Role.ADMIN)
def users() -> Any:
    db = get_db()
    people = db.scalars(select(User).where(User.county_id == current_user.county_id)
                        .order_by(User.role, User.name)).all()
    return render_template("admin/users.html", users=people)
