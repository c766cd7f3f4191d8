"""Due items: what is due on each case, stored so the caseload filters and pages in SQL (issue 14)

``due_item`` holds one row per thing due on a case (policy.due), kept current by the operations
that change a case; ``mutual_case`` gets the indexes a supervisor's and an EC's caseload need.
Existing cases get their due items from `flask init-db` (it fills an empty table after
upgrading) or `flask refresh-due-items`: a migration does not import the application's rules,
which change after it is written.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-10 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('due_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('problem', sa.Text(), nullable=False),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_due_item_case_id_mutual_case'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_due_item')),
    sa.UniqueConstraint('case_id', 'kind', 'ref', name='due_item_case_kind_ref')
    )
    with op.batch_alter_table('due_item', schema=None) as batch_op:
        batch_op.create_index('ix_due_item_case_open_due', ['case_id', 'resolved', 'due_on'], unique=False)
        batch_op.create_index('ix_due_item_open_due', ['resolved', 'due_on'], unique=False)

    with op.batch_alter_table('mutual_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mutual_case_supervisor_id'), ['supervisor_id'], unique=False)
        batch_op.create_index('ix_mutual_case_county_worker', ['county_id', 'assigned_worker_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mutual_case', schema=None) as batch_op:
        batch_op.drop_index('ix_mutual_case_county_worker')
        batch_op.drop_index(batch_op.f('ix_mutual_case_supervisor_id'))

    with op.batch_alter_table('due_item', schema=None) as batch_op:
        batch_op.drop_index('ix_due_item_open_due')
        batch_op.drop_index('ix_due_item_case_open_due')

    op.drop_table('due_item')
