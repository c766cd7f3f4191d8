"""What can fall due on a case (issue 14's ``due_item`` table; policy.due computes them)."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class DueKind(LabelledEnum):
    """One member per rule that sets a due date; the label is what the caseload's "Next due"
    column says. Values are policy.due's kind strings (a test keeps the two lists equal)."""

    JOINT_MEETING = "joint_meeting", "Joint meeting"  # R-MT-01/02
    PLAN_SIGNATURE = "plan_signature", "Plan signature"  # R-PL-02
    CHANGE_WINDOW_END = "change_window_end", "Plan change window ends"  # R-PL-04
    PLAN_RENEWAL = "plan_renewal", "Plan renewal"  # R-PL-06, 2 months before the period ends
    SIXTH_BIRTHDAY = "sixth_birthday", "Youngest child turns 6: re-count the hours"  # R-HR-11
    GOOD_CAUSE_REVIEW = "good_cause_review", "Good cause review"  # R-GC-06
    EXEMPTION_REVIEW = "exemption_review", "Exemption review"  # R-EX-01/08/10, R-DA-02
    NONCOMPLIANCE_DAY20 = "noncompliance_day20", "Noncompliance day 20"  # R-NC-02
    NONCOMPLIANCE_APPOINTMENT = "noncompliance_appointment", "Noncompliance appointment"
    CURE_END = "cure_end", "Cure complete"  # R-NC-08
    FR_SERVICES_END = "fr_services_end", "Reunification services end"  # R-FR-04/07
    FR_REDETERMINATION = "fr_redetermination", "Reunification 6-month redetermination"  # R-FR-08
    FS_PLAN_END = "fs_plan_end", "Family stabilization plan ends"  # R-FS-03
    WEEK_NOT_RECORDED = "week_not_recorded", "Last week's attendance not recorded"  # R-CF-03
    HOURS_UNVERIFIED = "hours_unverified", "Hours not verified after two weeks"  # R-CF-03
    CHANGE_REEVALUATION = "change_reevaluation", "Significant change to re-evaluate"  # R-CL-06
    SW_MESSAGE_HELD = "sw_message_held", "Message to the social worker not sent yet"
