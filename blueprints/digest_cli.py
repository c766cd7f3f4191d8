"""`flask send-digest`: each supervisor's weekly digest of the unit page (issue 15), queued in
the outbox for `flask send-outbox` (which cron runs every few minutes). Cron, Monday morning:

    0 6 * * 1  flask --app app send-digest

Links point at TANDEM_PUBLIC_URL (the address staff open Tandem at); there is no request to take
it from. Every supervisor's message is written in one transaction; a second run in the same week
writes nothing (models.operations.digest)."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from flask import Flask, current_app, render_template, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models.audit import AuditEvent
from models.base import utcnow
from models.enums import Role
from models.operations.digest import digest_subject, queue_digest
from models.queries.unit_view import MEASURES, UnitSummary, unit_summary
from models.users import User

from .access import visible_cases
from .clock import today
from .unit import summary_links

# The digest's lines, in the unit page's column order.
LABELS = {"overdue": "Overdue items", **MEASURES}
ORDER = ("open", "overdue", "no_contact", "sanctions", "reassigned")


def digest_sections(summary: UnitSummary, cw: str) -> list[tuple[str, list[tuple[str, int, str]]]]:
    """Per worker and for the whole unit: (label, count, link) lines; links are absolute.
    ``cw`` is the county's child-welfare division (CFS, DFCS)."""
    links = summary_links(summary, external=True)
    sections = []
    for row, key in [*((r, r.worker_arg) for r in summary.rows), (summary.totals, "total")]:
        lines = [(LABELS[m].format(cw=cw), getattr(row, m), links[key][m]) for m in ORDER]
        sections.append(("Whole unit" if key == "total" else row.name, lines))
    return sections


def digest_body(supervisor: User, summary: UnitSummary) -> str:
    return render_template(
        "unit/digest.txt",
        supervisor=supervisor,
        county=supervisor.county,
        summary=summary,
        sections=digest_sections(summary, supervisor.county.cw_division_label),
        unit_url=url_for("unit.unit_page", _external=True),
    )


def write_digests(app: Flask, public_url: str) -> tuple[int, int, int]:
    """Queue this week's digest for every active supervisor with a unit; commit once.
    Returns (written, already queued this week, supervisors with nothing to report)."""
    try:
        return _queue_all(app, public_url)
    except IntegrityError:
        # Another run queued some of this week's digests meanwhile (uq_outbox_digest_week):
        # nothing of this run was kept; once more, and the check now skips those supervisors.
        return _queue_all(app, public_url)


def _queue_all(app: Flask, public_url: str) -> tuple[int, int, int]:
    written = already = empty = 0
    with app.extensions["tandem_sessionmaker"]() as db:
        day, now = today(), utcnow()
        supervisors = db.scalars(
            select(User)
            .where(User.role == Role.SUPERVISOR, User.active.is_(True))
            .order_by(User.id)
        )
        for supervisor in supervisors:
            summary = unit_summary(db, visible_cases(supervisor), supervisor, day)
            if not summary.rows:
                empty += 1  # no EC and no case: nothing to tell
                continue
            # A request context only to build absolute links to the public address.
            with app.test_request_context("/", base_url=public_url):
                body = digest_body(supervisor, summary)
            message = queue_digest(db, supervisor, body, day, now)
            if message is None:
                already += 1
                continue
            written += 1
            db.flush()
            # Who was sent what, in the same transaction as the message (AU-2): counts only.
            db.add(
                AuditEvent(
                    action="digest_queue",
                    object_type="outbox_message",
                    object_id=str(message.id),
                    detail=json.dumps(
                        {
                            "by": "command line",
                            "to_user": supervisor.id,
                            "workers": len(summary.rows),
                        }
                    ),
                )
            )
        db.commit()
    return written, already, empty


def register_digest(app: Flask) -> None:
    @app.cli.command("send-digest")
    def send_digest_command() -> None:
        """Queue each supervisor's weekly digest of the unit (run Mondays, then send-outbox)."""
        public_url: Any = current_app.config.get("PUBLIC_URL", "")
        if not public_url.startswith(("https://", "http://")):
            click.echo(
                "Set TANDEM_PUBLIC_URL to the address staff open Tandem at "
                "(https://tandem.example.gov): the digest links there. Nothing was queued.",
                err=True,
            )
            sys.exit(1)
        written, already, empty = write_digests(current_app._get_current_object(), public_url)  # type: ignore[attr-defined]
        click.echo(
            f"{digest_subject(today())}: {written} queued, {already} already queued this week, "
            f"{empty} supervisors with no unit."
        )
