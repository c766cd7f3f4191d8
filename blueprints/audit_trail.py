"""Administration: search the audit trail of the administrator's county, and export it as CSV.

Which rows belong to a county is decided in models/queries/audit_trail.py. Looking at the trail
and exporting it are themselves audited (audit_view / audit_export, the filters in detail)."""

from __future__ import annotations

import csv
import io
from datetime import timezone
from typing import Any

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from models.db import get_db
from models.enums import Role
from models.enums.audit import AuditAction, AuditObject, AuditOutcome
from models.queries.audit_trail import (
    EXPORT_MAX_ROWS,
    AuditFilters,
    AuditRow,
    codes_present,
    count_rows,
    county_accounts,
    export_rows,
    search,
)

from . import audit
from .access import roles_required
from .forms.audit_trail import AuditSearchForm

bp = Blueprint("audit_trail", __name__, url_prefix="/admin")

FIELDS = ("case_id", "who", "action", "outcome", "date_from", "date_to")
# OWASP CSV injection: a spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "Time (county time)",
    "Time (UTC)",
    "User",
    "User account ID",
    "Social worker link ID",
    "Action",
    "Action code",
    "Outcome",
    "Object",
    "Object ID",
    "Case ID",
    "IP address",
    "Request ID",
    "Detail",
)


def _form() -> tuple[AuditSearchForm, bool]:
    db = get_db()
    form = AuditSearchForm(request.args)
    form.set_choices(county_accounts(db, current_user.county_id), *codes_present(db))
    return form, form.validate()


def _page_number(raw: str | None) -> int:
    text = (raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else 1


def _args(filters: AuditFilters) -> dict[str, str]:
    """The applied filters as query arguments, for the page links and the export link."""
    found = {
        "case_id": str(filters.case_id) if filters.case_id is not None else "",
        "who": filters.who,
        "action": filters.action,
        "outcome": filters.outcome,
        "date_from": filters.date_from.isoformat(),
        "date_to": filters.date_to.isoformat(),
    }
    return {k: v for k, v in found.items() if v}


def who_label(row: AuditRow) -> str:
    if row.actor_user_id is not None:
        return row.actor_name or f"Account #{row.actor_user_id}"
    if row.actor_link_id is not None:
        return f"Social worker link #{row.actor_link_id}"
    return "Anonymous or system"


def export_limit() -> int:
    return int(current_app.config.get("AUDIT_EXPORT_MAX_ROWS", EXPORT_MAX_ROWS))


@bp.get("/audit")
@roles_required(Role.ADMIN)
def search_page() -> Any:
    db = get_db()
    form, valid = _form()
    page, filters, detail = None, None, {"invalid": sorted(form.errors)}
    if valid:
        filters = form.values()
        page = search(db, current_user.county_id, filters, _page_number(request.args.get("page")))
        detail = {**filters.audit_detail(), "page": page.number, "total": page.total}
    audit.record(db, "audit_view", object_type="audit_trail", detail=detail)

    def page_url(number: int) -> str:
        assert filters is not None
        return url_for("audit_trail.search_page", **_args(filters), page=number)

    html = render_template(
        "admin/audit.html",
        form=form,
        page=page,
        filters=filters,
        page_url=page_url,
        export_url=url_for("audit_trail.export", **_args(filters)) if filters else None,
        export_limit=export_limit(),
        who_label=who_label,
        action_label=AuditAction.label_of,
        outcome_label=AuditOutcome.label_of,
        object_label=AuditObject.label_of,
    )
    db.commit()
    return html


def safe_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _csv_line(row: AuditRow) -> list[str]:
    values = (
        row.local_at.strftime("%Y-%m-%d %H:%M:%S %Z"),
        row.local_at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        who_label(row),
        row.actor_user_id,
        row.actor_link_id,
        AuditAction.label_of(row.action),
        row.action,
        AuditOutcome.label_of(row.outcome),
        AuditObject.label_of(row.object_type, ""),
        row.object_id,
        row.case_id,
        row.ip,
        row.request_id,
        row.detail,
    )
    return [safe_cell(v) for v in values]


@bp.get("/audit.csv")
@roles_required(Role.ADMIN)
def export() -> Any:
    """The rows the same filters find, newest first, up to the export limit (then a last line
    says how many were left out)."""
    db = get_db()
    form, valid = _form()
    if not valid:  # the search page shows each message next to its field
        typed = {k: request.args.get(k, "")[:200] for k in FIELDS if k in request.args}
        return redirect(url_for("audit_trail.search_page", **typed), 303)
    filters = form.values()
    most = export_limit()
    total = count_rows(db, current_user.county_id, filters)
    rows = export_rows(db, current_user.county_id, filters, most)
    audit.record(
        db,
        "audit_export",
        object_type="audit_trail",
        detail={**filters.audit_detail(), "rows": len(rows), "total": total},
    )
    db.commit()
    out = io.StringIO()
    out.write("\ufeff")  # a byte order mark: spreadsheets then read the file as UTF-8
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)  # OWASP: every cell quoted
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_line(row) for row in rows)
    if total > len(rows):
        writer.writerow(
            [
                f"Only the newest {len(rows):,} of {total:,} matching rows are in this file. "
                "Narrow the dates or the filters to export the rest."
            ]
        )
    name = f"audit-trail-{filters.date_from.isoformat()}-to-{filters.date_to.isoformat()}.csv"
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response
