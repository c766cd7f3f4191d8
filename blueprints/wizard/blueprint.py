"""The `wizard` blueprint object, apart from the modules that add routes to it (no import circle)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import Blueprint, current_app
from werkzeug.routing import BaseConverter, ValidationError

from policy.hours import fmt_hours

from ..forms.summary import problems
from .track_nav import track_pages, track_tab

bp = Blueprint("wizard", __name__)


class IsoDateConverter(BaseConverter):
    """``<isodate:monday>``: a calendar date written 2026-11-23; anything else is a 404."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValidationError() from None

    def to_url(self, value: date) -> str:
        return value.isoformat()


bp.record_once(lambda state: state.app.url_map.converters.setdefault("isodate", IsoDateConverter))


@bp.app_template_global()
def form_problems(form: object) -> list[object]:
    return list(problems(form))  # type: ignore[arg-type]


@bp.app_template_global("hours")
def hours_global(value: float | Decimal | int) -> str:
    """Hours as every page prints them (policy.hours.fmt_hours): 30, 7.5."""
    return fmt_hours(value)


@bp.app_template_global("track_pages")
def track_pages_global() -> list[tuple[str, str]]:
    """The Track step's pages (track_nav.TRACK_PAGES) whose views exist."""
    return track_pages()


@bp.app_template_global("track_tab")
def track_tab_global(endpoint: str | None) -> str:
    return track_tab(endpoint)


@bp.app_template_global("has_page")
def has_page(endpoint: str) -> bool:
    """Whether a page exists, so a link to an area is shown only once the area is built."""
    return endpoint in current_app.view_functions
