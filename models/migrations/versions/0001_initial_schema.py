"""initial schema: every table of the mission, and the append-only guard on audit_event

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 07:25:11.293302
"""
from alembic import op

from models.migrations.initial_schema import cases, plans, reference, tracking

# Frozen copies of models/audit.py's guards: a migration must not change when the models do.
AUDIT_GUARD_SQLITE = [
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
       BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
       BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
]
AUDIT_GUARD_POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit_event is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
       FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
]


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

PARTS = (reference, cases, plans, tracking)


def upgrade() -> None:
    # One module per area, created in foreign-key order and dropped in reverse.
    for part in PARTS:
        part.upgrade()

    # AU-9: the database refuses UPDATE/DELETE on audit rows.
    guard = AUDIT_GUARD_SQLITE if op.get_bind().dialect.name == "sqlite" else AUDIT_GUARD_POSTGRESQL
    for statement in guard:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")
    for part in reversed(PARTS):
        part.downgrade()
