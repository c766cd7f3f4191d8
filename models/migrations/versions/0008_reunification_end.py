"""Family reunification services end: the day and why (children home, or the period ran out)

``end_on`` keeps the planned last day (AB 429: removal + 180 days; AB 135: the sixth full month),
so the page can show both the plan and what happened; ``ended_on`` and ``end_reason`` say that
the EC ended the services and why (R-FR-04, R-FR-07, R-CL-07).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reunification_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ended_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('end_reason', sa.String(length=24), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('reunification_record', schema=None) as batch_op:
        batch_op.drop_column('end_reason')
        batch_op.drop_column('ended_on')
