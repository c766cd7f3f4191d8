"""One weekly digest per supervisor, enforced by the database (issue 15's leftover)

`send-digest` checks for this week's message before queueing one; two runs at the same moment
could both find none. A unique index on (to_address, subject) for digests only closes that. A
database that already holds such twins keeps them all: each later twin's subject gets
" (duplicate <id>)", so the index can be built and no message is lost.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 00:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

DIGEST_ONLY = "kind = 'digest'"


def upgrade() -> None:
    op.execute(
        """
        UPDATE outbox_message SET subject = subject || ' (duplicate ' || id || ')'
        WHERE kind = 'digest' AND id NOT IN (
            SELECT MIN(id) FROM outbox_message WHERE kind = 'digest'
            GROUP BY to_address, subject
        )
        """
    )
    op.create_index(
        'uq_outbox_digest_week',
        'outbox_message',
        ['to_address', 'subject'],
        unique=True,
        sqlite_where=sa.text(DIGEST_ONLY),
        postgresql_where=sa.text(DIGEST_ONLY),
    )


def downgrade() -> None:
    op.drop_index('uq_outbox_digest_week', table_name='outbox_message')
