"""Calendar: the client's calendar entries, each EC's private iCalendar feed, and the county
setting for client names in feed titles (issue 15)

``calendar_entry`` holds what no other table has (visitation, CFT and FUP meetings, a hearing's
time, WTW appointments); ``calendar_feed`` keeps only SHA-256 of each feed token;
``county_profile.feed_client_names`` is off for every county until it decides otherwise.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 20:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('calendar_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('agency', sa.String(length=8), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=True),
    sa.Column('ends_at', sa.Time(), nullable=True),
    sa.Column('repeats_weekly', sa.Boolean(), nullable=False),
    sa.Column('repeat_until', sa.Date(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_calendar_entry_case_id_mutual_case'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_calendar_entry_recorded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_entry'))
    )
    with op.batch_alter_table('calendar_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_entry_case_id'), ['case_id'], unique=False)

    op.create_table('calendar_feed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_calendar_feed_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feed')),
    sa.UniqueConstraint('token_sha256', name=op.f('uq_calendar_feed_token_sha256'))
    )
    with op.batch_alter_table('calendar_feed', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_feed_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('county_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feed_client_names', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('county_profile', schema=None) as batch_op:
        batch_op.drop_column('feed_client_names')

    with op.batch_alter_table('calendar_feed', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_feed_user_id'))
    op.drop_table('calendar_feed')

    with op.batch_alter_table('calendar_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_entry_case_id'))
    op.drop_table('calendar_entry')
