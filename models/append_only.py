"""Tables the database itself refuses to change or delete rows of (AU-9, security.md 36):
the audit trail and the case history. The migrations keep frozen copies of these statements.

SQLite: UPDATE and DELETE abort, and so does an INSERT onto an existing id (INSERT OR REPLACE
would otherwise delete the old row without firing the DELETE trigger). PostgreSQL: UPDATE, DELETE
and TRUNCATE raise; the application's own role should also lack those privileges (README).
"""

from __future__ import annotations

from sqlalchemy import DDL, Table, event


def statements(table: str, dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [
            f"""CREATE TRIGGER {table}_no_{what} BEFORE {what.upper()} ON {table}
       BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""  # nosec B608
            for what in ("update", "delete")
        ] + [replace_guard(table)]
    return [
        f"""CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '{table} is append-only'; END; $$ LANGUAGE plpgsql""",
        f"""CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
       FOR EACH ROW EXECUTE FUNCTION {table}_append_only()""",
        truncate_guard(table),
    ]


def replace_guard(table: str) -> str:
    """SQLite: refuse an INSERT onto an id that exists (INSERT OR REPLACE)."""
    # The table name is one of our constants, never input; DDL takes no bind parameters.
    return f"""CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table}
       WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""  # nosec B608


def truncate_guard(table: str) -> str:
    """PostgreSQL: refuse TRUNCATE, which row triggers do not see."""
    return f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
       FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"""


def guard(table: Table) -> None:
    """Create the triggers whenever ``table`` is created (tests that build from the models)."""
    for dialect in ("sqlite", "postgresql"):
        for sql in statements(table.name, dialect):
            event.listen(table, "after_create", DDL(sql).execute_if(dialect=dialect))
