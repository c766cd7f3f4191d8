"""Home and health."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, url_for
from flask_login import current_user

from models.enums import Role

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> Any:
    if current_user.role == Role.ADMIN:
        return redirect(url_for("admin.users"))
    return redirect(url_for("cases.caseload"))


@bp.get("/health")
def health() -> Any:
    return {"status": "ok"}
