"""What a backup is checked against (security.md 41): the row count of every table, a digest of
the audit trail, and the SHA-256 of every signed document's bytes.

Read on one connection inside one snapshot (the backup's copy, or the transaction that exported
pg_dump's snapshot), so the numbers describe exactly what was copied even while the app keeps
writing. Read-only; the same reading of a restored database must give the same facts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, inspect, select, table, text

from models.audit import AuditEvent
from models.base import as_utc
from models.signing import SignedDocument

# Printed after a backup and a restore; the manifest counts every table.
KEY_TABLES = ("mutual_case", "audit_event", "signed_document")


@dataclass
class Facts:
    """Counts and hashes of one database snapshot, as written to the manifest."""

    counts: dict[str, int]
    audit_sha256: str
    documents: dict[str, str]  # document id → SHA-256 of the stored PDF bytes
    # Documents with no bytes, or bytes that do not hash to their recorded SHA-256.
    damaged: list[str] = field(default_factory=list)
    schema: str = ""  # the Alembic revision

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": self.counts,
            "audit_sha256": self.audit_sha256,
            "documents": self.documents,
            "damaged_documents": self.damaged,
            "schema": self.schema,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Facts:
        return cls(
            counts={str(k): int(v) for k, v in data["counts"].items()},
            audit_sha256=str(data["audit_sha256"]),
            documents={str(k): str(v) for k, v in data["documents"].items()},
            damaged=[str(d) for d in data.get("damaged_documents", [])],
            schema=str(data.get("schema", "")),
        )


def read_facts(conn: Connection) -> Facts:
    names = set(inspect(conn).get_table_names())
    counts = {
        name: int(conn.execute(select(func.count()).select_from(table(name))).scalar_one())
        for name in sorted(names)
    }
    documents, damaged = _documents(conn) if "signed_document" in names else ({}, [])
    return Facts(
        counts=counts,
        audit_sha256=_audit_digest(conn) if "audit_event" in names else _EMPTY,
        documents=documents,
        damaged=damaged,
        schema=_schema(conn) if "alembic_version" in names else "",
    )


def cases_in(conn: Connection) -> int:
    """How many cases the database holds (0 when it has no tables yet)."""
    if not inspect(conn).has_table("mutual_case"):
        return 0
    return int(conn.execute(select(func.count()).select_from(table("mutual_case"))).scalar_one())


_EMPTY = hashlib.sha256(b"").hexdigest()


def _plain(value: Any) -> Any:
    # SQLite hands back naive UTC datetimes, PostgreSQL aware ones: one spelling for both.
    return as_utc(value).isoformat() if isinstance(value, datetime) else value


def _audit_digest(conn: Connection) -> str:
    """SHA-256 over every audit row, every column, in id order: equal digests, equal trails."""
    audit = AuditEvent.__table__
    digest = hashlib.sha256()
    query = select(audit).order_by(audit.c.id).execution_options(yield_per=1000)
    for row in conn.execute(query):
        line = json.dumps([_plain(v) for v in row], default=str, ensure_ascii=True)
        digest.update(line.encode() + b"\n")
    return digest.hexdigest()


def _documents(conn: Connection) -> tuple[dict[str, str], list[str]]:
    docs = SignedDocument.__table__
    found: dict[str, str] = {}
    damaged: list[str] = []
    query = select(docs.c.document_id, docs.c.pdf, docs.c.sha256).order_by(docs.c.id)
    for document_id, pdf, recorded in conn.execute(query.execution_options(yield_per=20)):
        digest = hashlib.sha256(pdf or b"").hexdigest()
        found[document_id] = digest
        if not pdf or digest != recorded:
            damaged.append(document_id)
    return found, damaged


def _schema(conn: Connection) -> str:
    return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar() or "")
