"""Tables the database itself refuses to change or delete rows of (AU-9, security.md 36):
the audit trail and the case history. The migrations keep frozen copies of these statements."""

from __future__ import annotations

from sqlalchemy import DDL, Table, event


def statements(table: str, dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [
            f"""CREATE TRIGGER {table}_no_{what} BEFORE {what.upper()} ON {table}
       BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
            for what in ("update", "delete")
        ]
    return [
        f"""CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '{table} is append-only'; END; $$ LANGUAGE plpgsql""",
        f"""CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
       FOR EACH ROW EXECUTE FUNCTION {table}_append_only()""",
    ]


def guard(table: Table) -> None:
    """Create the triggers whenever ``table`` is created (tests that build from the models)."""
    for dialect in ("sqlite", "postgresql"):
        for sql in statements(table.name, dialect):
            event.listen(table, "after_create", DDL(sql).execute_if(dialect=dialect))
