"""`flask backup` / `flask restore` (security.md 41): a backup taken while the app writes restores
into a fresh database with the same rows, audit trail and document hashes; a backup is never
overwritten by accident, a database with cases is not replaced by accident, and a backup changed
after it was written is refused. On SQLite and, with TANDEM_TEST_DATABASE_URL, on PostgreSQL
(restoring into a second database created on the same server)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from blueprints import fault_injection
from models import AuditEvent, MutualCase, SignedDocument, User
from models.operations import pg_tools
from models.operations.backup import file_digest
from tests import factories as f
from tests.helpers import PG_URL, build_app, engine_of, hold_write_lock
from tests.web.test_bench import vacuumed_and_analyzed_since

LOAD_SECONDS = 1.5
RESTORE_ROW = "database_restore"  # the restore's own audit row, written after it checked


@pytest.fixture
def spare_url(tmp_path: Path) -> Iterator[str]:
    """A second, empty database to restore into: a new SQLite file, or a database created on
    the test PostgreSQL server (dropped afterwards)."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    name = f"tandem_restore_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def spare_app(spare_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = build_app(spare_url, tmp_path / "spare-instance")
    yield app
    app.extensions["tandem_engine"].dispose()


def add_signed_case(db: Session, worker: User, n: int) -> None:
    """One case with a signed plan, its stored PDF and three audit rows, as one commit."""
    case = f.case(db, worker, cfs_number=f"CW-{n}")
    version = f.make_plan(db, case)
    pdf = b"%PDF-1.7\n" + os.urandom(8192) + b"\n%%EOF\n"
    digest = hashlib.sha256(pdf).hexdigest()
    db.add(
        SignedDocument(
            plan_version_id=version.id,
            case_id=case.id,
            kind="wtw2",
            document_id=f"LOAD-{uuid.uuid4().hex[:20]}",
            pdf=pdf,
            sha256=digest,
            content_sha256=digest,
            created_by_id=worker.id,
        )
    )
    db.add_all(
        AuditEvent(action="case_view", case_id=case.id, object_type="case", object_id=str(case.id))
        for _ in range(3)
    )
    db.commit()


class WriteLoad(threading.Thread):
    """Signed cases committed one after another through the app's sessions, for a while."""

    def __init__(
        self, app: Flask, worker_id: int, manifest: Path, seconds: float = LOAD_SECONDS
    ) -> None:
        super().__init__(daemon=True)
        self.app, self.worker_id, self.seconds = app, worker_id, seconds
        self.manifest = manifest
        self.committed_at: list[float] = []
        self.error: BaseException | None = None
        self.manifest_seen: float | None = None  # the copy had ended by then

    def run(self) -> None:
        # At least `seconds`, then on until a commit lands after the backup's manifest appeared
        # (a loaded machine may take longer over the backup than the planned load), never past
        # a minute. It stops then: a writer that never pauses would keep the command's own audit
        # row waiting for SQLite's lock (its busy handler polls, it does not queue).
        start = time.monotonic()
        try:
            while time.monotonic() < start + 60 and not (
                time.monotonic() > start + self.seconds
                and self.manifest_seen is not None
                and self.committed_at
                and self.committed_at[-1] > self.manifest_seen
            ):
                if self.manifest_seen is None and self.manifest.exists():
                    self.manifest_seen = time.monotonic()
                with self.app.extensions["tandem_sessionmaker"]() as db:
                    worker = db.get(User, self.worker_id)
                    assert worker is not None
                    add_signed_case(db, worker, len(self.committed_at))
                self.committed_at.append(time.monotonic())
        except BaseException as exc:  # reported by the test
            self.error = exc


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            "mutual_case": conn.scalar(select(func.count()).select_from(MutualCase)) or 0,
            "audit_event": conn.scalar(select(func.count()).where(AuditEvent.action != RESTORE_ROW))
            or 0,
            "signed_document": conn.scalar(select(func.count()).select_from(SignedDocument)) or 0,
        }


def audit_rows(engine: Engine) -> dict[int, tuple[Any, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEvent.__table__).where(AuditEvent.action != RESTORE_ROW))
        return {row.id: tuple(row) for row in rows}


