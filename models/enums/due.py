"""What can fall due on a case (issue 14's ``due_item`` table; policy.due computes them)."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class DueKind(LabelledEnum):
    """One member per rule that sets a due date; the label is what the caseload's "Next due"
    column says. Values are policy.due's kind strings (a test keeps the two lists equal)."""

    JOINT_MEETING = "joint_meeting", "Joint meeting"  # R-MT-01/02
    PLAN_SIGNATURE = "plan_signature", "Plan signature"  # R-PL-02
    PLAN_RENEWAL = "plan_renewal", "Plan renewal"  # R-PL-06, 2 months before the period ends
    GOOD_CAUSE_REVIEW = "good_cause_review", "Good cause review"  # R-GC-06
    EXEMPTION_REVIEW = "exemption_review", "Exemption review"  # R-EX-01/08/10, R-DA-02
    NONCOMPLIANCE_DAY20 = "noncompliance_day20", "Noncompliance day 20"  # R-NC-02
    NONCOMPLIANCE_APPOINTMENT = "noncompliance_appointment", "Noncompliance appointment"
