"""The kinds of due item and one item, shared by policy.due (which gathers a case's items) and
the modules it calls (policy.due_plan, policy.due_tracking), so those need not import it.

Kinds are the values of ``models.enums.DueKind`` (plain strings here, as in policy.stages, so
policy stays free of the ORM; a test keeps the two lists equal). The order of ``KINDS`` breaks
ties in the caseload's "Next due".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

JOINT_MEETING = "joint_meeting"  # R-MT-01/02
PLAN_SIGNATURE = "plan_signature"  # R-PL-02
CHANGE_WINDOW_END = "change_window_end"  # R-PL-04
PLAN_RENEWAL = "plan_renewal"  # R-PL-06
SIXTH_BIRTHDAY = "sixth_birthday"  # R-HR-11, R-PL-06, §e Q7
GOOD_CAUSE_REVIEW = "good_cause_review"  # R-GC-06
EXEMPTION_REVIEW = "exemption_review"  # R-EX-01/08/10, R-DA-02
NONCOMPLIANCE_DAY20 = "noncompliance_day20"  # R-NC-02, §e Q10
NONCOMPLIANCE_APPOINTMENT = "noncompliance_appointment"  # R-NC-02
CURE_END = "cure_end"  # R-NC-08
FR_SERVICES_END = "fr_services_end"  # R-FR-04, R-FR-07
FR_REDETERMINATION = "fr_redetermination"  # R-FR-08
FS_PLAN_END = "fs_plan_end"  # R-FS-03
WEEK_NOT_RECORDED = "week_not_recorded"  # R-CF-03, R-HR-06
HOURS_UNVERIFIED = "hours_unverified"  # R-CF-03
CHANGE_REEVALUATION = "change_reevaluation"  # R-CL-06, R-ID-10, R-EX-10
SW_MESSAGE_HELD = "sw_message_held"  # seed 000 CM 3, R-NC-09, R-CL-04: the SW is told
KINDS = (
    JOINT_MEETING,
    PLAN_SIGNATURE,
    CHANGE_WINDOW_END,
    PLAN_RENEWAL,
    SIXTH_BIRTHDAY,
    GOOD_CAUSE_REVIEW,
    EXEMPTION_REVIEW,
    NONCOMPLIANCE_DAY20,
    NONCOMPLIANCE_APPOINTMENT,
    CURE_END,
    FR_SERVICES_END,
    FR_REDETERMINATION,
    FS_PLAN_END,
    WEEK_NOT_RECORDED,
    HOURS_UNVERIFIED,
    CHANGE_REEVALUATION,
    SW_MESSAGE_HELD,
)


@dataclass(frozen=True)
class Due:
    """One thing due: ``on`` is None when it could not be counted, and ``missing_year`` says
    which year's holiday calendar the count needed (R-WD-01, §e Q8)."""

    kind: str
    on: date | None
    ref: str = ""  # which one, for kinds a case can owe more than once (a week, an episode)
    missing_year: int | None = None
