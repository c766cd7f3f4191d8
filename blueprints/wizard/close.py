"""Step 6, Close: the closure route, the closing date, the social worker told and the
common-case indicator end-dated (R-CL-01..04).

Saving with facts missing keeps them and moves the case to CLOSING; the page then lists what
is still needed. With all four the EC first reads what closing will do (the case locked, the
social worker's links ended, the plan ended) and confirms it, or goes back with what was typed;
only then is the case CLOSED and the page shows the closure read-only (issue 13). A supervisor
can reopen it (reopen.py). A person recorded as not mutual was never a mutual case, so there is
nothing to close.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, ClosureRoute, Stage
from models.history import CaseEvent
from models.operations.close import (
    ClosingPreview,
    apply_close,
    can_start_closing,
    closing_preview,
    snapshot,
)
from models.operations.drafts import drop_draft
from models.queries.case_facts import case_facts
from models.queries.outbox import closing_notice
from policy.county_time import county_date
from policy.stages import blockers

from .. import audit
from ..access import roles_required
from ..forms.close import (
    CloseForm,
    date_hints,
    indicator_label,
    indicator_marker,
    route_explanations,
)
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
from .reopen import reopen_context


def _form_for_case(case: MutualCase, data: Any) -> CloseForm:
    if request.method == "POST":  # Flask-WTF binds request.form itself
        form = CloseForm(identified_on=case.identified_on)
    elif data is not None:  # an unsaved draft
        form = CloseForm(formdata=data, identified_on=case.identified_on)
    else:
        values = snapshot(case)
        values["closure_route"] = case.closure_route.value if case.closure_route else None
        values["version"] = case.version_id
        if values.get("sw_notified_on") is None:  # Tandem's own message told them: its day
            values["sw_notified_on"] = _closing_notice_sent_on(case)
        form = CloseForm(data=values, identified_on=case.identified_on)
    # County words on the labels (R-CL-04, R-ID-11).
    form.sw_notified_on.label.text = (
        f"Date the {case.county.cw_division_label} social worker was told"
    )
    form.indicator_end_on.label.text = indicator_label(case.county)
    for name, hint in date_hints(case.county).items():
        form[name].description = hint
    form.sw_notified_on.description += _closing_notice_hint(case)
    return form


def _closing_notice_sent_on(case: MutualCase) -> date | None:
    message = closing_notice(get_db(), case.id)
    if message is None or message.sent_at is None:
        return None
    return county_date(message.sent_at)


def _closing_notice_hint(case: MutualCase) -> str:
    """Where Tandem's own closing message is (R-CL-04): its sent date is a date to record."""
    message = closing_notice(get_db(), case.id)
    if message is None:
        return ""
    if message.sent_at is not None:
        return f" Tandem's closing message was sent on {local(message.sent_at)}."
    return (
        f" Tandem's closing message: {message.state_label.lower()} (Messages to the social worker)."
    )


def _closed_event(case: MutualCase) -> CaseEvent | None:
    stmt = (
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.action == "stage")
        .order_by(CaseEvent.id.desc())
    )
    return get_db().scalars(stmt).first()


def _render(case: MutualCase, form: CloseForm | None, draft: Any = None, **extra: Any) -> str:
    db = get_db()
    still_needed: tuple[str, ...] = ()
    if case.stage == Stage.CLOSING:
        still_needed = blockers(Stage.CLOSED.value, case_facts(db, case))
    cw = case.child_welfare_case
    return render_step(
        "wizard/close.html",
        case,
        "close",
        form=form,
        draft=draft,
        explanations=route_explanations(case.county),
        indicator_text=indicator_label(case.county),
        indicator_marker=indicator_marker(case.county),
        social_worker=cw.social_worker if cw else None,
        still_needed=still_needed,
        closed=case.stage == Stage.CLOSED,
        not_mutual=case.stage == Stage.NOT_MUTUAL,
        closed_event=_closed_event(case) if case.stage == Stage.CLOSED else None,
        **reopen_context(case),
        **extra,
    )


@bp.get("/cases/<int:case_id>/close")
@roles_required(*CASE_EDITORS)
def close(case_id: int) -> Any:
    case = load_case(case_id, viewed="close")
    db = get_db()
    if not can_start_closing(case):
        page = _render(case, None)  # not mutual, or closed: nothing to fill in
    else:
        data, draft = form_input(db, case.id, "close")
        page = _render(case, _form_for_case(case, data), draft)
    db.commit()
    return page


def _confirm(case: MutualCase, form: CloseForm, preview: ClosingPreview) -> str:
    """The summary of what closing does, with "Close the case" and "Go back and change"."""
    route = ClosureRoute.label_of(form.closure_route.data or "")
    return _render(case, form, preview=preview, route_label=route)


def _conflict(case_id: int, form: CloseForm) -> str:
    db = get_db()
    case = load_case(case_id)
    form.version.data = str(case.version_id)
    return _render(case, form, **conflict_context(db, case, "close"))


@bp.post("/cases/<int:case_id>/close")
@roles_required(*CASE_EDITORS)
def close_post(case_id: int) -> Any:
    case = load_case(case_id)
    db = get_db()
    if not can_start_closing(case):
        # Nothing is saved: a closed case stays as it was closed; a non-mutual one has no case.
        return _render(case, None, refused=True)
    form = _form_for_case(case, None)
    if not form.validate():
        return _render(case, form)
    if not version_matches(form.version.data, case.version_id):
        return _conflict(case_id, form)
    decision = form.decision.data
    form.decision.data = ""
    if decision == "back":  # from the summary: the form again with what was typed
        return _render(case, form)
    preview = closing_preview(db, case, form.data)
    if preview.closes and decision != "confirm":
        return _confirm(case, form, preview)  # nothing is saved or locked before confirming

    def work() -> Any:
        missing = apply_close(db, case, form.data, current_user.id)
        drop_draft(db, current_user.id, case.id, "close")
        audit.record(
            db,
            "case_closed" if not missing else "case_closing",
            case_id=case.id,
            object_type="mutual_case",
            object_id=case.id,
            detail={"stage": case.stage.value},
        )
        return missing

    saved, missing = save_or_conflict(db, work)
    if not saved:
        return _conflict(case_id, form)
    if missing:
        flash("Closure details saved. The case is closing until the items below are recorded.")
    else:
        flash("The case is closed.")
    return redirect(url_for("wizard.close", case_id=case.id))
