"""Due items kept current (models.operations.due) and `flask refresh-due-items`, which counts
every case's due dates again: after upgrading Tandem to a version whose due rules changed, or
after changing holiday rows by hand in the database."""

from __future__ import annotations

import click
from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.due import DueItem
from models.operations.due import keep_due_items_current, rebuild_due_items


def fill_if_empty(db: Session) -> int:
    """Count due items for existing cases when the table is new (the upgrade that added it)."""
    if db.scalar(select(DueItem.id).limit(1)) is not None:
        return 0
    if db.scalar(select(MutualCase.id).limit(1)) is None:
        return 0
    return rebuild_due_items(db)


def register_due(app: Flask) -> None:
    keep_due_items_current(app.extensions["tandem_sessionmaker"])

    @app.cli.command("refresh-due-items")
    def refresh_due_items_command() -> None:
        """Count every case's due dates again and store what changed (safe to run any time)."""
        with current_app.extensions["tandem_sessionmaker"]() as db:
            written = rebuild_due_items(db)
            db.commit()
        click.echo(f"Due items counted again for every case: {written} changed.")
