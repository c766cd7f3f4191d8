"""The `wizard` blueprint object, apart from the modules that add routes to it (no import circle)."""

from __future__ import annotations

from flask import Blueprint

from ..forms.summary import problems

bp = Blueprint("wizard", __name__)


@bp.app_template_global()
def form_problems(form: object) -> list[object]:
    return list(problems(form))  # type: ignore[arg-type]
