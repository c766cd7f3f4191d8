"""A supervisor reopens a case closed by mistake (issue 13): the page says where the case goes
back to and what stays as it is (links that ended stay ended), and asks for the reason, which
the case history keeps. Only a supervisor of the case's unit may reopen it (access.visible_cases:
anyone else outside the unit gets 404); an EC of the case is told who can."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, LinkState, Role, Stage
from models.operations.close import ReopenRefused, reopen_case
from models.operations.share_links import link_state, links_for
from models.queries.case_facts import case_facts, current_plan_version
from models.users import User
from policy.stages import REOPENABLE_STAGES, reopen_target
from policy.steps import step_of

from .. import audit
from ..access import roles_required
from ..errors import render_error
from ..forms.close import ReopenForm
from .blueprint import bp
from .common import load_case, render_step, save_or_conflict, version_matches


def _supervisor_of(case: MutualCase) -> User | None:
    worker = case.assigned_worker
    return case.supervisor or (worker.supervisor if worker else None)


def reopen_context(case: MutualCase) -> dict[str, Any]:
    """What the Close page says about reopening: a button for the unit's supervisor, and for an
    EC who can do it."""
    if case.stage.value not in REOPENABLE_STAGES:
        return {}
    supervisor = _supervisor_of(case)
    return {
        "can_reopen": current_user.role == Role.SUPERVISOR,
        "reopen_by": supervisor.name if supervisor else "",
        "reopen_url": url_for("wizard.reopen", case_id=case.id),
    }


def _form(case: MutualCase) -> ReopenForm:
    form = ReopenForm()  # on POST, what was typed
    if not form.version.data:
        form.version.data = str(case.version_id)
    form.reason.description = (
        "For the history: what was wrong with the closing. For example: the wrong case was "
        f"closed, or the {case.county.cw_division_label} case is still open."
    )
    return form


def _refuse_ec(case: MutualCase) -> Any:
    db = get_db()
    audit.record(
        db,
        "authz_denied",
        outcome="denied",
        case_id=case.id,
        object_type="endpoint",
        object_id="wizard.reopen",
    )
    db.commit()
    supervisor = _supervisor_of(case)
    who = supervisor.name if supervisor else "your supervisor"
    return render_error(
        403,
        f"Only a supervisor of the unit can reopen a case: ask {who}. Nothing was changed.",
    )


def _render(case: MutualCase, form: ReopenForm, status: int = 200) -> tuple[str, int]:
    """The page; 409 when someone saved the case meanwhile (the reason typed is kept)."""
    db = get_db()
    reopenable = case.stage.value in REOPENABLE_STAGES
    target = None
    if reopenable:
        facts = case_facts(db, case)
        from_stage = case.closing_from.value if case.closing_from else None
        target = Stage(reopen_target(from_stage, facts))
    ended = [
        link
        for link in links_for(db, case.id)
        if link.ended_with_case_at is not None or link_state(link, case) == LinkState.CASE_CLOSED
    ]
    version = current_plan_version(db, case)
    page = render_step(
        "wizard/reopen.html",
        case,
        "close",
        form=form,
        reopenable=reopenable,
        target=target,
        ended_links=ended,
        plan=version,
        stale=status == 409,
    )
    return page, status


@bp.get("/cases/<int:case_id>/reopen")
@roles_required(*CASE_EDITORS)
def reopen(case_id: int) -> Any:
    case = load_case(case_id, viewed="reopen")
    if current_user.role != Role.SUPERVISOR:
        return _refuse_ec(case)
    page = _render(case, _form(case))
    get_db().commit()
    return page


@bp.post("/cases/<int:case_id>/reopen")
@roles_required(*CASE_EDITORS)
def reopen_post(case_id: int) -> Any:
    case = load_case(case_id)
    if current_user.role != Role.SUPERVISOR:
        return _refuse_ec(case)
    db = get_db()
    if case.stage.value not in REOPENABLE_STAGES:
        return render_error(409, "The case is not closed or closing: nothing was changed.")
    form = _form(case)
    if not form.validate():
        return _render(case, form)
    if not version_matches(form.version.data, case.version_id):
        form.version.data = str(case.version_id)
        return _render(case, form, 409)

    def work() -> Stage:
        target = reopen_case(db, case, form.reason.data or "", current_user.id)
        audit.record(
            db,
            "case_reopened",
            case_id=case.id,
            object_type="mutual_case",
            object_id=case.id,
            detail={"stage": target.value},
        )
        return target

    try:
        saved, target = save_or_conflict(db, work)
    except ReopenRefused as exc:
        db.rollback()
        return render_error(409, f"{exc} Nothing was changed.")
    if not saved or target is None:
        form.version.data = str(load_case(case_id).version_id)
        return _render(load_case(case_id), form, 409)
    flash(f"The case is reopened: it is back at “{target.label}”. The reason is in the history.")
    return redirect(url_for(f"wizard.{step_of(target.value)}", case_id=case.id), 303)
