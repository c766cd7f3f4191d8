"""A county's settings carry a version: two administrators saving at the same instant

The County settings page refused a save when the settings had changed since the page was shown,
but two saves pressed in the same instant could both pass that check and the second silently
replaced the first. Each save now moves the version from the one it read to the next in one
conditional UPDATE (models/operations/county_settings.change_settings): the second finds no row
and is shown what the first set.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 09:30:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('county_profile', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('settings_version', sa.Integer(), nullable=False, server_default='1')
        )


def downgrade() -> None:
    with op.batch_alter_table('county_profile', schema=None) as batch_op:
        batch_op.drop_column('settings_version')
