"""Checking a PDF or a document id against the signed documents Tandem stores (issue 4)."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS
from models.operations.signing import short
from models.queries.signing import find_signed
from models.signing import SignedDocument

from .. import audit
from ..access import roles_required, visible_cases
from ..forms.signing import VerifyIdForm, VerifyUploadForm
from ..wizard.common import local
from .blueprint import bp
from .pdf import sha256_hex


def _verification(document: SignedDocument | None, how: str) -> dict[str, Any]:
    """The result, audited (match / no_match; never the file). The client's name and the case
    link only for a user who may open that case (W&I 10850, R-CO-01)."""
    db = get_db()
    audit.record(
        db,
        "document_verify",
        outcome="match" if document else "no_match",
        case_id=document.case_id if document else None,
        object_type="signed_document",
        object_id=document.id if document else "",
        detail={"by": how},
    )
    db.commit()
    if document is None:
        return {"how": how, "document": None}
    case = db.scalars(visible_cases(current_user).where(MutualCase.id == document.case_id)).first()
    return {
        "how": how,
        "document": document,
        "kind_label": document.kind_label,
        "stored_on": local(document.created_at),
        "short": short,
        "case": case,
    }


def _verify_page(upload: VerifyUploadForm, lookup: VerifyIdForm, **result: Any) -> str:
    return render_template("wizard/verify.html", upload=upload, lookup=lookup, **result)


@bp.get("/documents/verify")
@roles_required(*CASE_EDITORS)
def verify() -> Any:
    upload = VerifyUploadForm(formdata=None)
    if "document_id" not in request.args:
        return _verify_page(upload, VerifyIdForm(formdata=None))
    lookup = VerifyIdForm(formdata=request.args)
    if not lookup.validate():
        return _verify_page(upload, lookup)
    document_id = (lookup.document_id.data or "").strip().upper()
    found = find_signed(get_db(), document_id=document_id, county_id=current_user.county_id)
    return _verify_page(upload, lookup, asked=document_id, **_verification(found, "id"))


@bp.post("/documents/verify")
@roles_required(*CASE_EDITORS)
def verify_post() -> Any:
    upload = VerifyUploadForm()
    lookup = VerifyIdForm(formdata=None)
    if not upload.validate():
        return _verify_page(upload, lookup)
    found = find_signed(get_db(), sha256=sha256_hex(upload.pdf), county_id=current_user.county_id)
    return _verify_page(upload, lookup, **_verification(found, "upload"))
