"""Reopening a case closed by mistake: the stage it closed from; links that ended with the case

``mutual_case.closing_from`` keeps the stage a case was in when closing started, so a supervisor
who reopens it puts it back there. ``share_link.ended_with_case_at`` marks the social worker's
links that were working when the case closed: they stay ended if the case is reopened.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('mutual_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closing_from', sa.String(length=32), nullable=True))

    with op.batch_alter_table('share_link', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ended_with_case_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('share_link', schema=None) as batch_op:
        batch_op.drop_column('ended_with_case_at')

    with op.batch_alter_table('mutual_case', schema=None) as batch_op:
        batch_op.drop_column('closing_from')
