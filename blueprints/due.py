"""The due list (issue 15): everything due on a worker's cases, or a supervisor's unit, with a
link to the page that resolves each item; and the navigation's overdue count."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user

from models.db import get_db
from models.due import DueItem
from models.enums import CASE_EDITORS, DueKind, Role
from models.queries.due_list import (
    UNASSIGNED,
    WHEN_CHOICES,
    DueFilters,
    due_page,
    overdue_count,
    parse_due_filters,
)
from models.users import User

from . import audit
from .access import roles_required, visible_cases
from .clock import today

bp = Blueprint("due", __name__)

# The page that resolves each kind of item (the case's own page for what it changes).
RESOLVED_ON: dict[DueKind, tuple[str, str]] = {
    DueKind.JOINT_MEETING: ("wizard.meeting", "Schedule or record the meeting"),
    DueKind.PLAN_SIGNATURE: ("documents.sign", "Sign the plan"),
    DueKind.PLAN_RENEWAL: ("wizard.plan", "Renew the plan"),
    DueKind.GOOD_CAUSE_REVIEW: ("wizard.good_cause", "Review the good cause"),
    DueKind.EXEMPTION_REVIEW: ("wizard.exemptions", "Review the exemption"),
    DueKind.NONCOMPLIANCE_DAY20: ("wizard.noncompliance", "Record the outcome of the notice"),
    DueKind.NONCOMPLIANCE_APPOINTMENT: ("wizard.noncompliance", "Record the appointment"),
    DueKind.CHANGE_WINDOW_END: ("wizard.plan", "Amend the plan if the client asks"),
    DueKind.SIXTH_BIRTHDAY: ("wizard.plan", "Re-count the hours"),
    DueKind.CURE_END: ("wizard.noncompliance_episode", "Record the cure"),
    DueKind.FR_SERVICES_END: ("wizard.programs", "End or extend the services"),
    DueKind.FR_REDETERMINATION: ("wizard.programs", "Redetermine with the plan review"),
    DueKind.FS_PLAN_END: ("wizard.programs", "Close or extend the FS plan"),
    DueKind.WEEK_NOT_RECORDED: ("wizard.track", "Record the week"),
    DueKind.HOURS_UNVERIFIED: ("wizard.track", "Verify the hours"),
    DueKind.CHANGE_REEVALUATION: ("wizard.changes", "Re-evaluate participation"),
    DueKind.SW_MESSAGE_HELD: ("wizard.sw_messages", "Review and send the message"),
}
# Kinds whose page is about one week or one episode: the item's ref says which.
_REF_ARGUMENT = {
    DueKind.CURE_END: "episode_id",
    DueKind.WEEK_NOT_RECORDED: "week",
    DueKind.HOURS_UNVERIFIED: "week",
}


def resolve_link(item: DueItem) -> tuple[str, str]:
    """(URL, words) of the page where the item is done."""
    kind = DueKind(item.kind)
    endpoint, words = RESOLVED_ON.get(kind, ("wizard.case_home", "Open the case"))
    extra = {_REF_ARGUMENT[kind]: item.ref} if kind in _REF_ARGUMENT and item.ref else {}
    return url_for(endpoint, case_id=item.case_id, **extra), words


def due_nav(user: Any) -> str:
    """The navigation link's words for an EC or a supervisor ("" for anyone else): "Due", or
    "Due (3 overdue)". One COUNT query."""
    if not getattr(user, "is_authenticated", False) or user.role not in CASE_EDITORS:
        return ""
    late = overdue_count(get_db(), visible_cases(user), today())
    return f"Due ({late} overdue)" if late else "Due"


@bp.get("/due")
@roles_required(*CASE_EDITORS)
def due_list() -> Any:
    db = get_db()
    filters = parse_due_filters(request.args)
    on = today()
    page = due_page(db, visible_cases(current_user), filters, on)
    # A list of clients with open duties is itself sensitive (W&I 10850(b)): log the view.
    audit.record(
        db,
        "due_list_view",
        object_type="due_list",
        detail={
            "rows": len(page.rows),
            "total": page.total,
            "page": page.number,
            "when": filters.when or None,
            "kind": filters.kind.value if filters.kind else None,
            "worker": filters.worker or None,
        },
    )
    db.commit()

    def page_url(number: int) -> str:
        return url_for("due.due_list", **filters.args(), page=number)

    return render_template(
        "due/due_list.html",
        page=page,
        filters=filters,
        when_choices=WHEN_CHOICES,
        kind_choices=DueKind.choices(),
        links={item.id: resolve_link(item) for item in page.rows},
        previous_url=page_url(page.number - 1) if page.has_previous else None,
        next_url=page_url(page.number + 1) if page.has_next else None,
        today=on,
        show_worker=current_user.role == Role.SUPERVISOR,
        worker_name=_worker_name(filters),
    )


def _worker_name(filters: DueFilters) -> str:
    """Whose items the list is narrowed to (the supervisor's view links here), in words."""
    if filters.worker == UNASSIGNED:
        return "Only the items on cases not assigned to anyone."
    if not filters.worker:
        return ""
    worker = get_db().get(User, int(filters.worker))
    # Only a name from the user's own county; an id from elsewhere simply matches nothing.
    if worker is None or worker.county_id != current_user.county_id:
        return "That worker is not in your county: nothing matches."
    return f"Only the items on {worker.name}'s cases."
