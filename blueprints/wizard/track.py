"""Step 5, Track: where the EC works after signing.

The week's attendance (SCD/SCZ 1811 A) with its totals as they are typed, the month's average
against the requirement and a chart of the weeks (R-CF-03, R-HR-06, §e Q5); the plan in force
with the same totals as the plan screen (R-CF-04); changes waiting to be re-evaluated (R-ID-10,
R-CL-06); good cause, exemptions, noncompliance, reunification and referrals; the dates coming
up. The contact log and significant changes have their own pages (contacts.py, changes.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import request

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, PlanStatus
from models.queries.contacts import open_changes
from models.queries.track import track_view
from policy.hours import fmt_hours
from policy.stages import may_start_closing

from ..access import roles_required
from ..clock import today
from .attendance_view import attendance_context, chosen_week, clamp_week
from .blueprint import bp
from .common import load_case, render_step
from .time_on_aid_view import time_on_aid_context


def render_track(case: MutualCase, week: date, form: Any = None, **extra: Any) -> str:
    db = get_db()
    view = track_view(db, case, today())
    return render_step(
        "wizard/track.html",
        case,
        "track",
        view=view,
        hours=fmt_hours,
        can_sign=bool(view.version and view.version.status == PlanStatus.AGREED_WITH_SW),
        may_close=may_start_closing(case.stage),
        to_reevaluate=open_changes(db, case),
        form=form,
        **time_on_aid_context(case, extra.pop("toa_form", None)),
        **attendance_context(case, week, form),
        **extra,
    )


@bp.get("/cases/<int:case_id>/track")
@roles_required(*CASE_EDITORS)
def track(case_id: int) -> Any:
    case = load_case(case_id, viewed="track")
    week, week_note = clamp_week(case, *chosen_week(request.args.get("week")))
    page = render_track(case, week, week_note=week_note)
    get_db().commit()
    return page
