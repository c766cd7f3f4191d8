"""The caseload (the wizard's case pages arrive with their own issue)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user

from models.db import get_db
from models.enums import CASE_EDITORS, Role, Stage
from models.queries.caseload import calendar_problems
from models.queries.caseload_filters import DUE_CHOICES, caseload_page, filter_query, parse_filters

from . import audit
from .access import roles_required, visible_cases
from .clock import today
from .forms.county_settings import default_in_force

bp = Blueprint("cases", __name__)


@bp.get("/cases")
@roles_required(*CASE_EDITORS)
def caseload() -> Any:
    db = get_db()
    filters = parse_filters(request.args)
    on = today()
    visible = visible_cases(current_user)
    page = caseload_page(db, visible, filters, on)
    # Every reason a due date was not counted among the cases the stage and search chose.
    problems = calendar_problems(db, filter_query(visible, filters))
    # Listing who receives services is itself sensitive (W&I 10850(b)): log the view.
    audit.record(
        db,
        "caseload_view",
        object_type="caseload",
        detail={
            "rows": len(page.rows),
            "total": page.total,
            "page": page.number,
            **filters.audit_detail(),
        },
    )
    db.commit()

    def page_url(number: int) -> str:
        return url_for("cases.caseload", **filters.args(), page=number)

    return render_template(
        "cases/caseload.html",
        page=page,
        rows=page.rows,
        filters=filters,
        stage_labels={stage: stage.in_county(current_user.county.case_term) for stage in Stage},
        due_choices=DUE_CHOICES,
        previous_url=page_url(page.number - 1) if page.has_previous else None,
        next_url=page_url(page.number + 1) if page.has_next else None,
        today=on,
        calendar_problems=problems,
        show_worker=current_user.role == Role.SUPERVISOR,
        deadline_default=default_in_force(current_user.county, "meeting_deadline_applies"),
    )
