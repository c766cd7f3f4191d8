"""Revision 0001, part: the parent, household and children, the social worker, the child-welfare case and the mutual case. Frozen: never edited after release."""

import sqlalchemy as sa
from alembic import op


def upgrade() -> None:
    op.create_table('participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=80), nullable=False),
    sa.Column('last_name', sa.String(length=80), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('preferred_language', sa.String(length=8), nullable=False),
    sa.Column('calworks_case_number', sa.String(length=20), nullable=False),
    sa.Column('calworks_status', sa.Enum('pending', 'active', 'discontinued', name='calworksstatus', native_enum=False, length=32), nullable=False),
    sa.Column('wtw_status', sa.Enum('mandatory', 'exempt', 'exempt_volunteer', 'good_cause', 'noncompliance', 'compliance_plan', 'sanctioned', 'cure_plan', 'fr_services_only', 'family_stabilization', name='wtwstatus', native_enum=False, length=32), nullable=False),
    sa.Column('toa_months_used', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('address_suppressed', sa.Boolean(), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['county_id'], ['county_profile.id'], name=op.f('fk_participant_county_id_county_profile')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant'))
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_calworks_case_number'), ['calworks_case_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_county_id'), ['county_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_last_name'), ['last_name'], unique=False)

    op.create_table('social_worker',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('unit', sa.String(length=80), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['county_id'], ['county_profile.id'], name=op.f('fk_social_worker_county_id_county_profile')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_worker'))
    )
    with op.batch_alter_table('social_worker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_social_worker_county_id'), ['county_id'], unique=False)

    op.create_table('child_welfare_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('case_number', sa.String(length=30), nullable=False),
    sa.Column('service_component', sa.Enum('er', 'fm', 'vfm', 'is', 'fr', 'vfr', 'pp', name='servicecomponent', native_enum=False, length=8), nullable=False),
    sa.Column('social_worker_id', sa.Integer(), nullable=True),
    sa.Column('protective_custody', sa.Boolean(), nullable=False),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('petition_filed_on', sa.Date(), nullable=True),
    sa.Column('detention_hearing_on', sa.Date(), nullable=True),
    sa.Column('jurisdiction_hearing_on', sa.Date(), nullable=True),
    sa.Column('disposition_hearing_on', sa.Date(), nullable=True),
    sa.Column('next_court_on', sa.Date(), nullable=True),
    sa.Column('case_plan_set', sa.Boolean(), nullable=False),
    sa.Column('open', sa.Boolean(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['county_id'], ['county_profile.id'], name=op.f('fk_child_welfare_case_county_id_county_profile')),
    sa.ForeignKeyConstraint(['social_worker_id'], ['social_worker.id'], name=op.f('fk_child_welfare_case_social_worker_id_social_worker')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_child_welfare_case'))
    )
    with op.batch_alter_table('child_welfare_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_child_welfare_case_case_number'), ['case_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_child_welfare_case_county_id'), ['county_id'], unique=False)

    op.create_table('household',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('aided_adults', sa.Integer(), nullable=False),
    sa.Column('second_parent_status', sa.String(length=24), nullable=False),
    sa.Column('disabled_adult', sa.Boolean(), nullable=False),
    sa.Column('pregnant_only', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_household_participant_id_participant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household')),
    sa.UniqueConstraint('participant_id', name=op.f('uq_household_participant_id'))
    )
    op.create_table('child',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=80), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('aided', sa.Boolean(), nullable=False),
    sa.Column('in_home', sa.Boolean(), nullable=False),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_child_household_id_household')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_child'))
    )
    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_child_household_id'), ['household_id'], unique=False)

    op.create_table('mutual_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('county_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('child_welfare_case_id', sa.Integer(), nullable=True),
    sa.Column('stage', sa.Enum('candidate', 'confirmed', 'assigned', 'meeting_scheduled', 'meeting_held', 'plan_pending_signature', 'plan_active', 'integration_declined', 'closing', 'closed', 'not_mutual', name='stage', native_enum=False, length=32), nullable=False),
    sa.Column('identified_on', sa.Date(), nullable=False),
    sa.Column('identified_by', sa.Enum('new_application', 'reapplication', 'annual_review', 'transferred_case', 'car_to_er', 'cfs_referral', 'data_match', 'liaison', name='identifiedby', native_enum=False, length=32), nullable=False),
    sa.Column('assigned_worker_id', sa.Integer(), nullable=True),
    sa.Column('assigned_on', sa.Date(), nullable=True),
    sa.Column('supervisor_id', sa.Integer(), nullable=True),
    sa.Column('regional_contact_id', sa.Integer(), nullable=True),
    sa.Column('integration_consent', sa.Enum('pending', 'agreed', 'declined', name='integrationconsent', native_enum=False, length=32), nullable=False),
    sa.Column('indicator_begin_on', sa.Date(), nullable=True),
    sa.Column('indicator_end_on', sa.Date(), nullable=True),
    sa.Column('closure_route', sa.Enum('transfer', 'post_aid', 'closed_files', name='closureroute', native_enum=False, length=32), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('sw_notified_on', sa.Date(), nullable=True),
    sa.Column('not_mutual_reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assigned_worker_id'], ['user_account.id'], name=op.f('fk_mutual_case_assigned_worker_id_user_account')),
    sa.ForeignKeyConstraint(['child_welfare_case_id'], ['child_welfare_case.id'], name=op.f('fk_mutual_case_child_welfare_case_id_child_welfare_case')),
    sa.ForeignKeyConstraint(['county_id'], ['county_profile.id'], name=op.f('fk_mutual_case_county_id_county_profile')),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_mutual_case_participant_id_participant')),
    sa.ForeignKeyConstraint(['regional_contact_id'], ['regional_contact.id'], name=op.f('fk_mutual_case_regional_contact_id_regional_contact')),
    sa.ForeignKeyConstraint(['supervisor_id'], ['user_account.id'], name=op.f('fk_mutual_case_supervisor_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mutual_case'))
    )
    with op.batch_alter_table('mutual_case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mutual_case_assigned_worker_id'), ['assigned_worker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mutual_case_county_id'), ['county_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mutual_case_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mutual_case_stage'), ['stage'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mutual_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mutual_case_stage'))
        batch_op.drop_index(batch_op.f('ix_mutual_case_participant_id'))
        batch_op.drop_index(batch_op.f('ix_mutual_case_county_id'))
        batch_op.drop_index(batch_op.f('ix_mutual_case_assigned_worker_id'))

    op.drop_table('mutual_case')
    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_child_household_id'))

    op.drop_table('child')
    op.drop_table('household')
    with op.batch_alter_table('child_welfare_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_child_welfare_case_county_id'))
        batch_op.drop_index(batch_op.f('ix_child_welfare_case_case_number'))

    op.drop_table('child_welfare_case')
    with op.batch_alter_table('social_worker', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_worker_county_id'))

    op.drop_table('social_worker')
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_last_name'))
        batch_op.drop_index(batch_op.f('ix_participant_county_id'))
        batch_op.drop_index(batch_op.f('ix_participant_calworks_case_number'))

    op.drop_table('participant')
