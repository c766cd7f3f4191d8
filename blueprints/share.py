"""Read-only case pages for the CFS/DFCS social worker, reached by a capability link (issue 5).

The only blueprint anonymous users may reach. GET only (any other method is 405 from routing);
the page is built from models.queries.share_page (its own allowlist), never from the EC's templates.
Every open and download is an audit row with the link's id and the address; the token itself is
never logged. Unknown tokens are 404 and count toward a per-address limit (429 beyond it);
ended links are 410 with a polite page.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, render_template, request

from models.base import utcnow
from models.cases import MutualCase
from models.db import get_db
from models.enums import ShareScope
from models.operations.share_links import find_link, link_state
from models.queries.share_page import share_view
from models.share import ShareLink
from models.signing import SignedDocument

from . import audit
from .audit import client_ip
from .clock import today
from .documents.routes import stored_pdf
from .throttle import SharedLimit, share_throttle

bp = Blueprint("share", __name__)
PUBLIC = frozenset({"share.view", "share.document"})


class _Refused(Exception):
    def __init__(self, response: Any) -> None:
        self.response = response


def _audit_refusal(db: Any, action: str, outcome: str) -> None:
    once = current_app.extensions["tandem_share_refusal_audit"]
    audit.record_refusal(db, once, action, outcome, "share_link")


def _resolve(token: str) -> tuple[ShareLink, MutualCase]:
    db = get_db()
    throttle = share_throttle()
    ip = client_ip()
    if not throttle.allowed(ip):
        _audit_refusal(db, "share_throttled", "denied")
        raise _Refused((render_template("share/refused.html", status=429), 429))
    link = find_link(db, token)
    if link is None:
        throttle.bad_token(ip)
        _audit_refusal(db, "share_access", "unknown")
        raise _Refused((render_template("share/refused.html", status=404), 404))
    case = db.get(MutualCase, link.case_id)
    assert case is not None
    state = link_state(link, case)
    if state != "active":
        audit.record(
            db,
            "share_access",
            outcome=state,
            case_id=case.id,
            object_type="share_link",
            object_id=link.id,
            link_id=link.id,
        )
        db.commit()
        page = render_template("share/refused.html", status=410, reason=state.message)
        raise _Refused((page, 410))
    return link, case


@bp.get("/s/<token>")
def view(token: str) -> Any:
    try:
        link, case = _resolve(token)
    except _Refused as refused:
        return refused.response
    if request.method == "HEAD":
        # Mail scanners and link previews ask with HEAD: that is not the social worker opening
        # the case, so it is neither logged as an open nor marked as the link's last use.
        return "", 200
    db = get_db()
    model = share_view(db, case, link.scope, today())
    link.last_used_at = utcnow()
    audit.record(
        db,
        "share_open",
        case_id=case.id,
        object_type="share_link",
        object_id=link.id,
        link_id=link.id,
    )
    db.commit()
    return render_template(
        "share/view.html",
        view=model,
        token=token,
        link=link,
        expires=link.expires_at,
    )


@bp.get("/s/<token>/documents/<int:doc_id>.pdf")
def document(token: str, doc_id: int) -> Any:
    try:
        link, case = _resolve(token)
    except _Refused as refused:
        return refused.response
    db = get_db()
    if link.scope != ShareScope.VIEW_DOWNLOAD:
        audit.record(
            db,
            "share_download",
            outcome="denied",
            case_id=case.id,
            object_type="signed_document",
            object_id=doc_id,
            link_id=link.id,
        )
        db.commit()
        return render_template("share/refused.html", status=403), 403
    doc = db.get(SignedDocument, doc_id)
    if doc is None or doc.case_id != case.id:
        audit.record(
            db,
            "authz_denied",
            outcome="denied",
            case_id=case.id,
            object_type="signed_document",
            object_id=doc_id,
            link_id=link.id,
        )
        db.commit()
        return render_template("share/refused.html", status=404), 404
    if request.method == "HEAD":
        return "", 200
    link.last_used_at = utcnow()
    audit.record(
        db,
        "share_download",
        case_id=case.id,
        object_type="signed_document",
        object_id=doc.document_id,
        link_id=link.id,
    )
    db.commit()
    # The same answer as the EC's download: the stored SHA-256 as ETag, 304 on If-None-Match.
    return stored_pdf(doc.pdf, doc.sha256, f"{doc.document_id}.pdf")


def init_app(app: Flask) -> None:
    app.extensions["tandem_share_refusal_audit"] = SharedLimit(
        "share_refusal_audit", "1 per minute"
    )
