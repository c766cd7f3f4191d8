"""Track: noncompliance. The case's episodes and opening one on the NA 840/845 (R-NC-01/02),
and one episode's page with its dates, appointment, SW consultation and outcomes
(noncompliance_episode.py); the supervisor's review is in sanction_review.py."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, NoncomplianceTrigger
from models.operations.noncompliance import NoncomplianceRefused, open_episode, opening_refusal
from models.queries.contacts import open_changes
from models.queries.noncompliance import episodes_of, schedule_maker, signed_plan_activities
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required
from ..clock import today
from ..errors import render_error
from ..forms.bounds import case_limits
from ..forms.noncompliance import OpenForm
from .blueprint import bp
from .common import ended, load_case, render_step


def _week_start(value: str | None) -> date | None:
    """The Monday of ``?week=YYYY-MM-DD`` (a link from a short week on Track), else None."""
    try:
        monday = date.fromisoformat(value or "")
    except ValueError:
        return None
    return monday if monday.weekday() == 0 else None


def _open_form(case: MutualCase, data: Any = None) -> OpenForm:
    if data is not None:
        form = OpenForm(formdata=data)
    else:
        defaults: dict[str, Any] = {"notice_type": "NA840"}
        if (monday := _week_start(request.args.get("week"))) is not None:
            sunday = monday + timedelta(days=6)
            defaults |= {
                "trigger": NoncomplianceTrigger.NOT_PARTICIPATING.value,
                "missed_on": monday,
                "note": f"Short week of {monday:%m/%d/%Y} to {sunday:%m/%d/%Y} on Track.",
            }
        form = OpenForm(formdata=None, data=defaults)
    form.earliest = case.identified_on
    form.limits = case_limits(case)
    form.set_activities(signed_plan_activities(get_db(), case), case.county.cw_division_label)
    return form


def _render(
    case: MutualCase, form: OpenForm | None = None, problem: str = "", status: int = 200
) -> tuple[str, int]:
    db = get_db()
    episodes = episodes_of(db, case)
    dates = schedule_maker(db, case)
    page = render_step(
        "wizard/noncompliance.html",
        case,
        "track",
        episodes=[(e, dates(e.notice_issued_on)) for e in episodes],
        open_form=form or _open_form(case),
        refusal=opening_refusal(case),
        problem=problem,
        to_reevaluate=open_changes(db, case),
        read_only=case.stage in ENDED_STAGES,
        form=form,
    )
    return page, status


@bp.get("/cases/<int:case_id>/noncompliance")
@roles_required(*CASE_EDITORS)
def noncompliance(case_id: int) -> Any:
    case = load_case(case_id, viewed="noncompliance")
    page = _render(case)
    get_db().commit()
    return page


@bp.post("/cases/<int:case_id>/noncompliance")
@roles_required(*CASE_EDITORS)
def noncompliance_post(case_id: int) -> Any:
    case = load_case(case_id)
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    if (refusal := opening_refusal(case)) is not None:
        return _render(case, problem=refusal, status=409)
    form = _open_form(case, request.form)
    if not form.validate():
        return _render(case, form)
    db = get_db()
    try:
        episode = open_episode(db, case, form.values(), current_user.id, today())
        db.flush()
    except NoncomplianceRefused as exc:
        db.rollback()
        if exc.field and exc.field in form:
            form[exc.field].errors = [*form[exc.field].errors, str(exc)]
            return _render(case, form)
        return _render(case, problem=str(exc), status=409)
    audit.record(
        db,
        "noncompliance_open",
        case_id=case.id,
        object_type="noncompliance_episode",
        object_id=episode.id,
    )
    db.commit()
    flash(f"{episode.notice_label} recorded: the 20-day period runs. Set the appointment below.")
    return redirect(
        url_for("wizard.noncompliance_episode", case_id=case.id, episode_id=episode.id), 303
    )