def documents(engine: Engine) -> dict[str, tuple[bytes, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(SignedDocument.document_id, SignedDocument.pdf, SignedDocument.sha256)
        )
        return {d: (pdf, sha) for d, pdf, sha in rows}


def integrity(url: str) -> str:
    with sqlite3.connect(make_url(url).database or "") as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_a_backup_under_write_load_restores_with_the_same_rows_audit_trail_and_documents(
    app, db, ec, spare_app, spare_url, tmp_path
):
    start = counts(engine_of(app))
    path = tmp_path / "tandem.backup"
    load = WriteLoad(app, ec.id, path.with_name(path.name + ".json"))
    load.start()
    while len(load.committed_at) < 3 and load.is_alive():
        time.sleep(0.01)
    began = time.monotonic()
    made = app.test_cli_runner().invoke(args=["backup", str(path)])
    load.join()
    assert load.error is None, load.error
    assert made.exit_code == 0, made.output
    assert load.manifest_seen is not None
    ended = load.manifest_seen
    before = sum(t < began for t in load.committed_at)
    after = sum(t > ended for t in load.committed_at)
    during = len(load.committed_at) - before - after
    # Writes before, during (the copy does not stop the app) and after the backup; a backup
    # quicker than any one commit has no commit inside it, and that proves nothing either way.
    gaps = [b - a for a, b in zip(load.committed_at, load.committed_at[1:], strict=False)]
    assert before >= 3 and after >= 1, (before, during, after)
    assert during >= 1 or ended - began < max(gaps), (before, during, after, ended - began)

    manifest = json.loads(path.with_name(path.name + ".json").read_text())
    snap = {name: manifest["counts"][name] for name in start}
    taken = snap["mutual_case"] - start["mutual_case"]
    # One consistent snapshot: whole commits only (a case, its document, three audit rows)
    assert before <= taken < len(load.committed_at)
    assert snap["signed_document"] == start["signed_document"] + taken
    assert snap["audit_event"] == start["audit_event"] + 3 * taken
    assert f"Backup written: {path}" in made.output
    assert f"SHA-256 {file_digest(path)[1]}" in made.output
    assert manifest["sha256"] == file_digest(path)[1] and manifest["size"] == path.stat().st_size
    assert f"mutual_case {snap['mutual_case']}, audit_event {snap['audit_event']}" in made.output
    assert path.stat().st_mode & 0o077 == 0  # client details: readable by the owner only

    restore_started = datetime.now(UTC)
    restored = spare_app.test_cli_runner().invoke(args=["restore", str(path)])
    assert restored.exit_code == 0, restored.output
    assert "Restore verified" in restored.output and "MISMATCH" not in restored.output
    if PG_URL:  # pg_restore brings no planner statistics: the restore runs VACUUM ANALYZE
        assert vacuumed_and_analyzed_since(engine_of(spare_app), restore_started)

    spare = engine_of(spare_app)
    assert counts(spare) == snap
    source_audit, copy_audit = audit_rows(engine_of(app)), audit_rows(spare)
    assert len(copy_audit) == snap["audit_event"]
    assert all(source_audit[i] == row for i, row in copy_audit.items())
    copied, original = documents(spare), documents(engine_of(app))
    assert set(copied) == set(manifest["documents"]) and len(copied) == snap["signed_document"]
    for document_id, (pdf, sha) in copied.items():
        assert len(pdf) > 0
        assert hashlib.sha256(pdf).hexdigest() == sha == manifest["documents"][document_id]
        assert original[document_id] == (pdf, sha)
    if not PG_URL:
        assert integrity(spare_url) == "ok"


def test_no_backup_or_database_is_replaced_by_accident_and_a_changed_backup_is_refused(
    app, db, ec, spare_app, tmp_path
):
    add_signed_case(db, ec, 1)
    path = tmp_path / "tandem.backup"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    first = file_digest(path)
    add_signed_case(db, ec, 2)
    again = runner.invoke(args=["backup", str(path)])
    assert again.exit_code == 1 and "already exists" in again.output, again.output
    assert file_digest(path) == first  # untouched
    replaced = runner.invoke(args=["backup", str(path), "--force"])
    assert replaced.exit_code == 0, replaced.output
    assert "mutual_case 2," in replaced.output

    restore = spare_app.test_cli_runner()
    assert restore.invoke(args=["restore", str(path)]).exit_code == 0
    spare = engine_of(spare_app)
    with Session(spare) as other:  # a case entered on the restored database
        add_signed_case(other, other.get(User, ec.id), 3)
    refused = restore.invoke(args=["restore", str(path)])
    assert refused.exit_code == 1 and "already holds 3 cases" in refused.output
    assert counts(spare)["mutual_case"] == 3
    forced = restore.invoke(args=["restore", str(path), "--force"])
    assert forced.exit_code == 0 and "Restore verified" in forced.output, forced.output
    assert counts(spare)["mutual_case"] == 2

    tampered = tmp_path / "tampered.backup"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit of one byte
    tampered.write_bytes(bytes(data))
    manifest = json.loads(path.with_name(path.name + ".json").read_text())
    tampered.with_name(tampered.name + ".json").write_text(json.dumps(manifest))
    changed = restore.invoke(args=["restore", str(tampered), "--force"])
    assert changed.exit_code == 1 and "has changed since it was written" in changed.output
    assert counts(spare)["mutual_case"] == 2

    # The file intact but the manifest expects another document: restored, then found out.
    first_id = sorted(manifest["documents"])[0]
    manifest["documents"][first_id] = "0" * 64
    path.with_name(path.name + ".json").write_text(json.dumps(manifest))
    differs = restore.invoke(args=["restore", str(path), "--force"])
    assert differs.exit_code == 1, differs.output
    mismatch = (
        f"MISMATCH: signed documents with the same SHA-256: 1; different or missing: {first_id}"
    )
    assert mismatch in differs.output
    assert "does not match the backup's manifest" in differs.output
    assert "Restore verified" not in differs.output


def test_a_restore_needs_the_manifest_and_a_backup_needs_its_folder(app, spare_app, tmp_path):
    path = tmp_path / "tandem.backup"
    missing = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "nope" / "x.backup")])
    assert missing.exit_code == 1 and "does not exist" in missing.output
    assert app.test_cli_runner().invoke(args=["backup", str(path)]).exit_code == 0
    path.with_name(path.name + ".json").unlink()
    result = spare_app.test_cli_runner().invoke(args=["restore", str(path)])
    assert result.exit_code == 1 and "without it the restore cannot be checked" in result.output


