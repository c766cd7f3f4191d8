"""The printed forms of a case: draft previews of the WTW 2 and SCD/SCZ 1811, the 1811 A
tracking sheet for a date range, and the signed PDFs as stored (issue 4).

Drafts are rendered on request and never stored; they carry "DRAFT — not signed" on every page.
A signed PDF is served byte for byte as stored, with its SHA-256 in a header, and every
download is audited. A document that takes too long or fails to build ends on a plain page with
the reason (503), never a stack trace.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

from flask import Response, abort, request
from flask_login import current_user
from sqlalchemy import Select, bindparam, select

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, Role
from models.operations.signing import short
from models.plan import PlanVersion
from models.queries.case_facts import current_plan_version
from models.signing import PlanSignature, SignedDocument

from .. import audit
from ..access import roles_required, viewer_params, visible_cases_template
from ..audit_group import AuditUnavailable
from ..clock import today
from ..errors import render_error
from ..forms.checks import DATE_HINT
from ..wizard.common import load_case, render_step
from . import i18n
from .blueprint import bp
from .build import RenderedDocument, kinds_for, render_plan_document
from .pdf import RenderError, sha256_hex
from .sheet import MAX_WEEKS, default_range, range_problem

NO_PLAN = "No plan yet: build the plan first."
FILE_CODES = {"wtw2": "WTW2", "scd1811": "SCD1811", "scd1811a": "SCD1811A"}
FORM_NAMES = {"wtw2": "WTW 2", "scd1811": "SCD/SCZ 1811"}
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")


def _safe(text: str) -> str:
    """File names carry only letters, digits, dot, dash and underscore."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text)


