"""Step 2, Assign: the specialized worker and supervisor (R-ID-05/06), the child-welfare social
worker (§c2) and the regional contact (R-ID-07); and the supervisors' bulk reassignment from
the caseload. An EC saves the step to take a confirmed case; only supervisors hand cases on."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, session, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, Role, Stage
from models.operations.assign import (
    advance,
    apply_assign,
    county_contacts,
    county_supervisors,
    county_workers,
    not_ready,
    reassign_many,
)
from models.operations.drafts import drop_draft
from models.queries.workers import WorkerName, county_worker_names
from models.users import User

from .. import audit
from ..access import roles_required, safe_return_to, visible_cases
from ..clock import today
from ..converters import form_id
from ..forms.assign import AssignForm, ReassignForm, initial_data, worker_choices
from ..forms.bounds import case_limits
from .blueprint import bp
from .common import (
    commit_or_conflict,
    conflict_context,
    form_input,
    load_case,
    render_step,
    save_or_conflict,
    version_matches,
)
from .order import refuse_out_of_order

REASSIGN_KEPT = "reassign_input"  # session key: what was typed in a refused bulk reassignment
MAX_BULK = 500  # more ids than a caseload page can hold is not a real request


def _is_supervisor() -> bool:
    return current_user.role == Role.SUPERVISOR


def _form(case: MutualCase, data: Any) -> AssignForm:
    db = get_db()
    if data is not None:
        form = AssignForm(formdata=data)
    elif request.method == "POST":
        form = AssignForm()
    else:
        form = AssignForm(data=initial_data(case, today()))
    form.identified_on = case.identified_on
    form.limits = {k: v for k, v in case_limits(case).items() if k == "case"}
    form.current_worker = case.assigned_worker
    chooser = current_user if _is_supervisor() else None
    form.setup(
        case.county,
        chooser=chooser,
        workers=county_workers(db, case.county_id, unit_of=current_user.id) if chooser else [],
        supervisors=county_supervisors(db, case.county_id) if chooser else [],
        contacts=county_contacts(db, case.county_id),
    )
    return form


def _render(case: MutualCase, form: AssignForm, draft: Any = None, **extra: Any) -> str:
    return render_step(
        "wizard/assign.html",
        case,
        "assign",
        form=form,
        can_choose=_is_supervisor(),
        first_assignment=case.stage == Stage.CONFIRMED,
        not_ready=not_ready(get_db(), case),
        draft=draft,
        **extra,
    )


def _conflict(case: MutualCase, form: AssignForm) -> str:
    """Someone saved first: nothing saved, the input stays, their version is one click away."""
    form.version.data = str(case.version_id)
    return _render(case, form, **conflict_context(get_db(), case, "assign"))


@bp.get("/cases/<int:case_id>/assign")
@roles_required(*CASE_EDITORS)
def assign(case_id: int) -> Any:
    case = load_case(case_id, viewed="assign")
    db = get_db()
    data, draft = form_input(db, case.id, "assign")
    page = _render(case, _form(case, data), draft)
    db.commit()
    return page


@bp.post("/cases/<int:case_id>/assign")
@roles_required(*CASE_EDITORS)
def assign_post(case_id: int) -> Any:
    case = load_case(case_id)
    if (refused := refuse_out_of_order(case, "assign")) is not None:
        return refused
    db = get_db()
    form = _form(case, None)
    if not form.validate():
        return _render(case, form)
    if not version_matches(form.version.data, case.version_id):
        return _conflict(case, form)
    worker_before = case.assigned_worker_id

    def work() -> tuple[str, ...]:
        apply_assign(db, case, form.values(), current_user)
        reasons = advance(db, case, current_user.id)
        if case.assigned_worker_id != worker_before:
            # Who may open the case changed: an access event, not only a history row.
            audit.record(
                db,
                "case_reassign",
                case_id=case.id,
                object_type="mutual_case",
                object_id=case.id,
                detail={"to_user_id": case.assigned_worker_id, "from_user_id": worker_before},
            )
        drop_draft(db, current_user.id, case.id, "assign")
        return reasons

    saved, reasons = save_or_conflict(db, work)
    if not saved:
        return _conflict(load_case(case_id), form)
    worker = case.assigned_worker.name if case.assigned_worker else ""
    if db.scalars(visible_cases(current_user).where(MutualCase.id == case.id)).first() is None:
        # Handed to another unit: the case has left this supervisor's view.
        flash(f"Case reassigned to {worker}; it is now on their unit's caseload.", "reassign")
        return redirect(url_for("cases.caseload"))
    if case.stage == Stage.ASSIGNED:
        flash(f"Assigned to {worker}. Next: the joint meeting.")
        return redirect(url_for("wizard.meeting", case_id=case.id))
    flash("Assignment saved." + (" The case cannot move on yet (see below)." if reasons else ""))
    return redirect(url_for("wizard.assign", case_id=case.id))


# ---- bulk reassignment from the caseload (supervisors) ------------------------------------


def _case_ids() -> list[int]:
    ids: list[int] = []
    for raw in request.form.getlist("case_ids")[:MAX_BULK]:
        number = form_id(raw)
        if number is not None and number not in ids:
            ids.append(number)
    return ids


def _back() -> str:
    """Back to the caseload page the form was on (its filters), never to another site."""
    caseload = url_for("cases.caseload")
    return safe_return_to(request.form.get("return_to"), caseload, under=caseload)


def _bulk_form() -> ReassignForm:
    db = get_db()
    form = ReassignForm()
    form.title = current_user.county.specialist_title
    workers = county_worker_names(db, current_user.county_id)
    form.worker_id.choices = worker_choices(workers, current_user.id, "Choose a worker")
    return form


@bp.post("/cases/reassign")
@roles_required(Role.SUPERVISOR)
def reassign() -> Any:
    db = get_db()
    form = _bulk_form()
    ids = _case_ids()
    valid = form.validate()
    errors = {name: field.errors[0] for name, field in form._fields.items() if field.errors}
    if not ids:
        errors["case_ids"] = "Tick at least one case in the table."
    if not valid or errors:
        # The caseload shows these next to the fields, with what was typed: nothing is lost.
        session[REASSIGN_KEPT] = {
            "case_ids": ids,
            "worker_id": form.worker_id.data or "",
            "reason": form.reason.data or "",
            "errors": errors,
        }
        return redirect(_back())
    cases = list(
        db.scalars(
            visible_cases(current_user).where(MutualCase.id.in_(ids)).order_by(MutualCase.id)
        )
    )
    refused = len(ids) - len(cases)  # not on this unit's caseload: never said which or why
    worker = db.get(User, int(form.worker_id.data))
    assert worker is not None  # a listed choice
    changed = reassign_many(db, cases, worker, form.reason.data or "", current_user.id, today())
    for case in changed:
        audit.record(
            db,
            "case_reassign",
            case_id=case.id,
            object_type="mutual_case",
            object_id=case.id,
            detail={"to_user_id": worker.id, "bulk": True},
        )
    if refused:
        audit.record(
            db,
            "authz_denied",
            outcome="denied",
            object_type="bulk_reassign",
            detail={"refused": refused},
        )
    if not commit_or_conflict(db):
        flash(
            "Someone saved one of these cases at the same moment; nothing was reassigned. "
            "Please try again.",
            "reassign-error",
        )
        return redirect(_back())
    flash(_bulk_message(len(changed), len(cases) - len(changed), refused, worker.name), "reassign")
    return redirect(_back())


def _bulk_message(done: int, already: int, refused: int, name: str) -> str:
    parts = [f"{done} case{'' if done == 1 else 's'} reassigned to {name}."]
    if already:
        parts.append(f"{already} already {'was' if already == 1 else 'were'} {name}'s.")
    if refused:
        parts.append(
            f"{refused} selected case{' was' if refused == 1 else 's were'} not reassigned: "
            "not on your unit's caseload."
        )
    return " ".join(parts)


@bp.app_template_global()
def reassign_workers() -> list[tuple[str, list[WorkerName]]]:
    """Active ECs of the signed-in supervisor's county in two groups, their own unit first
    (groups without anyone left out)."""
    if not current_user.is_authenticated or current_user.role != Role.SUPERVISOR:
        return []
    me = current_user.id  # once: each current_user is a proxy lookup, and a county has hundreds
    workers = county_worker_names(get_db(), current_user.county_id)
    own = [w for w in workers if w.supervisor_id == me]
    others = [w for w in workers if w.supervisor_id != me]
    return [
        (label, group) for label, group in (("Your unit", own), ("Other units", others)) if group
    ]


@bp.app_template_global()
def reassign_kept() -> dict[str, Any]:
    """What a refused bulk reassignment had typed, once; with the names of the ticked cases
    the supervisor may see (ids of other cases are dropped, never shown)."""
    kept = session.pop(REASSIGN_KEPT, None) or {}
    if not kept or not current_user.is_authenticated:
        return {}
    ids = [i for i in kept.get("case_ids", []) if isinstance(i, int)]
    rows: list[dict[str, Any]] = []
    if ids:
        found = get_db().scalars(visible_cases(current_user).where(MutualCase.id.in_(ids)))
        rows = [{"id": c.id, "name": c.participant.display_name} for c in found]
    return {**kept, "selected": rows}
