"""Working days a notice to the social worker may wait for the EC's review: a county setting

Until now a constant (2). The held notices become due items (`sw_message_held`): `init-db`
counts them for the cases that already hold some (blueprints/due_cli.fill_held_messages), so
an upgraded database lists them at once.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 00:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('county_profile', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('sw_message_hold_days', sa.Integer(), nullable=False, server_default='2')
        )


def downgrade() -> None:
    op.execute("DELETE FROM due_item WHERE kind = 'sw_message_held'")
    with op.batch_alter_table('county_profile', schema=None) as batch_op:
        batch_op.drop_column('sw_message_hold_days')
