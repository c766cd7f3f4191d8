"""`flask grant-app-role` (PostgreSQL): the application's own role cannot rewrite the audit trail
(issue 12: the app's role could UPDATE/DELETE it, and TRUNCATE was not covered)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from tests.helpers import PG_URL


def test_the_sql_can_be_printed_for_the_administrator(app):
    result = app.test_cli_runner().invoke(args=["grant-app-role", "tandem_app", "--print-only"])
    assert result.exit_code == 0
    assert 'REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM "tandem_app";' in result.output


@pytest.mark.skipif(not PG_URL, reason="roles exist on PostgreSQL only")
def test_the_app_role_can_write_but_not_rewrite_the_audit_trail(app, db):
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text("DROP ROLE IF EXISTS tandem_app_test"))
        conn.execute(text("CREATE ROLE tandem_app_test LOGIN"))
    try:
        result = app.test_cli_runner().invoke(args=["grant-app-role", "tandem_app_test"])
        assert result.exit_code == 0, result.output
        as_app = create_engine(PG_URL.replace("//tandem@", "//tandem_app_test@"))
        with as_app.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO audit_event (at, action, outcome, object_type, "
                    "object_id, ip, request_id, detail) VALUES (now(), 'login', "
                    "'ok', '', '', '', '', '{}')"
                )
            )
        for statement in (
            "UPDATE audit_event SET outcome = 'x'",
            "DELETE FROM case_event",
            "TRUNCATE audit_event",
        ):
            with pytest.raises(ProgrammingError, match="permission denied"):
                with as_app.begin() as conn:
                    conn.execute(text(statement))
        as_app.dispose()
    finally:
        with admin.begin() as conn:
            conn.execute(text("DROP OWNED BY tandem_app_test"))
            conn.execute(text("DROP ROLE tandem_app_test"))
        admin.dispose()
