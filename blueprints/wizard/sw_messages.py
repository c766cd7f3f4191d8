"""Track: the messages to the CFS/DFCS social worker that changes on the case wrote (issue 15).

A notice waits "held" until the EC reads it: they may edit the subject and the message, add a
read-only link to a signed plan, and send it (send-outbox delivers it) or decide not to send it,
saying why. Queued, sent, failed and cancelled messages stay listed with their state. The
messages are about talking to the other agency, not about changing the case, so they can be
sent after the case has closed (the closing notice often is).
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from models.cases import MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, MessageKind, MessageState, ShareScope
from models.operations import sw_notices
from models.operations.share_links import create_link
from models.outbox import OutboxMessage
from models.queries.outbox import held_too_long, message_on_case, messages_of
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required
from ..clock import today
from ..errors import render_error
from ..forms.sw_messages import CancelForm, MessageForm
from .blueprint import bp
from .common import load_case, render_step

LINK_KINDS = {MessageKind.PLAN_SIGNED.value, MessageKind.AMENDMENT_SIGNED.value}
LINK_DAYS = 30
REVIEWABLE = {MessageState.HELD.value, MessageState.FAILED.value}


def _message_form(message: OutboxMessage, data: Any = None) -> MessageForm:
    if data is not None:
        return MessageForm(formdata=data, prefix=f"m{message.id}")
    return MessageForm(
        formdata=None,
        prefix=f"m{message.id}",
        data={"subject": message.subject, "body": message.body},
    )


def _cancel_form(message: OutboxMessage, data: Any = None) -> CancelForm:
    return CancelForm(formdata=data, prefix=f"c{message.id}")


def _render(
    case: MutualCase,
    *,
    message_forms: dict[int, MessageForm] | None = None,
    cancel_forms: dict[int, CancelForm] | None = None,
) -> str:
    db = get_db()
    messages = messages_of(db, case.id)
    late, calendar_problem = held_too_long(db, case, messages, today())
    waiting = [m for m in messages if m.state in REVIEWABLE]
    forms = {m.id: _message_form(m) for m in waiting} | (message_forms or {})
    cancels = {m.id: _cancel_form(m) for m in waiting} | (cancel_forms or {})
    failed = next(iter((message_forms or {}).values()), None) or next(
        iter((cancel_forms or {}).values()), None
    )
    return render_step(
        "wizard/sw_messages.html",
        case,
        "track",
        messages=messages,
        waiting=waiting,
        message_forms=forms,
        cancel_forms=cancels,
        late=late,
        held_days=case.county.sw_message_hold_days,
        calendar_problem=calendar_problem,
        no_address=sw_notices.no_address_problem(case),
        link_kinds=LINK_KINDS if case.stage not in ENDED_STAGES else set(),
        form=failed,
    )


def _waiting_message(case: MutualCase, message_id: int) -> OutboxMessage | Any:
    """The message to edit, send or cancel, or the answer that refuses: 404 (audited) when it
    is not on this case, 409 when it no longer waits for the EC."""
    db = get_db()
    message = message_on_case(db, case.id, message_id)
    if message is None:
        audit.record(
            db,
            "authz_denied",
            outcome="denied",
            case_id=case.id,
            object_type="outbox_message",
            object_id=message_id,
        )
        db.commit()
        return render_error(404, "That message is not on this case.")
    if message.state not in REVIEWABLE:
        return render_error(409, f"This message is “{message.state_label}”: nothing was saved.")
    return message


@bp.get("/cases/<int:case_id>/messages")
@roles_required(*CASE_EDITORS)
def sw_messages(case_id: int) -> Any:
    case = load_case(case_id, viewed="sw_messages")
    page = _render(case)
    get_db().commit()
    return page


def _add_link(case: MutualCase, message: OutboxMessage) -> tuple[str, Any]:
    sw = sw_notices.social_worker(case)
    link, token = create_link(
        get_db(),
        case,
        current_user.id,
        recipient_name=sw.name if sw else "",
        recipient_email=sw.email if sw else message.to_address,
        days=LINK_DAYS,
        scope=ShareScope.VIEW,
    )
    return url_for("share.view", token=token, _external=True), link.expires_at


@bp.post("/cases/<int:case_id>/messages/<int:message_id>")
@roles_required(*CASE_EDITORS)
def sw_message_post(case_id: int, message_id: int) -> Any:
    case = load_case(case_id)
    message = _waiting_message(case, message_id)
    if not isinstance(message, OutboxMessage):
        return message
    db = get_db()
    form = _message_form(message, request.form)
    if not form.validate():
        return _render(case, message_forms={message.id: form})
    sending = request.form.get("action") == "send"
    try:
        sw_notices.edit(db, message, form.subject.data, form.body.data, current_user.id)
        audit.record(
            db,
            "sw_message_send" if sending else "sw_message_edit",
            case_id=case.id,
            object_type="outbox_message",
            object_id=message.id,
            detail={"kind": message.kind},
        )
        if sending:
            url, expires = "", None
            if form.add_link.data and message.kind in LINK_KINDS and case.stage not in ENDED_STAGES:
                url, expires = _add_link(case, message)
            sw_notices.release(
                db, case, message, current_user.id, link_url=url, link_expires=expires
            )
        db.commit()
    except (sw_notices.MessageRefused, StaleDataError) as exc:
        db.rollback()
        return render_error(409, str(exc) or "Someone changed this message at the same time.")
    if sending:
        flash(f"The message to {message.to_address} will be sent with the next e-mail run.")
    else:
        flash("The message is saved. It is not sent until you press Send.")
    return redirect(
        url_for("wizard.sw_messages", case_id=case.id, _anchor=f"message-{message.id}"), 303
    )


@bp.post("/cases/<int:case_id>/messages/<int:message_id>/cancel")
@roles_required(*CASE_EDITORS)
def sw_message_cancel(case_id: int, message_id: int) -> Any:
    case = load_case(case_id)
    message = _waiting_message(case, message_id)
    if not isinstance(message, OutboxMessage):
        return message
    db = get_db()
    form = _cancel_form(message, request.form)
    if not form.validate():
        return _render(case, cancel_forms={message.id: form})
    sw_notices.cancel(db, message, form.reason.data, current_user.id)
    audit.record(
        db,
        "sw_message_cancel",
        case_id=case.id,
        object_type="outbox_message",
        object_id=message.id,
        detail={"kind": message.kind},
    )
    db.commit()
    flash("The message will not be sent.")
    return redirect(url_for("wizard.sw_messages", case_id=case.id), 303)
