"""Revision 0001, part: tracking, good cause, exemptions, noncompliance, reunification, referrals, change reports, share links and the audit trail. Frozen: never edited after release."""

import sqlalchemy as sa
from alembic import op


def upgrade() -> None:
    op.create_table('change_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('reevaluated', sa.Boolean(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_change_report_case_id_mutual_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_report'))
    )
    with op.batch_alter_table('change_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_report_case_id'), ['case_id'], unique=False)

    op.create_table('exemption',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.Column('decided_by', sa.String(length=120), nullable=False),
    sa.Column('volunteer', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_exemption_case_id_mutual_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exemption'))
    )
    with op.batch_alter_table('exemption', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exemption_case_id'), ['case_id'], unique=False)

    op.create_table('good_cause',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('recommended_by_sw', sa.Boolean(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('isolated_incident', sa.Boolean(), nullable=False),
    sa.Column('covers_half_month', sa.Boolean(), nullable=False),
    sa.Column('next_review_on', sa.Date(), nullable=True),
    sa.Column('exemption_referral_made', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_good_cause_case_id_mutual_case')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_good_cause_decided_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_good_cause'))
    )
    with op.batch_alter_table('good_cause', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_good_cause_case_id'), ['case_id'], unique=False)

    op.create_table('noncompliance_episode',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=40), nullable=False),
    sa.Column('notice_type', sa.String(length=8), nullable=False),
    sa.Column('notice_issued_on', sa.Date(), nullable=False),
    sa.Column('appointment_on', sa.Date(), nullable=True),
    sa.Column('rescheduled_once', sa.Boolean(), nullable=False),
    sa.Column('sw_consulted', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('open', 'good_cause_found', 'compliance_plan', 'completed', 'failed', 'no_contact_day20', 'sanctioned', 'cure_plan', 'cured', name='noncompliancestatus', native_enum=False, length=32), nullable=False),
    sa.Column('compliance_plan_start', sa.Date(), nullable=True),
    sa.Column('compliance_plan_end', sa.Date(), nullable=True),
    sa.Column('sanction_effective_on', sa.Date(), nullable=True),
    sa.Column('cure_plan_signed_on', sa.Date(), nullable=True),
    sa.Column('cure_complete_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_noncompliance_episode_case_id_mutual_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_noncompliance_episode'))
    )
    with op.batch_alter_table('noncompliance_episode', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_noncompliance_episode_case_id'), ['case_id'], unique=False)

    op.create_table('referral',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('program', sa.String(length=24), nullable=False),
    sa.Column('referred_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('sw_invited', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_referral_case_id_mutual_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral'))
    )
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_case_id'), ['case_id'], unique=False)

    op.create_table('reunification_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('program', sa.Enum('ab429', 'ab135', name='reunificationprogram', native_enum=False, length=8), nullable=False),
    sa.Column('all_children_removed', sa.Boolean(), nullable=False),
    sa.Column('aided_at_removal', sa.Boolean(), nullable=False),
    sa.Column('sw_necessity_on', sa.Date(), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('extension_until', sa.Date(), nullable=True),
    sa.Column('rd_due_on', sa.Date(), nullable=True),
    sa.Column('ineligibility_reason', sa.String(length=24), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_reunification_record_case_id_mutual_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reunification_record'))
    )
    with op.batch_alter_table('reunification_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reunification_record_case_id'), ['case_id'], unique=False)

    op.create_table('share_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('token_sha256', sa.String(length=64), nullable=False),
    sa.Column('recipient_name', sa.String(length=120), nullable=False),
    sa.Column('recipient_email', sa.String(length=200), nullable=False),
    sa.Column('scope', sa.Enum('view', 'view_download', name='sharescope', native_enum=False, length=16), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_share_link_case_id_mutual_case')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_share_link_created_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_share_link')),
    sa.UniqueConstraint('token_sha256', name=op.f('uq_share_link_token_sha256'))
    )
    with op.batch_alter_table('share_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_share_link_case_id'), ['case_id'], unique=False)

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('actor_link_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('object_type', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.String(length=40), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('ip', sa.String(length=45), nullable=False),
    sa.Column('request_id', sa.String(length=36), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_link_id'], ['share_link.id'], name=op.f('fk_audit_event_actor_link_id_share_link')),
    sa.ForeignKeyConstraint(['actor_user_id'], ['user_account.id'], name=op.f('fk_audit_event_actor_user_id_user_account')),
    sa.ForeignKeyConstraint(['case_id'], ['mutual_case.id'], name=op.f('fk_audit_event_case_id_mutual_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_case_id'), ['case_id'], unique=False)

    op.create_table('tracking_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('scheduled_hours', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('attended_hours', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('excused_hours', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('absence_reason', sa.String(length=32), nullable=False),
    sa.Column('provider_verified', sa.Boolean(), nullable=False),
    sa.Column('verified_by', sa.String(length=120), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=True),
    sa.Column('sw_comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['plan_activity.id'], name=op.f('fk_tracking_entry_activity_id_plan_activity')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracking_entry'))
    )
    with op.batch_alter_table('tracking_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracking_entry_activity_id'), ['activity_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tracking_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracking_entry_activity_id'))

    op.drop_table('tracking_entry')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_case_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_at'))
        batch_op.drop_index(batch_op.f('ix_audit_event_action'))

    op.drop_table('audit_event')
    with op.batch_alter_table('share_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_share_link_case_id'))

    op.drop_table('share_link')
    with op.batch_alter_table('reunification_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reunification_record_case_id'))

    op.drop_table('reunification_record')
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_case_id'))

    op.drop_table('referral')
    with op.batch_alter_table('noncompliance_episode', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_noncompliance_episode_case_id'))

    op.drop_table('noncompliance_episode')
    with op.batch_alter_table('good_cause', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_good_cause_case_id'))

    op.drop_table('good_cause')
    with op.batch_alter_table('exemption', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exemption_case_id'))

    op.drop_table('exemption')
    with op.batch_alter_table('change_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_report_case_id'))

    op.drop_table('change_report')
