"""Outbox states for the notices to the social worker (issue 15)

A notice is written "held" with the change it reports and released by the EC; send-outbox
claims, retries and fails messages by state. Existing rows (share-link e-mails) become
"sent" when they were sent, "cancelled" when their body was blanked unsent (link expired or
withdrawn), and "queued" otherwise.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 20:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=32), server_default='other', nullable=False))
        batch_op.add_column(sa.Column('state', sa.String(length=16), server_default='queued', nullable=False))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claim_token', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('cancel_reason', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('released_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('released_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_outbox_message_released_by_id_user_account'), 'user_account', ['released_by_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_outbox_message_state'), ['state'], unique=False)
    # Every message before this revision was a share-link e-mail.
    op.execute("UPDATE outbox_message SET kind = 'share_link'")
    op.execute("UPDATE outbox_message SET state = 'sent' WHERE sent_at IS NOT NULL")
    op.execute("UPDATE outbox_message SET state = 'cancelled', cancel_reason = error WHERE sent_at IS NULL AND body = ''")


def downgrade() -> None:
    # The old sender sends every unsent row with a body: one the EC never released must not go.
    op.execute("UPDATE outbox_message SET body = '', error = 'not released before the downgrade' WHERE sent_at IS NULL AND state IN ('held', 'cancelled', 'failed')")
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_state'))
        batch_op.drop_constraint(batch_op.f('fk_outbox_message_released_by_id_user_account'), type_='foreignkey')
        batch_op.drop_column('released_by_id')
        batch_op.drop_column('released_at')
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('claimed_at')
        batch_op.drop_column('claim_token')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('attempts')
        batch_op.drop_column('state')
        batch_op.drop_column('kind')
