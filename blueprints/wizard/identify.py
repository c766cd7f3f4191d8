"""Step 1, Identify: a new case, or corrections to one; the duplicate check (R-ID-01..04)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS
from models.operations.drafts import drop_draft
from models.operations.duplicates import dismiss
from models.operations.identify import apply_identify, new_case, snapshot
from models.queries.duplicates import possible_duplicates
from policy.stages import DECIDING_STAGES, UNVERIFIED_STAGES, mutual_client_reasons
from policy.steps import step_of

from .. import audit
from ..access import roles_required, visible_cases
from ..clock import today
from ..forms.bounds import case_limits, identify_limits
from ..forms.identify import CHILD_ROWS_BLANK, IdentifyForm
from ..throttle import lookup_throttle
from .blueprint import bp
from .common import (
    conflict_context,
    form_input,
    load_case,
    local,
    render_step,
    save_or_conflict,
    version_matches,
)


def _children_data(form: IdentifyForm) -> list[dict[str, Any]]:
    return [child.data for child in form.filled_children()]


def _pad_children(form: IdentifyForm) -> None:
    """Blank rows to add children without JavaScript."""
    blank = sum(1 for entry in form.children if entry.form.is_blank())
    for _ in range(max(0, CHILD_ROWS_BLANK - blank)):
        form.children.append_entry()


def _form_for_case(case: Any, data: Any) -> IdentifyForm:
    if data is not None or request.method == "POST":
        form = IdentifyForm(formdata=data) if data is not None else IdentifyForm()
    else:
        values = snapshot(case)
        values["children"] = [
            {
                "first_name": c.first_name,
                "birth_date": c.birth_date,
                "aided": c.aided,
                "in_home": c.in_home,
                "removed_on": c.removed_on,
            }
            for c in case.participant.household.children
        ]
        values["verified"] = case.stage not in UNVERIFIED_STAGES
        values["version"] = case.version_id
        form = IdentifyForm(data=values)
    form.limits = identify_limits(case.identified_on)
    if case.assigned_on:
        form.limits["assigned"] = case_limits(case)["assigned"]
    _pad_children(form)
    return form


def _duplicates(form: IdentifyForm, exclude: int | None) -> dict[str, Any]:
    """Possible duplicates the user may open, with details; of the others only how many
    (issue 12: the check searches the county, the details stay within the user's scope).
    Each lookup that finds something is audited, case ids only."""
    db = get_db()
    lookups, me = lookup_throttle(), str(current_user.id)
    if not lookups.allowed(me):  # the check searches the whole county: bounded per person
        return {"duplicates": [], "hidden_duplicates": 0, "lookups_paused": True}
    lookups.hit(me)
    found = possible_duplicates(
        db,
        current_user.county_id,
        first_name=form.first_name.data or "",
        last_name=form.last_name.data or "",
        birth_date=form.birth_date.data,
        calworks_number=form.calworks_case_number.data or "",
        cw_number=form.cw_case_number.data or "",
        exclude_case_id=exclude,
    )
    if not found:
        return {"duplicates": [], "hidden_duplicates": 0}
    ids = [d.case.id for d in found]
    scope = visible_cases(current_user).where(MutualCase.id.in_(ids))
    visible = {c.id for c in db.scalars(scope)}
    audit.record(
        db,
        "duplicate_check",
        outcome="found",
        case_id=exclude,
        object_type="mutual_case",
        object_id=",".join(str(i) for i in ids)[:40],
        detail={"found": len(ids), "outside_scope": len(ids) - len(visible)},
    )
    db.commit()
    return {
        "duplicates": [d for d in found if d.case.id in visible],
        "hidden_duplicates": len(ids) - len(visible),
    }


def _needs_reason(form: IdentifyForm) -> bool:
    reasons = mutual_client_reasons(form.calworks_status.data or "", bool(form.cw_open.data))
    if reasons and not (form.not_mutual_reason.data or "").strip():
        form.not_mutual_reason.errors = [
            " ".join(reasons) + " Give the reason to record the person as not a "
            f"{current_user.county.case_term}, or correct the case facts."
        ]
        return True
    return False


@bp.get("/cases/new")
@roles_required(*CASE_EDITORS)
def new() -> Any:
    data, draft = form_input(get_db(), None, "identify")
    if data is not None:
        form = IdentifyForm(formdata=data)
    else:  # most cases are identified the day they are entered; the EC may change it
        form = IdentifyForm(formdata=None, data={"identified_on": today()})
    _pad_children(form)
    return render_template(
        "wizard/new.html",
        form=form,
        duplicates=[],
        hidden_duplicates=0,
        draft_saved=local(draft.saved_at) if draft else "",
    )


@bp.post("/cases/new")
@roles_required(*CASE_EDITORS)
def new_post() -> Any:
    db = get_db()
    form = IdentifyForm()
    form.limits = identify_limits(None)
    valid = form.validate()
    if valid and _needs_reason(form):
        valid = False
    found = _duplicates(form, None) if valid else {"duplicates": [], "hidden_duplicates": 0}
    maybe_same = found["duplicates"] or found["hidden_duplicates"]
    if not valid or (maybe_same and not form.different_person.data):
        _pad_children(form)
        return render_template("wizard/new.html", form=form, **found)
    case = new_case(db, current_user)
    apply_identify(db, case, form.data, _children_data(form), current_user.id, created=True)
    for match in found["duplicates"]:
        dismiss(db, case.id, match.case.id, current_user.id)
    drop_draft(db, current_user.id, None, "identify")
    audit.record(db, "case_create", case_id=case.id, object_type="mutual_case", object_id=case.id)
    db.commit()
    flash("Case saved.")
    return redirect(url_for(f"wizard.{step_of(case.stage.value)}", case_id=case.id))


@bp.get("/cases/<int:case_id>")
@roles_required(*CASE_EDITORS)
def case_home(case_id: int) -> Any:
    case = load_case(case_id)
    return redirect(url_for(f"wizard.{step_of(case.stage.value)}", case_id=case.id))


def _render(case: Any, form: IdentifyForm, draft: Any = None, **extra: Any) -> str:
    return render_step(
        "wizard/identify.html",
        case,
        "identify",
        form=form,
        **_duplicates(form, case.id),
        deciding=case.stage in DECIDING_STAGES,
        draft=draft,
        **extra,
    )


@bp.get("/cases/<int:case_id>/identify")
@roles_required(*CASE_EDITORS)
def identify(case_id: int) -> Any:
    case = load_case(case_id, viewed="identify")
    db = get_db()
    data, draft = form_input(db, case.id, "identify")
    page = _render(case, _form_for_case(case, data), draft)
    db.commit()
    return page


@bp.post("/cases/<int:case_id>/identify")
@roles_required(*CASE_EDITORS)
def identify_post(case_id: int) -> Any:
    case = load_case(case_id)
    db = get_db()
    form = _form_for_case(case, None)
    if not form.validate() or (case.stage in DECIDING_STAGES and _needs_reason(form)):
        return _render(case, form)
    if not version_matches(form.version.data, case.version_id):
        form.version.data = str(case.version_id)
        return _render(case, form, **conflict_context(db, case, "identify"))

    def work() -> tuple[str, ...]:
        reasons = apply_identify(db, case, form.data, _children_data(form), current_user.id)
        drop_draft(db, current_user.id, case.id, "identify")
        return reasons

    saved, reasons = save_or_conflict(db, work)
    if not saved:
        case = load_case(case_id)
        form.version.data = str(case.version_id)
        return _render(case, form, **conflict_context(db, case, "identify"))
    if reasons and case.stage not in DECIDING_STAGES:
        flash("Saved. " + " ".join(reasons) + " If a case has ended, go to Close.")
    else:
        flash("Identification saved.")
    return redirect(url_for(f"wizard.{step_of(case.stage.value)}", case_id=case.id))


@bp.post("/cases/<int:case_id>/duplicates/<int:other_id>/dismiss")
@roles_required(*CASE_EDITORS)
def dismiss_duplicate(case_id: int, other_id: int) -> Any:
    case = load_case(case_id)
    db = get_db()
    other = db.scalars(visible_cases(current_user).where(MutualCase.id == other_id)).first()
    if other is None:  # only a case the user may open can be ruled out by them
        audit.record(
            db, "authz_denied", outcome="denied", object_type="mutual_case", object_id=other_id
        )
        db.commit()
        abort(404)
    dismiss(db, case.id, other_id, current_user.id)
    audit.record(
        db, "duplicate_dismissed", case_id=case.id, object_type="mutual_case", object_id=other_id
    )
    db.commit()
    flash("Noted: not the same person. That case will not be suggested again.")
    return redirect(url_for("wizard.identify", case_id=case.id))
