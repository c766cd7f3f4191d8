"""Track: the months used of the 60, as read from CalSAWS (R-TC-02). The section itself is on
the Track page (time_on_aid_view.py, templates/wizard/_track_time_on_aid.html)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user

from models.db import get_db
from models.enums import CASE_EDITORS
from models.operations.participation import record_time_on_aid
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required
from ..errors import render_error
from .attendance_view import default_week
from .blueprint import bp
from .common import ended, load_case
from .time_on_aid_view import time_on_aid_form
from .track import render_track


@bp.post("/cases/<int:case_id>/time-on-aid")
@roles_required(*CASE_EDITORS)
def time_on_aid_post(case_id: int) -> Any:
    case = load_case(case_id)
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    form = time_on_aid_form(case, request.form)
    if not form.validate():
        return render_track(case, default_week(), toa_form=form)
    db = get_db()
    record_time_on_aid(db, case, form.months_used.data, form.as_of.data, current_user.id)
    audit.record(
        db,
        "time_on_aid_update",
        case_id=case.id,
        object_type="participant",
        object_id=case.participant_id,
    )
    db.commit()
    flash(f"Time on aid: {form.months_used.data} months used as of {form.as_of.data:%m/%d/%Y}.")
    return redirect(url_for("wizard.track", case_id=case.id, _anchor="time-on-aid"), 303)
