"""The supervisor's view of the unit (issue 15): one row per worker with the counts a
supervisor watches, each count linking to the cases behind it. Supervisors only; the scope is
blueprints.access.visible_cases (a unit supervisor's unit, a county-wide supervisor's county)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user

from models.cases import MutualCase
from models.db import get_db
from models.enums import Role
from models.queries.unit_view import (
    MEASURES,
    UNASSIGNED,
    UnitSummary,
    Windows,
    case_list,
    unit_summary,
    worker_condition,
)
from models.users import User

from . import audit
from .access import roles_required, visible_cases
from .clock import today
from .errors import render_error

bp = Blueprint("unit", __name__)


def unit_nav(user: Any) -> bool:
    """Whether the navigation shows "My unit" (supervisors only; no query)."""
    return bool(getattr(user, "is_authenticated", False) and user.role == Role.SUPERVISOR)


def count_links(worker_arg: str | None, external: bool = False) -> dict[str, str]:
    """Where each of a row's counts leads: the due list narrowed to the worker for overdue
    items, the list of cases on this page for the others. The totals row (no worker argument)
    leads to the whole unit's."""
    worker = {} if worker_arg is None else {"worker": worker_arg}
    links = {
        measure: url_for("unit.unit_cases", show=measure, **worker, _external=external)
        for measure in MEASURES
    }
    links["overdue"] = url_for("due.due_list", when="overdue", **worker, _external=external)
    return links


def summary_links(summary: UnitSummary, external: bool = False) -> dict[Any, dict[str, str]]:
    links: dict[Any, dict[str, str]] = {
        row.worker_arg: count_links(row.worker_arg, external) for row in summary.rows
    }
    links["total"] = count_links(None, external)
    return links


@bp.get("/unit")
@roles_required(Role.SUPERVISOR)
def unit_page() -> Any:
    db = get_db()
    summary = unit_summary(db, visible_cases(current_user), current_user, today())
    # Counts only, no client, but who carries what is still a view of the unit: log it.
    audit.record(
        db,
        "unit_view",
        object_type="unit",
        object_id=current_user.id,
        detail={"workers": len(summary.rows), "open": summary.totals.open},
    )
    db.commit()
    return render_template("unit/unit.html", summary=summary, links=summary_links(summary))


@bp.get("/unit/cases")
@roles_required(Role.SUPERVISOR)
def unit_cases() -> Any:
    db = get_db()
    measure = request.args.get("show") or "open"
    worker_arg = (request.args.get("worker") or "").strip()
    if measure not in MEASURES:
        return render_error(404, "That list is not one the unit page offers.")
    worker = worker_condition(worker_arg) if worker_arg else None
    whose = _whose(worker_arg) if not worker_arg or worker is not None else None
    if whose is None:
        # Another unit's or county's worker (or no worker at all): no hint who they are.
        audit.record(
            db, "authz_denied", outcome="denied", object_type="user", object_id=worker_arg[:40]
        )
        db.commit()
        return render_error(404, "That worker is not in your unit.")
    try:
        number = int(request.args.get("page") or "1")
    except ValueError:
        number = 1
    on = today()
    visible = visible_cases(current_user)
    found = case_list(db, visible, measure, worker, number, on)
    # A list of clients: log who looked at which list (W&I 10850(b)).
    audit.record(
        db,
        "unit_cases_view",
        object_type="unit",
        object_id=current_user.id,
        detail={"show": measure, "worker": worker_arg or None, "rows": len(found.page.rows)},
    )
    db.commit()

    def page_url(n: int) -> str:
        kept = {"worker": worker_arg} if worker_arg else {}
        return url_for("unit.unit_cases", show=measure, **kept, page=n)

    return render_template(
        "unit/cases.html",
        found=found,
        measure=measure,
        title=MEASURES[measure].format(cw=current_user.county.cw_division_label),
        whose=whose,
        since=Windows(on).since,
        today=on,
        previous_url=page_url(found.page.number - 1) if found.page.has_previous else None,
        next_url=page_url(found.page.number + 1) if found.page.has_next else None,
    )


def _whose(worker_arg: str) -> str | None:
    """Whose cases a list shows, in words; None for a worker outside the supervisor's unit
    (neither one of their ECs nor holding one of the cases they may see)."""
    if not worker_arg:
        return "everyone in your unit"
    if worker_arg == UNASSIGNED:
        return "cases not assigned to anyone"
    db = get_db()
    user = db.get(User, int(worker_arg))
    if user is None or user.county_id != current_user.county_id:
        return None
    if user.supervisor_id == current_user.id:
        return user.name
    holds = visible_cases(current_user).where(MutualCase.assigned_worker_id == user.id)
    return user.name if db.scalar(holds.with_only_columns(MutualCase.id).limit(1)) else None
