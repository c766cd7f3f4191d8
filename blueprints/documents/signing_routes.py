"""Signing a plan version and checking a signed document (R-PL-03, R-PL-04, R-MT-07, §c7).

Signing renders every signed form first (WTW 2, and the SCD/SCZ 1811 where the county uses it),
then writes the signatures, the PDFs with their SHA-256, the version's status and the stage in
one commit: if rendering or the commit fails, nothing is stored and the plan stays unsigned.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import RequestEntityTooLarge

from models.base import utcnow
from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS
from models.operations.plan import version_totals
from models.operations.signing import (
    ready_problem,
    short,
)
from models.operations.stages import StageBlocked
from models.plan import PlanVersion
from models.queries.calendars import not_loaded_message, office_holidays
from models.queries.case_facts import current_plan_version
from models.queries.signing import change_window, signatures_of, signed_documents
from models.signing import SignedDocument
from policy.calendar import CalendarNotLoaded
from policy.deadlines import change_window_end
from policy.hours import fmt_hours

from .. import audit, fault_injection
from ..access import roles_required
from ..clock import today
from ..forms.signing import VERIFY_MAX_BYTES, SignForm
from ..wizard.common import last_change, load_case, local, render_step, version_matches
from . import build
from .blueprint import bp
from .pdf import Attachment, RenderError
from .plan_signing import Signers, sign_plan

NOT_STORED = "Nothing was signed or stored: the plan is still unsigned."
SCAN_NOTE = "The pages signed in ink, as scanned"


@bp.url_value_preprocessor
def _upload_limit(endpoint: str | None, _values: Any) -> None:
    # Runs before the CSRF check reads the body: a PDF to verify may be up to 20 MB, more than
    # the app-wide limit; the form itself checks the exact size.
    if endpoint == "documents.verify_post":
        request.max_content_length = VERIFY_MAX_BYTES + 256 * 1024


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(_exc: RequestEntityTooLarge) -> Any:
    return render_template(
        "errors/error.html",
        status=413,
        title="The file is too large",
        hint="A scan of signed pages may be up to 10 MB and a PDF to check up to 20 MB. "
        "Go back and choose a smaller file.",
    ), 413


def _form(case: MutualCase, version: PlanVersion | None) -> SignForm:
    if request.method == "POST":
        form = SignForm()
    else:
        form = SignForm(formdata=None, data={"version": version.version_id if version else 0})
    return form.expect(client=case.participant.display_name, worker=current_user.name)


def _render(case: MutualCase, version: PlanVersion | None, form: SignForm, **extra: Any) -> str:
    db = get_db()
    problem = ready_problem(case, version)
    summary = None
    if version is not None:  # with what each activity still lacks (issue 13)
        summary = version_totals(case, version)
    signed = version is not None and version.signed_client_at is not None
    return render_step(
        "wizard/sign.html",
        case,
        "plan",
        form=form,
        version=version,
        problem=problem,
        t=summary,
        hours=fmt_hours,
        short=short,
        kinds=build.kinds_for(case.county),
        documents=signed_documents(db, version) if signed and version else [],
        signatures=signatures_of(db, version) if signed and version else [],
        window=change_window(version.plan.versions, today()) if version else None,
        **extra,
    )


def _conflict(db: Any, case: MutualCase, form: SignForm) -> dict[str, Any]:
    """The plan changed since the page was opened: nothing is signed; the signers read the plan
    as it is now and tick the statements again (the typed names stay)."""
    form.client_intent.data = form.worker_intent.data = False
    event = last_change(db, case.id)
    return {
        "conflict": {
            "by": event.user.name if event and event.user else "another worker",
            "at": local(event.at) if event else "",
            "reload": url_for("documents.sign", case_id=case.id),
        },
        "changed": True,
    }


@bp.get("/cases/<int:case_id>/sign")
@roles_required(*CASE_EDITORS)
def sign(case_id: int) -> Any:
    case = load_case(case_id, viewed="sign")
    db = get_db()
    version = current_plan_version(db, case)
    page = _render(case, version, _form(case, version))
    db.commit()
    return page


def _failed(case_id: int, form: SignForm, message: str, stage: str) -> str:
    """Undo everything, note the failure (no names, no file), show the form again."""
    db = get_db()
    db.rollback()
    current_app.logger.warning("plan signing failed at %s: %s", stage, message)
    try:
        audit.record(db, "plan_signed", outcome="failed", case_id=case_id, detail={"at": stage})
        db.commit()
    except SQLAlchemyError:
        db.rollback()
    case = load_case(case_id)
    return _render(case, current_plan_version(db, case), form, failure=message)


@bp.post("/cases/<int:case_id>/sign")
@roles_required(*CASE_EDITORS)
def sign_post(case_id: int) -> Any:
    case = load_case(case_id)
    db = get_db()
    version = current_plan_version(db, case)
    form = _form(case, version)
    if ready_problem(case, version) or version is None:
        return _render(case, version, form)
    if not form.validate():
        return _render(case, version, form)
    if not version_matches(form.version.data, version.version_id):
        form.version.data = str(version.version_id)
        return _render(case, version, form, **_conflict(db, case, form))
    now, signed_on = utcnow(), today()
    scan = form.scan_data if form.method.data == "wet_ink" else None
    try:
        window_ends = change_window_end(signed_on, office_holidays(db, case.county))
    except CalendarNotLoaded as exc:  # the WTW 2 would print a date counted without holidays
        return _failed(case_id, form, f"{NOT_STORED} {not_loaded_message(exc)}", "calendar")
    signers = Signers(
        client_name=form.client_name.data or "",
        worker_name=form.worker_name.data or "",
        method=form.method.data or "",
        user_id=current_user.id,
        at=now,
    )
    attachments = (Attachment("signed-scan.pdf", scan, SCAN_NOTE, created=now),) if scan else ()
    try:
        stored = sign_plan(
            db,
            case,
            version,
            signers,
            signed_on=signed_on,
            change_window_ends=window_ends,
            scan=scan,
            attachments=attachments,
        )
        audit.record(
            db,
            "plan_signed",
            case_id=case.id,
            object_type="plan_version",
            object_id=version.id,
            detail={
                "version": version.version_no,
                "documents": [d.document_id for d in stored],
                "method": form.method.data,
            },
        )
        db.flush()
        fault_injection.pause("sign-before-commit")  # crash test only (security.md 40)
        db.commit()
    except RenderError as exc:
        return _failed(case_id, form, f"{NOT_STORED} {exc}", "render")
    except StaleDataError:  # another save changed the plan or the case at the same moment
        db.rollback()
        case = load_case(case_id)
        version = current_plan_version(db, case)
        form.version.data = str(version.version_id if version else 0)
        return _render(case, version, form, **_conflict(db, case, form))
    except StageBlocked as exc:
        return _failed(case_id, form, f"{NOT_STORED} {' '.join(exc.reasons)}", "stage")
    except SQLAlchemyError:
        return _failed(
            case_id,
            form,
            f"{NOT_STORED} The signed documents could not be saved. Try again in a moment.",
            "commit",
        )
    fault_injection.pause("sign-after-commit")  # crash test only (security.md 40)
    flash(_signed_message(stored, version.change_window_ends))
    return redirect(f"/cases/{case.id}/documents")


def _signed_message(stored: list[SignedDocument], window: date | None) -> str:
    forms = " and ".join(
        f"{d.kind_label} {d.document_id} (fingerprint {short(d.content_sha256)})" for d in stored
    )
    rights = (
        f" The client may ask for changes until {window:%m/%d/%Y} (3 working days after "
        "signing, R-PL-04)."
        if window
        else ""
    )
    return f"Signed. Stored {forms}.{rights}"
