"""Noncompliance: the EC's word that an exemption existed during the period (R-EX-12), and when and how the compliance plan was agreed (R-NC-05, R-NC-06)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('noncompliance_episode', schema=None) as batch_op:
        batch_op.add_column(sa.Column('exempt_during_period', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('compliance_plan_agreed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('compliance_plan_by_phone', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('noncompliance_episode', schema=None) as batch_op:
        batch_op.drop_column('compliance_plan_by_phone')
        batch_op.drop_column('compliance_plan_agreed_on')
        batch_op.drop_column('exempt_during_period')
