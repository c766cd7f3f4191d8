"""`flask grant-app-role NAME` (PostgreSQL): the privileges the running application needs and no
more on the audit trail and the case history — no UPDATE, DELETE or TRUNCATE there (AU-9,
security.md 36). Migrations run as the owner; gunicorn connects as NAME. The role itself (with its
password) is created by the database administrator."""

from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import text

from models.db import engine

APPEND_ONLY = ("audit_event", "case_event")


def grant_statements(role: str) -> list[str]:
    quoted = '"' + role.replace('"', '""') + '"'
    return [
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
        *(f"REVOKE UPDATE, DELETE, TRUNCATE ON {t} FROM {quoted}" for t in APPEND_ONLY),
        f"REVOKE ALL ON alembic_version FROM {quoted}",
        f"GRANT SELECT ON alembic_version TO {quoted}",
    ]


def register_db_role(app: Flask) -> None:
    @app.cli.command("grant-app-role")
    @click.argument("role")
    @click.option("--print-only", is_flag=True, help="Print the SQL instead of running it.")
    def grant_app_role_command(role: str, print_only: bool) -> None:
        """Give ROLE what the app needs; the audit trail stays append-only for it."""
        statements = grant_statements(role)
        if print_only:
            click.echo(";\n".join(statements) + ";")
            return
        if engine().dialect.name != "postgresql":
            raise click.ClickException(
                "Roles exist on PostgreSQL only; on SQLite the triggers keep the audit trail "
                "append-only."
            )
        with engine().begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
        click.echo(
            f"{role} may read and write the app's tables; not UPDATE, DELETE or TRUNCATE "
            f"on {', '.join(APPEND_ONLY)}. Run it again after each migration."
        )
