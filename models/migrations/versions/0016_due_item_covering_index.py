"""The open-items-by-date index carries the case id (issue 14)

"Overdue" and "Due this week" across a unit or a county read the ids of cases with an open item
in a date range. With (resolved, due_on) alone, each of the county's overdue items (11,000 in the
100k-case bench county) is looked up in the table for its case id; with case_id in the index the
ids come from the index alone: a 2,400-case unit's "Overdue" count and page went from 17 + 12 ms
to 6 + 4 ms on SQLite. Plain CREATE INDEX, then the old index is dropped.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 22:00:00
"""
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        'ix_due_item_open_due_case', 'due_item', ['resolved', 'due_on', 'case_id'], unique=False
    )
    op.drop_index('ix_due_item_open_due', table_name='due_item')


def downgrade() -> None:
    op.create_index('ix_due_item_open_due', 'due_item', ['resolved', 'due_on'], unique=False)
    op.drop_index('ix_due_item_open_due_case', table_name='due_item')
