"""Home and health."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Blueprint, Response, redirect, url_for
from flask_login import current_user

from models.enums import Role
from policy.county_time import county_date

from .wizard.common import local

bp = Blueprint("main", __name__)


@bp.app_template_filter("machine_time")
def machine_time(value: date | datetime) -> str:
    """The value of a <time datetime="...">: HTML allows at most three digits of a second."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds" if value.microsecond else "seconds")
    return value.isoformat()


# A stored moment as the county reads it ("12/03/2026 at 12:07 PM"), and its calendar day (a
# link that ends at 1 AM UTC on Dec 4 ends on Dec 3 in the county).
bp.add_app_template_filter(local, "county_time")
bp.add_app_template_filter(county_date, "county_date")


@bp.get("/")
def index() -> Any:
    if current_user.role == Role.ADMIN:
        return redirect(url_for("admin.users"))
    return redirect(url_for("cases.caseload"))


@bp.get("/health")
def health() -> Any:
    return {"status": "ok"}


@bp.get("/robots.txt")
def robots() -> Any:
    # Nothing here is for search engines; the share prefix is named as capability-URL practice asks.
    body = "User-agent: *\nDisallow: /s/\nDisallow: /\n"
    return Response(body, mimetype="text/plain")
