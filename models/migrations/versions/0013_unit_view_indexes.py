"""Indexes for the supervisor's view of the unit (issue 15)

Measured on a 100,000-case county (seed-bench, plus 10 contacts and 20 history rows a case):
the reassignments of the last 30 days read every history row of the unit without
(action, at) (a 2,400-case unit's list: 489 ms, 39 ms with it); "no contact for 30 days" reads
each case's contacts without (case_id, contact_on); sanctions waiting for review are found
from the episodes by status instead of from every case (the county-wide page: 1,455 ms before,
603 ms after; the navigation's "Sanctions to review" count uses the status index too).
Plain CREATE INDEX, no table rebuild: case_event keeps its append-only triggers.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 21:00:00
"""
from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_case_event_action_at', 'case_event', ['action', 'at'], unique=False)
    op.create_index('ix_sw_contact_case_on', 'sw_contact', ['case_id', 'contact_on'], unique=False)
    op.create_index(
        op.f('ix_noncompliance_episode_status'), 'noncompliance_episode', ['status'], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_noncompliance_episode_status'), table_name='noncompliance_episode')
    op.drop_index('ix_sw_contact_case_on', table_name='sw_contact')
    op.drop_index('ix_case_event_action_at', table_name='case_event')
