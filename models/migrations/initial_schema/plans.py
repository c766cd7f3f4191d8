"""Revision 0001, part: the joint meeting and the integrated plan with its versions, activities and services. Frozen: never edited after release."""

import sqlalchemy as sa
from alembic import op


def upgrade() -> None:
    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('due_rule', sa.String(length=24), nullable=False),
    sa.Column('scheduled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('location_kind', sa.String(length=20), nullable=False),
    sa.Column('location_detail', sa.String(length=200), nullable=False),
    sa.Column('client_attended', sa.Boolean(), nullable=False),
    sa.Column('agenda_strengths', sa.Boolean(), nullable=False),
    sa.Column('agenda_wtw_activities', sa.Boolean(), nullable=False),
    sa.Column('agenda_cw_activities', sa.Boolean(), nullable=False),
    sa.Column('agenda_expectations', sa.Boolean(), nullable=False),
    sa.Column('agenda_signatures', sa.Boolean(), nullable=False),
    sa.Column('agenda_supportive_services', sa.Boolean(), nullable=False),
    sa.Column('agenda_next_steps', sa.Boolean(), nullable=False),
    sa.Column('topic_hours', sa.Boolean(), nullable=False),
    sa.Column('topic_time_on_aid', sa.Boolean(), nullable=False),
    sa.Column('topic_exemptions', sa.Boolean(), nullable=False),
    sa.Column('topic_good_cause', sa.Boolean(), nullable=False),
    sa.Column('topic_integration', sa.Boolean(), nullable=False),
    sa.Column('topic_supportive_services', sa.Boolean(), nullable=False),
    sa.Column('strengths', sa.Text(), nullable=False),
    sa.Column('barriers', sa.Text(), nullable=False),
    sa.Column('needs', sa.Text(), nullable=False),
    sa.Column('concerns', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_meeting_case_id_mutual_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_case_id'), ['case_id'], unique=False)

    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('plan_number', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_plan_case_id_mutual_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan'))
    )
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_case_id'), ['case_id'], unique=False)

    op.create_table('meeting_attendee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_attendee_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_attendee'))
    )
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_attendee_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('plan_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('version_no', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'agreed_with_sw', 'signed', 'active', 'amended', 'expired', 'ended', name='planstatus', native_enum=False, length=32), nullable=False),
    sa.Column('requirement', sa.Integer(), nullable=False),
    sa.Column('requirement_basis', sa.String(length=200), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('required_from', sa.Date(), nullable=True),
    sa.Column('sw_agreement_on', sa.Date(), nullable=True),
    sa.Column('signed_client_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signed_worker_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('change_window_ends', sa.Date(), nullable=True),
    sa.Column('wtw1_rights_given', sa.Boolean(), nullable=False),
    sa.Column('signed_pdf', sa.LargeBinary(), nullable=True),
    sa.Column('signed_pdf_sha256', sa.String(length=64), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_version_plan_id_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_version')),
    sa.UniqueConstraint('plan_id', 'version_no', name='plan_version_no')
    )
    with op.batch_alter_table('plan_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_version_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('source', sa.Enum('cfs', 'wtw', name='activitysource', native_enum=False, length=8), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('provider_name', sa.String(length=120), nullable=False),
    sa.Column('provider_phone', sa.String(length=30), nullable=False),
    sa.Column('hours_per_week', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('schedule', sa.String(length=200), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('progress_standard', sa.Text(), nullable=False),
    sa.Column('on_wtw2', sa.Boolean(), nullable=False),
    sa.Column('on_1811', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['plan_version_id'], ['plan_version.id'], name=op.f('fk_plan_activity_plan_version_id_plan_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_activity'))
    )
    with op.batch_alter_table('plan_activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_activity_plan_version_id'), ['plan_version_id'], unique=False)

    op.create_table('supportive_service',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_version_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('child_care', 'transportation', 'ancillary', name='servicekind', native_enum=False, length=16), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=True),
    sa.Column('frequency', sa.String(length=40), nullable=False),
    sa.Column('advance_required', sa.Boolean(), nullable=False),
    sa.Column('authorized_on', sa.Date(), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['plan_version_id'], ['plan_version.id'], name=op.f('fk_supportive_service_plan_version_id_plan_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supportive_service'))
    )
    with op.batch_alter_table('supportive_service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supportive_service_plan_version_id'), ['plan_version_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('supportive_service', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supportive_service_plan_version_id'))

    op.drop_table('supportive_service')
    with op.batch_alter_table('plan_activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_activity_plan_version_id'))

    op.drop_table('plan_activity')
    with op.batch_alter_table('plan_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_version_plan_id'))

    op.drop_table('plan_version')
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_meeting_id'))

    op.drop_table('meeting_attendee')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_case_id'))

    op.drop_table('plan')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_case_id'))

    op.drop_table('meeting')
