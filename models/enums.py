"""Value sets of the domain (domain.md §c), stored by value."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    EC = "ec"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Stage(enum.StrEnum):
    """MutualCase lifecycle (domain.md §c7)."""

    CANDIDATE = "candidate"
    CONFIRMED = "confirmed"
    ASSIGNED = "assigned"
    MEETING_SCHEDULED = "meeting_scheduled"
    MEETING_HELD = "meeting_held"
    PLAN_PENDING_SIGNATURE = "plan_pending_signature"
    PLAN_ACTIVE = "plan_active"
    INTEGRATION_DECLINED = "integration_declined"
    CLOSING = "closing"
    CLOSED = "closed"
    NOT_MUTUAL = "not_mutual"


STAGE_LABELS = {
    Stage.CANDIDATE: "Identified",
    Stage.CONFIRMED: "Confirmed mutual",
    Stage.ASSIGNED: "Assigned",
    Stage.MEETING_SCHEDULED: "Meeting scheduled",
    Stage.MEETING_HELD: "Meeting held",
    Stage.PLAN_PENDING_SIGNATURE: "Plan ready to sign",
    Stage.PLAN_ACTIVE: "Plan active",
    Stage.INTEGRATION_DECLINED: "Integration declined",
    Stage.CLOSING: "Closing",
    Stage.CLOSED: "Closed",
    Stage.NOT_MUTUAL: "Not mutual",
}


class IdentifiedBy(enum.StrEnum):
    """Identification events, R-ID-03 (Orange) and R-ID-04 (Santa Clara)."""

    NEW_APPLICATION = "new_application"
    REAPPLICATION = "reapplication"
    ANNUAL_REVIEW = "annual_review"
    TRANSFERRED_CASE = "transferred_case"
    CAR_TO_ER = "car_to_er"
    CFS_REFERRAL = "cfs_referral"
    DATA_MATCH = "data_match"
    LIAISON = "liaison"


class CalworksStatus(enum.StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    DISCONTINUED = "discontinued"


class WtwStatus(enum.StrEnum):
    MANDATORY = "mandatory"
    EXEMPT = "exempt"
    EXEMPT_VOLUNTEER = "exempt_volunteer"
    GOOD_CAUSE = "good_cause"
    NONCOMPLIANCE = "noncompliance"
    COMPLIANCE_PLAN = "compliance_plan"
    SANCTIONED = "sanctioned"
    CURE_PLAN = "cure_plan"
    FR_SERVICES_ONLY = "fr_services_only"
    FAMILY_STABILIZATION = "family_stabilization"


class ServiceComponent(enum.StrEnum):
    ER = "er"
    FM = "fm"
    VFM = "vfm"
    IS = "is"
    FR = "fr"
    VFR = "vfr"
    PP = "pp"


class IntegrationConsent(enum.StrEnum):
    PENDING = "pending"
    AGREED = "agreed"
    DECLINED = "declined"


class ClosureRoute(enum.StrEnum):
    """R-CL-02/03."""

    TRANSFER = "transfer"
    POST_AID = "post_aid"
    CLOSED_FILES = "closed_files"


class ActivitySource(enum.StrEnum):
    CFS = "cfs"
    WTW = "wtw"


class PlanStatus(enum.StrEnum):
    DRAFT = "draft"
    AGREED_WITH_SW = "agreed_with_sw"
    SIGNED = "signed"
    ACTIVE = "active"
    AMENDED = "amended"
    EXPIRED = "expired"
    ENDED = "ended"


class ServiceKind(enum.StrEnum):
    CHILD_CARE = "child_care"
    TRANSPORTATION = "transportation"
    ANCILLARY = "ancillary"


class NoncomplianceStatus(enum.StrEnum):
    OPEN = "open"
    GOOD_CAUSE_FOUND = "good_cause_found"
    COMPLIANCE_PLAN = "compliance_plan"
    COMPLETED = "completed"
    FAILED = "failed"
    NO_CONTACT_DAY20 = "no_contact_day20"
    SANCTIONED = "sanctioned"
    CURE_PLAN = "cure_plan"
    CURED = "cured"


class ReunificationProgram(enum.StrEnum):
    AB429 = "ab429"
    AB135 = "ab135"


class ShareScope(enum.StrEnum):
    VIEW = "view"
    VIEW_DOWNLOAD = "view_download"


class HolidayCalendar(enum.StrEnum):
    COURT = "court"
    STATE = "state"
