"""The case history: every change, who made it, when, before and after (issue 3)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from models.db import get_db
from models.enums import CASE_EDITORS
from models.history import CaseEvent

from ..access import roles_required
from .blueprint import bp
from .common import load_case, render_step


@bp.get("/cases/<int:case_id>/history")
@roles_required(*CASE_EDITORS)
def history(case_id: int) -> Any:
    case = load_case(case_id, viewed="history")
    db = get_db()
    events = list(
        db.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case.id)
            .options(joinedload(CaseEvent.user))
            .order_by(CaseEvent.id.desc())
        )
    )
    page = render_step("wizard/history.html", case, "history", events=events)
    db.commit()
    return page
