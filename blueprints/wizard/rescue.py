"""A form posted just after the session timed out is kept as a draft, not thrown away.

The session row is already gone, so nothing is applied to the case: the posted fields are
stored as the same user's draft for that step, and only that user sees them, after signing in
again, on the step they were on. The request must still carry the CSRF token of the session
that expired and the user must still be active and allowed to open the case.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, redirect, request, session, url_for
from itsdangerous import BadData, URLSafeTimedSerializer

from models.cases import MutualCase
from models.db import get_db
from models.operations.drafts import keep_draft
from models.users import User

from .. import audit
from ..access import visible_cases
from ..htmx import is_htmx_request

# endpoint -> the step whose form it receives (None: read the step from the URL)
RESCUABLE: dict[str, str | None] = {
    "wizard.new_post": "identify",
    "wizard.new_draft_save": "identify",
    "wizard.identify_post": "identify",
    "wizard.assign_post": "assign",
    "wizard.meeting_post": "meeting",
    "wizard.plan_post": "plan",
    "wizard.plan_preview": "plan",
    "wizard.close_post": "close",
    "wizard.draft_save": None,
}


def _csrf_matches(sent: str | None, raw: str | None) -> bool:
    if not sent or not raw:
        return False
    serializer = URLSafeTimedSerializer(current_app.secret_key, salt="wtf-csrf-token")
    try:
        return serializer.loads(sent) == raw
    except BadData:
        return False


def _rescue() -> Any:
    if request.method != "POST" or request.endpoint not in RESCUABLE:
        return None
    user_id = getattr(session, "expired_user_id", None)
    if not getattr(session, "expired", False) or user_id is None:
        return None
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRFToken")
    if not _csrf_matches(sent, getattr(session, "expired_csrf", None)):
        return None  # CSRF protection answers as usual
    db = get_db()
    user = db.get(User, user_id)
    if user is None or not user.active:
        return None
    step = RESCUABLE[request.endpoint] or (request.view_args or {}).get("step", "")
    case_id = (request.view_args or {}).get("case_id")
    if case_id is not None:
        visible = db.scalars(visible_cases(user).where(MutualCase.id == case_id)).first()
        if visible is None:
            return None
    keep_draft(db, user.id, case_id, step, request.form)
    audit.record(
        db,
        "draft_kept_after_timeout",
        case_id=case_id,
        object_type="step",
        object_id=step,
        user_id=user.id,
    )
    db.commit()
    page = (
        url_for(f"wizard.{step}", case_id=case_id) if case_id is not None else url_for("wizard.new")
    )
    target = url_for("auth.login", next=page, timeout=1, kept=1)
    if is_htmx_request():
        return "", 401, {"HX-Redirect": target}
    return redirect(target)


def init_app(app: Flask) -> None:
    """Must run before CSRFProtect's check, which would refuse the expired session's token."""
    app.before_request_funcs.setdefault(None, []).insert(0, _rescue)
