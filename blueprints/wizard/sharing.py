"""The EC's side of read-only links: create (shown once or e-mailed), see every open and
download, revoke with one click (issue 5)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from models.audit import AuditEvent
from models.db import get_db
from models.enums import CASE_EDITORS, MessageKind, MessageState, ShareScope
from models.enums.outbox import UNSENT_STATES
from models.operations.share_links import create_link, link_state, links_for, revoke
from models.outbox import OutboxMessage
from models.share import ShareLink

from .. import audit
from ..access import roles_required
from ..forms.share import ShareLinkForm
from .blueprint import bp
from .common import load_case, render_step

LOG_ACTIONS = ("share_open", "share_download", "share_access")


def _form_for(case: Any) -> ShareLinkForm:
    if request.method == "POST":
        return ShareLinkForm()
    cw = case.child_welfare_case
    sw = cw.social_worker if cw else None
    return ShareLinkForm(
        data={"recipient_name": sw.name if sw else "", "recipient_email": sw.email if sw else ""}
    )


def _page(case: Any, form: ShareLinkForm, **extra: Any) -> str:
    db = get_db()
    links = links_for(db, case.id)
    log = list(
        db.scalars(
            select(AuditEvent)
            .where(AuditEvent.case_id == case.id, AuditEvent.action.in_(LOG_ACTIONS))
            .where(AuditEvent.actor_link_id.is_not(None))
            .order_by(AuditEvent.id.desc())
            .limit(200)
        )
    )
    return render_step(
        "wizard/share.html",
        case,
        "share",
        form=form,
        links=[(link, link_state(link, case)) for link in links],
        log=log,
        **extra,
    )


@bp.get("/cases/<int:case_id>/share")
@roles_required(*CASE_EDITORS)
def share(case_id: int) -> Any:
    case = load_case(case_id, viewed="share")
    return _page(case, _form_for(case))


@bp.post("/cases/<int:case_id>/share")
@roles_required(*CASE_EDITORS)
def share_post(case_id: int) -> Any:
    case = load_case(case_id)
    form = _form_for(case)
    if not form.validate():
        return _page(case, form)
    db = get_db()
    link, token = create_link(
        db,
        case,
        current_user.id,
        recipient_name=form.recipient_name.data or "",
        recipient_email=form.recipient_email.data or "",
        days=form.days.data or 0,
        scope=ShareScope(form.scope.data),
    )
    url = url_for("share.view", token=token, _external=True)
    emailed = form.deliver.data == "email"
    if emailed:
        db.add(_message(case, link, url))
    audit.record(
        db,
        "share_create",
        case_id=case.id,
        object_type="share_link",
        object_id=link.id,
        detail={"scope": link.scope.value, "emailed": emailed},
    )
    db.commit()
    # Shown once, in this response only: the token is not stored and cannot be shown again.
    return _page(
        case,
        ShareLinkForm(formdata=None),
        new_link=url if not emailed else None,
        emailed_to=link.recipient_email if emailed else None,
    )


def _message(case: Any, link: ShareLink, url: str) -> OutboxMessage:
    county = case.county
    worker = current_user
    body = (
        f"Hello {link.recipient_name},\n\n"
        f"{worker.name} ({county.specialist_title}, {county.name}) shared a read-only view of a "
        f"{county.wtw_program_label} plan with you for coordinating services:\n\n{url}\n\n"
        f"The link works until {link.expires_at:%m/%d/%Y}. Please do not forward it.\n"
    )
    return OutboxMessage(
        case_id=case.id,
        to_address=link.recipient_email,
        subject="Read-only Welfare-to-Work plan link",  # no client name in a subject line
        body=body,
        created_by_id=worker.id,
        discard_after=link.expires_at,
        kind=MessageKind.SHARE_LINK.value,
        state=MessageState.QUEUED.value,  # the EC chose to e-mail it on this page
    )


@bp.post("/cases/<int:case_id>/share/<int:link_id>/revoke")
@roles_required(*CASE_EDITORS)
def share_revoke(case_id: int, link_id: int) -> Any:
    case = load_case(case_id)
    db = get_db()
    link = db.get(ShareLink, link_id)
    if link is None or link.case_id != case.id:
        audit.record(
            db,
            "authz_denied",
            outcome="denied",
            case_id=case.id,
            object_type="share_link",
            object_id=link_id,
        )
        db.commit()
        return render_template(
            "errors/error.html",
            status=404,
            title="Page not found",
            hint="That link is not on this case.",
        ), 404
    revoke(db, link, current_user.id)
    db.execute(
        OutboxMessage.__table__.update()
        .where(OutboxMessage.case_id == case.id, OutboxMessage.sent_at.is_(None))
        .where(OutboxMessage.discard_after == link.expires_at)
        .where(OutboxMessage.state.in_([s.value for s in UNSENT_STATES]))
        .values(
            body="",
            error="withdrawn before sending",
            state=MessageState.CANCELLED.value,
            cancel_reason="The link was withdrawn before the message was sent.",
        )
    )
    audit.record(db, "share_revoke", case_id=case.id, object_type="share_link", object_id=link.id)
    db.commit()
    flash(f"The link for {link.recipient_name} no longer works.")
    return redirect(url_for("wizard.share", case_id=case.id))
