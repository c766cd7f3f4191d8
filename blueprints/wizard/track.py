"""Step 5, Track: a read-only overview of the plan in force and what is open on the case.

The plan's activities with their weekly hours and the same totals as the plan screen (R-CF-04:
CFS/DFCS hours are subtracted from the requirement, never stacked), good cause (R-GC-06),
exemptions (R-EX-10), noncompliance with its day 20 and action dates (R-NC-02/03), change
reports (R-ID-10, R-CL-06), family reunification (R-FR-04/06), referrals, and the dates coming
up. Weekly attendance (1811 A), good cause and noncompliance entry come in their own issue.
"""

from __future__ import annotations

from typing import Any

from models.db import get_db
from models.enums import CASE_EDITORS, PlanStatus
from models.queries.track import track_view
from policy.hours import fmt_hours
from policy.stages import may_start_closing

from ..access import roles_required
from ..clock import today
from .blueprint import bp
from .common import load_case, render_step


@bp.get("/cases/<int:case_id>/track")
@roles_required(*CASE_EDITORS)
def track(case_id: int) -> Any:
    case = load_case(case_id, viewed="track")
    db = get_db()
    view = track_view(db, case, today())
    page = render_step(
        "wizard/track.html",
        case,
        "track",
        view=view,
        hours=fmt_hours,
        can_sign=bool(view.version and view.version.status == PlanStatus.AGREED_WITH_SW),
        may_close=may_start_closing(case.stage),
    )
    db.commit()
    return page
