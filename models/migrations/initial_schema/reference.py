"""Revision 0001, part: counties, offices, holiday calendars, regional contacts, staff accounts and sessions. Frozen: never edited after release."""

import sqlalchemy as sa
from alembic import op


def upgrade() -> None:
    op.create_table('county_profile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('cw_division_label', sa.String(length=16), nullable=False),
    sa.Column('wtw_program_label', sa.String(length=16), nullable=False),
    sa.Column('specialist_title', sa.String(length=40), nullable=False),
    sa.Column('uses_1811', sa.Boolean(), nullable=False),
    sa.Column('forms', sa.String(length=200), nullable=False),
    sa.Column('imaging_system', sa.String(length=20), nullable=False),
    sa.Column('offers_fsp', sa.Boolean(), nullable=False),
    sa.Column('offers_bfh', sa.Boolean(), nullable=False),
    sa.Column('meeting_anchor', sa.String(length=16), nullable=False),
    sa.Column('meeting_deadline_applies', sa.Boolean(), nullable=False),
    sa.Column('age_six_change_rule', sa.String(length=16), nullable=False),
    sa.Column('weeks_per_month', sa.Numeric(precision=4, scale=2), nullable=False),
    sa.Column('day20_roll_forward', sa.Boolean(), nullable=False),
    sa.Column('da_review_months', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_county_profile')),
    sa.UniqueConstraint('code', name=op.f('uq_county_profile_code'))
    )
    op.create_table('holiday',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('calendar', sa.Enum('court', 'state', name='holidaycalendar', native_enum=False, length=16), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('source', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_holiday')),
    sa.UniqueConstraint('calendar', 'day', name='calendar_day')
    )
    op.create_table('holiday_override',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['county_id'], ['county_profile.id'], name=op.f('fk_holiday_override_county_id_county_profile')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_holiday_override')),
    sa.UniqueConstraint('county_id', 'day', name='county_day')
    )
    with op.batch_alter_table('holiday_override', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_holiday_override_county_id'), ['county_id'], unique=False)

    op.create_table('office',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['county_id'], ['county_profile.id'], name=op.f('fk_office_county_id_county_profile')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office'))
    )
    with op.batch_alter_table('office', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_office_county_id'), ['county_id'], unique=False)

    op.create_table('regional_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_regional_contact_office_id_office')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regional_contact'))
    )
    with op.batch_alter_table('regional_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regional_contact_office_id'), ['office_id'], unique=False)

    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.Enum('ec', 'supervisor', 'admin', name='role', native_enum=False, length=16), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('office_id', sa.Integer(), nullable=True),
    sa.Column('supervisor_id', sa.Integer(), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['county_id'], ['county_profile.id'], name=op.f('fk_user_account_county_id_county_profile')),
    sa.ForeignKeyConstraint(['office_id'], ['office.id'], name=op.f('fk_user_account_office_id_office')),
    sa.ForeignKeyConstraint(['supervisor_id'], ['user_account.id'], name=op.f('fk_user_account_supervisor_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('email', name=op.f('uq_user_account_email'))
    )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_account_county_id'), ['county_id'], unique=False)

    op.create_table('user_session',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('renewals', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_user_session_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_session'))
    )
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_session_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_session_user_id'))

    op.drop_table('user_session')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_account_county_id'))

    op.drop_table('user_account')
    with op.batch_alter_table('regional_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regional_contact_office_id'))

    op.drop_table('regional_contact')
    with op.batch_alter_table('office', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_office_county_id'))

    op.drop_table('office')
    with op.batch_alter_table('holiday_override', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_holiday_override_county_id'))

    op.drop_table('holiday_override')
    op.drop_table('holiday')
    op.drop_table('county_profile')
