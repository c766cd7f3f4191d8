"""Track: the contact log with the social worker and the social worker's description of the
case plan (seed 000 "ongoing communication", CFS SW 2)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, ContactTopic
from models.operations.contacts import record_contact, record_plan_summary
from models.queries.contacts import contacts_of, open_changes, plan_summaries_of
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required
from ..clock import today
from ..errors import render_error
from ..forms.contacts import ContactForm, PlanSummaryForm
from .blueprint import bp
from .common import ended, load_case, render_step


def _contact_form(case: MutualCase, data: Any = None) -> ContactForm:
    if data is not None:
        form = ContactForm(formdata=data)
    else:  # a link from a short week may suggest the topic and a note
        topic = request.args.get("topic", "")
        form = ContactForm(
            formdata=None,
            data={
                "contact_on": today(),
                "topics": [topic] if topic in {t.value for t in ContactTopic} else [],
                "note": request.args.get("note", "")[:300],
            },
        )
    form.earliest = case.identified_on
    return form


def _summary_form(case: MutualCase, data: Any = None) -> PlanSummaryForm:
    form = PlanSummaryForm(formdata=data) if data is not None else PlanSummaryForm(formdata=None)
    form.earliest = case.identified_on
    return form


def _render(case: MutualCase, **forms: Any) -> str:
    db = get_db()
    return render_step(
        "wizard/contacts.html",
        case,
        "track",
        contact_form=forms.get("contact_form") or _contact_form(case),
        summary_form=forms.get("summary_form") or _summary_form(case),
        contacts=contacts_of(db, case),
        summaries=plan_summaries_of(db, case),
        to_reevaluate=open_changes(db, case),
        read_only=case.stage in ENDED_STAGES,
        form=forms.get("contact_form") or forms.get("summary_form"),
    )


def _refused(case: MutualCase) -> Any | None:
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    return None


@bp.get("/cases/<int:case_id>/contacts")
@roles_required(*CASE_EDITORS)
def contacts(case_id: int) -> Any:
    case = load_case(case_id, viewed="contacts")
    page = _render(case)
    get_db().commit()
    return page


@bp.post("/cases/<int:case_id>/contacts")
@roles_required(*CASE_EDITORS)
def contact_post(case_id: int) -> Any:
    case = load_case(case_id)
    if (refused := _refused(case)) is not None:
        return refused
    form = _contact_form(case, request.form)
    if not form.validate():
        return _render(case, contact_form=form)
    db = get_db()
    contact = record_contact(db, case, form.values(), current_user.id)
    db.flush()
    audit.record(
        db, "sw_contact_add", case_id=case.id, object_type="sw_contact", object_id=contact.id
    )
    db.commit()
    flash("Contact with the social worker recorded.")
    return redirect(url_for("wizard.contacts", case_id=case.id, _anchor="contact-log"), 303)


@bp.post("/cases/<int:case_id>/contacts/plan-description")
@roles_required(*CASE_EDITORS)
def plan_summary_post(case_id: int) -> Any:
    case = load_case(case_id)
    if (refused := _refused(case)) is not None:
        return refused
    form = _summary_form(case, request.form)
    if not form.validate():
        return _render(case, summary_form=form)
    db = get_db()
    summary = record_plan_summary(
        db, case, form.received_on.data, form.description.data or "", current_user.id
    )
    db.flush()
    audit.record(
        db,
        "cw_plan_summary_add",
        case_id=case.id,
        object_type="cw_plan_summary",
        object_id=summary.id,
    )
    db.commit()
    flash("The social worker's description of the case plan is saved.")
    return redirect(url_for("wizard.contacts", case_id=case.id, _anchor="plan-description"), 303)
