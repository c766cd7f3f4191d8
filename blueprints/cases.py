"""The caseload (the wizard's case pages arrive with their own issue)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template
from flask_login import current_user

from models.caseload import caseload_rows
from models.db import get_db
from models.enums import Role

from . import audit
from .access import roles_required, visible_cases
from .clock import today

bp = Blueprint("cases", __name__)


@bp.get("/cases")
@roles_required(Role.EC, Role.SUPERVISOR)
def caseload() -> Any:
    db = get_db()
    rows = caseload_rows(db, visible_cases(current_user), current_user.county, today())
    # Listing who receives services is itself sensitive (W&I 10850(b)): log the view.
    audit.record(db, "caseload_view", object_type="caseload", detail={"rows": len(rows)})
    db.commit()
    return render_template(
        "cases/caseload.html",
        rows=rows,
        today=today(),
        show_worker=current_user.role == Role.SUPERVISOR,
    )