@pytest.mark.pure
def test_the_password_reaches_pg_dump_in_its_environment_never_in_its_arguments(monkeypatch):
    seen: dict[str, Any] = {}

    def fake_run(args: list[str], env: dict[str, str], **_: Any) -> Any:
        seen.update(args=args, env=env)
        return subprocess.CompletedProcess(args, 1, "", "pg_dump: error: connection failed")

    monkeypatch.setattr(pg_tools.subprocess, "run", fake_run)
    url = make_url(
        "postgresql+psycopg://tandem:s3cret%20pw@db.example.org:5433/tandem?sslmode=require"
    )
    with pytest.raises(pg_tools.ToolFailed) as failed:
        pg_tools.run("/usr/bin/pg_dump", ["--format=custom"], url)
    assert "s3cret" not in " ".join(seen["args"]) and "s3cret" not in str(failed.value)
    assert "--no-password" in seen["args"]  # never waits for a prompt
    env = seen["env"]
    assert (env["PGPASSWORD"], env["PGHOST"], env["PGPORT"]) == (
        "s3cret pw",
        "db.example.org",
        "5433",
    )
    assert (env["PGUSER"], env["PGDATABASE"], env["PGSSLMODE"]) == ("tandem", "tandem", "require")


def test_the_fault_injection_hook_acts_only_in_a_test_app(make_app, monkeypatch):
    paused: list[float] = []
    monkeypatch.setattr(fault_injection.time, "sleep", paused.append)
    monkeypatch.setenv(fault_injection.ENV, "sign-before-commit")
    with make_app(TESTING=False).app_context():  # what production runs with
        fault_injection.pause("sign-before-commit")
    assert paused == []
    with make_app().app_context():
        fault_injection.pause("sign-after-commit")  # another point: not this one
        assert paused == []
        fault_injection.pause("sign-before-commit")
    assert paused == [fault_injection.PAUSE_SECONDS]


def backup_audit_rows(app: Flask) -> int:
    with engine_of(app).connect() as conn:
        found = select(func.count()).where(AuditEvent.action == "database_backup")
        return conn.scalar(found) or 0


def test_the_backups_audit_row_waits_for_a_busy_database_or_says_it_was_not_written(
    app, db, tmp_path, monkeypatch
):
    if PG_URL:
        pytest.skip("SQLite's write lock")
    from blueprints import backup_cli

    runner = app.test_cli_runner()
    monkeypatch.setattr(backup_cli, "AUDIT_WAIT_MS", 5_000)
    holder = hold_write_lock(app, 1.0)
    waited = runner.invoke(args=["backup", str(tmp_path / "a.backup")])
    holder.join()
    assert waited.exit_code == 0, waited.output
    assert backup_audit_rows(app) == 1

    monkeypatch.setattr(backup_cli, "AUDIT_WAIT_MS", 200)
    holder = hold_write_lock(app, 1.5)
    refused = runner.invoke(args=["backup", str(tmp_path / "b.backup")])
    holder.join()
    assert refused.exit_code == 1 and refused.exception.__class__ is SystemExit
    assert "Backup written" in refused.output
    assert "The backup above is done, but its audit row could not be written" in refused.output
    assert "database is locked" in refused.output
    assert backup_audit_rows(app) == 1
    with engine_of(app).connect() as conn:  # the pool's connections wait as the app's do
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
