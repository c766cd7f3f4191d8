"""`flask backup` and `flask restore` (security.md 41): a copy made while the app keeps writing,
and a restore that is proven, not assumed.

SQLite: the online backup API copies the live database in one step (a read snapshot; in WAL
mode writers carry on), never a file copy, which can be torn mid-write and misses the WAL.
PostgreSQL: pg_dump (models/operations/pg_tools.py). Each backup gets a manifest beside it
(PATH.json): the file's size and SHA-256, the row count of every table, a digest of the audit
trail and the SHA-256 of every signed document. A restore refuses a file that no longer matches
its manifest, then reads the restored database and compares every figure.

A backup is written to a private temporary file (0600: it holds client details) in the same
folder, flushed to disk, then renamed into place: a crash leaves no half backup under PATH.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import NullPool

from models.base import utcnow
from models.operations import pg_tools
from models.queries.backup_facts import Facts, cases_in, read_facts

MANIFEST_FORMAT = 1


class BackupError(Exception):
    """The backup or restore was not made, or does not check out; the message says why and
    what was left as it was."""


@dataclass
class Written:
    path: Path
    manifest: Path
    size: int
    sha256: str
    facts: Facts
    check: str  # "SQLite integrity_check: ok", or what pg_restore read of the archive


@dataclass
class Check:
    label: str
    expected: str
    found: str
    ok: bool


@dataclass
class Restored:
    checks: list[Check]
    facts: Facts
    note: str  # how the copy was applied

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def backup(engine: Engine, path: Path, *, force: bool = False) -> Written:
    """Copy the database to `path` and write the manifest beside it. Refuses to replace an
    existing backup or manifest unless `force`."""
    path = Path(path)
    manifest = manifest_path(path)
    for existing in (path, manifest):
        if existing.exists() and not force:
            raise BackupError(
                f"{existing} already exists. Nothing was written: choose another name, or "
                "pass --force to replace it."
            )
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist. Nothing was written.")
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    os.close(fd)
    partial = Path(name)
    try:
        if engine.dialect.name == "sqlite":
            facts, check = _sqlite_backup(engine, partial)
        else:
            facts, check = pg_tools.dump(engine, partial)
        size, digest = file_digest(partial)
        _sync(partial)
        os.replace(partial, path)
    except (pg_tools.ToolFailed, sqlite3.Error, OSError) as exc:
        raise BackupError(f"The backup failed: {exc}. Nothing was written.") from exc
    finally:
        partial.unlink(missing_ok=True)
    _write_manifest(
        manifest,
        {
            "format": MANIFEST_FORMAT,
            "database": engine.dialect.name,
            "created_at": utcnow().isoformat(),
            "file": path.name,
            "size": size,
            "sha256": digest,
            **facts.to_json(),
        },
    )
    _sync(path.parent)
    return Written(path, manifest, size, digest, facts, check)


def restore(engine: Engine, path: Path, *, force: bool = False) -> Restored:
    """Restore `path` into the engine's database after checking it against its manifest, then
    compare the restored database with the manifest. Refuses a database that holds cases
    unless `force` (they would be replaced)."""
    path = Path(path)
    manifest = read_manifest(path)
    if manifest.get("database") != engine.dialect.name:
        raise BackupError(
            f"{path} is a {manifest.get('database')} backup; the configured database is "
            f"{engine.dialect.name}. Nothing was restored."
        )
    size, digest = file_digest(path)
    if (size, digest) != (manifest.get("size"), manifest.get("sha256")):
        raise BackupError(
            f"{path} has changed since it was written: SHA-256 {digest} ({size} bytes), the "
            f"manifest says {manifest.get('sha256')} ({manifest.get('size')} bytes). It is "
            "damaged or was altered. Nothing was restored."
        )
    expected = Facts.from_json(manifest)
    with engine.connect() as conn:
        cases = cases_in(conn)
    if cases and not force:
        raise BackupError(
            f"The configured database already holds {cases} cases; a restore would replace "
            "them. Nothing was restored: restore into an empty database, or pass --force."
        )
    engine.dispose()  # no pooled connection may keep reading the database being replaced
    checks: list[Check] = []
    try:
        if engine.dialect.name == "sqlite":
            note, integrity = _sqlite_restore(engine, path)
            checks.append(Check("SQLite integrity_check", "ok", integrity, integrity == "ok"))
        else:
            note = pg_tools.restore(engine, path)
    except (pg_tools.ToolFailed, sqlite3.Error, OSError) as exc:
        # Both copy in one transaction on the target: a failure leaves it as it was.
        raise BackupError(f"The restore failed: {exc}. The database was left as it was.") from exc
    engine.dispose()
    with engine.connect() as conn:
        found = read_facts(conn)
    return Restored(compare(expected, found) + checks, found, note)


def compare(expected: Facts, found: Facts) -> list[Check]:
    """Every figure of the manifest against the restored database."""
    checks = [
        Check(
            f"rows in {name}",
            str(expected.counts.get(name, "no table")),
            str(found.counts.get(name, "no table")),
            expected.counts.get(name) == found.counts.get(name),
        )
        for name in sorted(expected.counts.keys() | found.counts.keys())
    ]
    checks.append(
        Check(
            "audit trail SHA-256",
            expected.audit_sha256,
            found.audit_sha256,
            expected.audit_sha256 == found.audit_sha256,
        )
    )
    same = [d for d, h in expected.documents.items() if found.documents.get(d) == h]
    wrong = sorted(expected.documents.keys() - set(same))
    extra = sorted(found.documents.keys() - expected.documents.keys())
    detail = "".join(
        [
            f"; different or missing: {', '.join(wrong[:10])}" if wrong else "",
            f"; not in the backup: {', '.join(extra[:10])}" if extra else "",
        ]
    )
    checks.append(
        Check(
            "signed documents with the same SHA-256",
            str(len(expected.documents)),
            f"{len(same)}{detail}",
            not wrong and not extra,
        )
    )
    checks.append(
        Check("schema revision", expected.schema, found.schema, expected.schema == found.schema)
    )
    return checks


def read_manifest(path: Path) -> dict[str, Any]:
    manifest = manifest_path(Path(path))
    if not Path(path).is_file():
        raise BackupError(f"{path} does not exist. Nothing was restored.")
    try:
        data = json.loads(manifest.read_text())
        Facts.from_json(data)
    except FileNotFoundError as exc:
        raise BackupError(
            f"{manifest} is missing: without it the restore cannot be checked. Nothing was "
            "restored."
        ) from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BackupError(f"{manifest} cannot be read ({exc}). Nothing was restored.") from exc
    if data.get("format") != MANIFEST_FORMAT:
        raise BackupError(f"{manifest} has an unknown format. Nothing was restored.")
    return data


def file_digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def integrity(conn: sqlite3.Connection) -> str:
    """PRAGMA integrity_check: "ok", or the problems it lists."""
    return "; ".join(str(row[0]) for row in conn.execute("PRAGMA integrity_check"))


def _sqlite_file(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("Only a SQLite database in a file can be backed up or restored.")
    return Path(database)


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)


def _sqlite_backup(engine: Engine, partial: Path) -> tuple[Facts, str]:
    _sqlite_file(engine)
    source = engine.raw_connection()  # with the app's pragmas (busy_timeout, WAL)
    try:
        copy = sqlite3.connect(partial)
        try:
            # pages=-1: the whole database in one step, from one read snapshot. In steps, a
            # write by another connection between steps would restart the copy.
            source.driver_connection.backup(copy, pages=-1)  # type: ignore[union-attr]
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
            check = integrity(copy)
        finally:
            copy.close()
    finally:
        source.close()
    if check != "ok":
        raise BackupError(f"The copy failed PRAGMA integrity_check: {check}. Nothing was written.")
    reader = create_engine("sqlite://", creator=lambda: _read_only(partial), poolclass=NullPool)
    try:
        with reader.connect() as conn:
            facts = read_facts(conn)
    finally:
        reader.dispose()
    return facts, "SQLite integrity_check: ok"


def _sqlite_restore(engine: Engine, path: Path) -> tuple[str, str]:
    target = _sqlite_file(engine)
    source = _read_only(path)
    try:
        check = integrity(source)
        if check != "ok":
            raise BackupError(
                f"{path} fails PRAGMA integrity_check: {check}. Nothing was restored."
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        into = sqlite3.connect(target, timeout=30)
        try:
            source.backup(into, pages=-1)  # replaces every page of the target in one step
            result = integrity(into)
        finally:
            into.close()
    finally:
        source.close()
    return f"copied into {target} with the SQLite backup API", result


def _write_manifest(path: Path, data: dict[str, Any]) -> None:
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(partial, path)


def _sync(path: Path) -> None:
    """fsync a file or a folder (a rename is durable once its folder is synced)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
