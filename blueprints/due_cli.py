"""Due items kept current (models.operations.due) and `flask refresh-due-items`, which counts
every case's due dates again: after upgrading Tandem to a version whose due rules changed, or
after changing holiday rows by hand in the database. With ``--daily`` it recounts only the
cases whose items move with the date alone (last week's attendance, unverified hours, the change
window): run it from cron early each morning, e.g. ``15 5 * * * flask refresh-due-items --daily``."""

from __future__ import annotations

import click
from flask import Flask, current_app
from sqlalchemy import String, cast, exists, select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.due import DueItem
from models.enums import DueKind
from models.operations.due import (
    keep_due_items_current,
    rebuild_due_items,
    refresh_cases,
    refresh_date_driven,
)
from models.outbox import OutboxMessage
from models.queries.outbox import HELD_NOTICE

from .clock import today, today_of


def fill_if_empty(db: Session) -> int:
    """Count due items for existing cases when the table is new (the upgrade that added it)."""
    if db.scalar(select(DueItem.id).limit(1)) is not None:
        return 0
    if db.scalar(select(MutualCase.id).limit(1)) is None:
        return 0
    return rebuild_due_items(db)


def fill_held_messages(db: Session) -> int:
    """Count the cases whose held notices to the social worker have no due item yet (the
    upgrade that made them due items, migration 0018); nothing on later runs."""
    no_item = ~exists().where(
        DueItem.case_id == OutboxMessage.case_id,
        DueItem.kind == DueKind.SW_MESSAGE_HELD,
        DueItem.ref == cast(OutboxMessage.id, String),
    )
    held = select(OutboxMessage.case_id).where(
        OutboxMessage.case_id.is_not(None), HELD_NOTICE, no_item
    )
    ids = set(db.scalars(held.distinct()))
    return refresh_cases(db, ids) if ids else 0


def register_due(app: Flask) -> None:
    # The flush hook also runs outside requests (CLI, tests): it reads this app's clock.
    keep_due_items_current(app.extensions["tandem_sessionmaker"], lambda: today_of(app))

    @app.cli.command("refresh-due-items")
    @click.option(
        "--daily",
        is_flag=True,
        help="Only the cases with a signed plan running, whose items move with the date.",
    )
    def refresh_due_items_command(daily: bool) -> None:
        """Count every case's due dates again and store what changed (safe to run any time)."""
        with current_app.extensions["tandem_sessionmaker"]() as db:
            written = refresh_date_driven(db, today()) if daily else rebuild_due_items(db)
            db.commit()
        which = "the cases with a signed plan running" if daily else "every case"
        click.echo(f"Due items counted again for {which}: {written} changed.")
