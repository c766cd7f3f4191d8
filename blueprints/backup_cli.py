"""`flask backup PATH` and `flask restore PATH` (security.md 41): what was written or restored is
printed with its hashes and counts, so the operator's log shows the backup was checked; a
restore that does not match its manifest exits non-zero."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from models import migrate
from models.audit import AuditEvent
from models.db import BUSY_TIMEOUT_MS, engine
from models.operations.backup import BackupError, Restored, Written, backup, restore
from models.queries.backup_facts import KEY_TABLES, Facts

from .database_errors import database_reason

PATH = click.Path(dir_okay=False, path_type=Path)


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    value = n / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def _counts(facts: Facts) -> str:
    return ", ".join(f"{name} {facts.counts.get(name, 0)}" for name in KEY_TABLES)


# How long the command's audit row waits for SQLite's write lock. The app's 5 s suits a
# request; a backup taken while the app is busy may find the lock taken again and again (SQLite's
# busy handler polls, it does not queue), and its audit row must still be written.
AUDIT_WAIT_MS = 60_000


def _audit(action: str, outcome: str, detail: dict[str, Any]) -> None:
    """An audit row for the command (AU-2); written after the backup, so not part of it."""
    sqlite = engine().dialect.name == "sqlite"
    with engine().connect() as conn:
        if sqlite:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={int(AUDIT_WAIT_MS)}")
            conn.commit()  # the session below then begins, and commits, its own transaction
        try:
            with Session(conn) as db:
                db.add(
                    AuditEvent(
                        action=action,
                        outcome=outcome,
                        object_type="database",
                        detail=json.dumps({"by": "command line", **detail}, sort_keys=True),
                    )
                )
                db.commit()
        except OperationalError as exc:
            raise click.ClickException(
                f"The {action.removeprefix('database_')} above is done, but its audit row could "
                f"not be written ({database_reason(exc)}). Note it in the operations log; if the "
                "database stays locked, look for a stuck process."
            ) from exc
        finally:
            if sqlite:  # the connection goes back to the app's pool
                conn.rollback()
                conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _report_backup(written: Written) -> None:
    facts = written.facts
    click.echo(f"Backup written: {written.path} ({_size(written.size)})")
    click.echo(f"  SHA-256 {written.sha256}")
    click.echo(f"  rows: {_counts(facts)} ({len(facts.counts)} tables counted)")
    click.echo(f"  signed documents hashed: {len(facts.documents)}")
    click.echo(f"  {written.check}")
    if facts.damaged:
        click.echo(
            "  WARNING: documents whose bytes do not match their recorded SHA-256 (copied "
            f"as they are): {', '.join(facts.damaged)}"
        )
    click.echo(f"Manifest: {written.manifest}")


def _report_restore(path: Path, restored: Restored) -> None:
    click.echo(f"Restored {path}: {restored.note}")
    click.echo(f"  rows: {_counts(restored.facts)}")
    shown = [c for c in restored.checks if not c.ok or not c.label.startswith("rows in")]
    rows_ok = sum(1 for c in restored.checks if c.ok and c.label.startswith("rows in"))
    click.echo(f"  ok: row counts of {rows_ok} tables as in the manifest")
    for check in shown:
        mark = "ok" if check.ok else "MISMATCH"
        found = check.found if check.ok else f"{check.found} (manifest: {check.expected})"
        click.echo(f"  {mark}: {check.label}: {found}")


def _head() -> str:
    return ScriptDirectory.from_config(migrate.alembic_config(engine())).get_current_head() or ""


def register_backup(app: Flask) -> None:
    @app.cli.command("backup")
    @click.argument("path", type=PATH)
    @click.option("--force", is_flag=True, help="Replace PATH and PATH.json if they exist.")
    def backup_command(path: Path, force: bool) -> None:
        """Copy the database to PATH while the app keeps running, with PATH.json (counts and
        hashes) to check a restore against."""
        try:
            written = backup(engine(), path, force=force)
        except BackupError as exc:
            raise click.ClickException(str(exc)) from exc
        _report_backup(written)
        _audit(
            "database_backup",
            "ok",
            {"file": written.path.name, "sha256": written.sha256, "rows": _counts(written.facts)},
        )

    @app.cli.command("restore")
    @click.argument("path", type=PATH)
    @click.option("--force", is_flag=True, help="Replace a database that already holds cases.")
    def restore_command(path: Path, force: bool) -> None:
        """Restore PATH into the configured database (stop the app first), then check it
        against PATH.json; exits non-zero on any difference."""
        try:
            restored = restore(engine(), path, force=force)
        except BackupError as exc:
            raise click.ClickException(str(exc)) from exc
        _report_restore(path, restored)
        _audit(
            "database_restore",
            "ok" if restored.ok else "mismatch",
            {"file": path.name, "checks_failed": sum(not c.ok for c in restored.checks)},
        )
        if not restored.ok:
            raise click.ClickException(
                "The restored database does not match the backup's manifest (see MISMATCH "
                "above). Do not start the app on it; restore another backup."
            )
        head = _head()
        if restored.facts.schema != head:
            click.echo(
                f"The backup is at schema {restored.facts.schema}; this version of Tandem uses "
                f"{head}: run `flask --app app init-db` before starting the app."
            )
        click.echo("Restore verified: every count and hash matches the manifest.")