def _pdf(document: bytes, filename: str, disposition: str) -> Response:
    response = Response(document, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'{disposition}; filename="{_safe(filename)}"'
    return response


def stored_pdf(pdf: bytes, sha256: str, filename: str) -> Response:
    """A stored signed PDF as an attachment, its SHA-256 as the strong ETag (and in
    X-Content-SHA256, as before); 304 without a body when If-None-Match names it. The bytes are
    already in memory from the row (tens of KB): sent in one piece, with no file or stream."""
    response = _pdf(pdf, filename, "attachment")
    response.headers["X-Content-SHA256"] = sha256
    response.set_etag(sha256)
    return response.make_conditional(request)


def _parse_day(raw: str | None) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime((raw or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def _signed_rows(case: MutualCase) -> list[dict[str, Any]]:
    db = get_db()
    docs = db.scalars(
        select(SignedDocument)
        .where(SignedDocument.case_id == case.id)
        .order_by(SignedDocument.plan_version_id.desc(), SignedDocument.kind)
    ).all()
    numbers = dict(
        db.execute(
            select(PlanVersion.id, PlanVersion.version_no).where(
                PlanVersion.id.in_([d.plan_version_id for d in docs])
            )
        ).all()
    )
    return [
        {
            "doc": d,
            "form": FORM_NAMES.get(d.kind, d.kind),
            "version_no": numbers.get(d.plan_version_id, ""),
            "language": i18n.LANGUAGE_NAMES.get(d.language, d.language),
            "fingerprint": short(d.content_sha256),
        }
        for d in docs
    ]


def _page(case: MutualCase, sheet: dict[str, str] | None = None, errors: Any = None) -> str:
    """The documents page: previews of the current version, the 1811 A form, signed PDFs."""
    db = get_db()
    version = current_plan_version(db, case)
    start, end = default_range(today())
    preferred = case.participant.preferred_language or "en"
    page = render_step(
        "wizard/documents.html",
        case,
        "documents",
        version=version,
        kinds=kinds_for(case.county),
        form_names=FORM_NAMES,
        languages=[(code, i18n.LANGUAGE_NAMES.get(code, code)) for code in i18n.available()],
        language=i18n.normalize(preferred),
        untranslated=i18n.LANGUAGE_NAMES.get(preferred, preferred)
        if i18n.normalize(preferred) != preferred
        else "",
        # Date inputs as on every form: the browser shows them as month/day/year (the hint).
        sheet=sheet or {"start": start.isoformat(), "end": end.isoformat()},
        sheet_errors=errors or {},
        max_weeks=MAX_WEEKS,
        date_hint=DATE_HINT,
        signed=_signed_rows(case),
    )
    db.commit()
    return page


def _render(case: MutualCase, version: PlanVersion, kind: str, **options: Any) -> Any:
    """A draft rendered now (final=False), or the error page with the reason."""
    db = get_db()
    signatures = db.scalars(
        select(PlanSignature).where(PlanSignature.plan_version_id == version.id)
    ).all()
    try:
        return render_plan_document(
            db,
            case,
            version,
            kind,
            signatures=list(signatures),
            final=False,
            generated_on=today(),
            **options,
        )
    except RenderError as exc:
        return render_error(503, str(exc))


@bp.get("/cases/<int:case_id>/documents")
@roles_required(*CASE_EDITORS)
def index(case_id: int) -> Any:
    return _page(load_case(case_id, viewed="documents"))


@bp.get("/cases/<int:case_id>/documents/wtw2.pdf", defaults={"kind": "wtw2"})
@bp.get("/cases/<int:case_id>/documents/scd1811.pdf", defaults={"kind": "scd1811"})
@roles_required(*CASE_EDITORS)
def preview(case_id: int, kind: str) -> Any:
    """A draft of the current version in the language asked for (default: the participant's)."""
    case = load_case(case_id, viewed="document")
    if kind not in kinds_for(case.county):
        abort(404)  # no 1811 in a county that does not use it
    db = get_db()
    version = current_plan_version(db, case)
    if version is None:
        return render_error(404, NO_PLAN)
    language = i18n.normalize(request.args.get("lang") or case.participant.preferred_language)
    result = _render(case, version, kind, language=language)
    if not isinstance(result, RenderedDocument):
        return result
    audit.record(
        db,
        "document_preview",
        case_id=case.id,
        object_type="plan_version",
        object_id=version.id,
        detail={"kind": kind, "language": language},
    )
    db.commit()
    name = f"{FILE_CODES[kind]}-{version.plan.plan_number}-v{version.version_no}-DRAFT.pdf"
    return _pdf(result.pdf, name, "inline")


@bp.get("/cases/<int:case_id>/documents/1811a.pdf")
@roles_required(*CASE_EDITORS)
def tracking(case_id: int) -> Any:
    """The 1811 A for start..end (at most 26 weeks); bad dates go back to the page, 200."""
    case = load_case(case_id, viewed="document")
    if not case.county.uses_1811:
        abort(404)
    db = get_db()
    version = current_plan_version(db, case)
    if version is None:
        return render_error(404, NO_PLAN)
    typed = {key: request.args.get(key, "") for key in ("start", "end", "lang")}
    start, end = _parse_day(typed["start"]), _parse_day(typed["end"])
    errors = range_problem(start, end)
    for key, value in (("start", start), ("end", end)):
        if value is None and typed[key].strip():
            errors[key] = f"Enter the date as month/day/year. {DATE_HINT}."
    if errors:
        return _page(case, typed, errors)
    assert start is not None and end is not None
    language = i18n.normalize(request.args.get("lang") or case.participant.preferred_language)
    result = _render(case, version, "scd1811a", language=language, start=start, end=end)
    if not isinstance(result, RenderedDocument):
        return result
    audit.record(
        db,
        "document_preview",
        case_id=case.id,
        object_type="plan_version",
        object_id=version.id,
        detail={"kind": "scd1811a", "start": start.isoformat(), "end": end.isoformat()},
    )
    db.commit()
    name = f"SCD1811A-{version.plan.plan_number}-{start.isoformat()}-to-{end.isoformat()}.pdf"
    return _pdf(result.pdf, name, "inline")


@cache
def _signed_document(role: Role, dialect: str) -> Select[tuple[SignedDocument]]:
    """The download's one query, built once per role and database (see signed)."""
    case_id = bindparam("case_id")
    scope = visible_cases_template(role, dialect).where(MutualCase.id == case_id)
    return select(SignedDocument).where(
        SignedDocument.id == bindparam("doc_id"),
        SignedDocument.case_id == case_id,
        SignedDocument.case_id.in_(scope.with_only_columns(MutualCase.id)),
    )


@bp.get("/cases/<int:case_id>/documents/signed/<int:doc_id>.pdf")
@roles_required(*CASE_EDITORS)
def signed(case_id: int, doc_id: int) -> Any:
    """A signed PDF exactly as stored, checked against its SHA-256 first; audited.

    One query finds the document on a case the user may open (access.visible_cases); the case
    itself is loaded only to refuse. The stored SHA-256 is the strong ETag: a client that kept
    its copy and sends If-None-Match gets 304 and no body. Cache-Control stays `no-store`, as
    on every signed-in response (security.py): a client's own copy is its choice, a browser
    cache's is not. A 304 is audited as a download too: the user reached that document."""
    db = get_db()
    found = _signed_document(current_user.role, db.get_bind().dialect.name)
    params = {"doc_id": doc_id, "case_id": case_id, **viewer_params(current_user)}
    document = db.scalars(found, params).first()
    if document is None:
        case = load_case(case_id)  # 404, audited, when the case is not the user's
        # Another case's (or county's) document asked for through a case the user may open.
        audit.record(
            db,
            "authz_denied",
            outcome="denied",
            case_id=case.id,
            object_type="signed_document",
            object_id=doc_id,
        )
        db.commit()
        abort(404)
    if sha256_hex(document.pdf) != document.sha256:
        # Never hand out a copy that is not the one signed.
        audit.record(
            db,
            "document_download",
            outcome="failed",
            case_id=case_id,
            object_type="signed_document",
            object_id=document.id,
            detail={"reason": "sha256 mismatch"},
        )
        db.commit()
        return render_error(
            500,
            "The stored file does not match the fingerprint recorded when it was signed, so it "
            "is not shown. Tell your supervisor; the record is kept for review.",
        )
    kept = request.if_none_match.contains(document.sha256)
    detail: dict[str, Any] = {"kind": document.kind, "plan_version_id": document.plan_version_id}
    if kept:
        detail["not_modified"] = True
    try:  # committed with other downloads' rows (group commit); nothing to commit here
        audit.record_read(
            "document_download",
            case_id=case_id,
            object_type="signed_document",
            object_id=document.id,
            detail=detail,
        )
    except AuditUnavailable:
        return render_error(
            503,
            "The download could not be recorded in the audit trail, so the file is not sent. "
            "Nothing was changed: try again in a minute.",
        )
    return stored_pdf(document.pdf, document.sha256, f"{document.document_id}.pdf")
