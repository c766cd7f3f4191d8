"""The case wizard: identify → assign → joint meeting → plan → track → close (issue 3).

Each step is a page with a real form (POST/redirect/GET, works without JavaScript); htmx only
adds the draft autosave and the plan's live totals. One module per step.
"""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("wizard", __name__)


@bp.app_template_global()
def form_problems(form: object) -> list[object]:
    from ..forms.summary import problems

    return list(problems(form))  # type: ignore[arg-type]


from . import (  # noqa: E402,F401
    assign,
    close,
    drafts,
    history,
    identify,
    meeting,
    plan,
    plan_amend,
    sharing,
    track,
)
