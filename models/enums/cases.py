"""The mutual case: its stage (§c7), how it was found, both agencies' case facts, closure."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class Stage(LabelledEnum):
    """MutualCase lifecycle (domain.md §c7)."""

    CANDIDATE = "candidate", "Identified"
    CONFIRMED = "confirmed", "Confirmed mutual"
    ASSIGNED = "assigned", "Assigned"
    MEETING_SCHEDULED = "meeting_scheduled", "Meeting scheduled"
    MEETING_HELD = "meeting_held", "Meeting held"
    PLAN_PENDING_SIGNATURE = "plan_pending_signature", "Plan ready to sign"
    PLAN_ACTIVE = "plan_active", "Plan active"
    INTEGRATION_DECLINED = "integration_declined", "Integration declined"
    CLOSING = "closing", "Closing"
    CLOSED = "closed", "Closed"
    NOT_MUTUAL = "not_mutual", "Not mutual"

    def in_county(self, case_term: str) -> str:
        """The stage in the county's words: "Confirmed common case", "Not a mutual client"."""
        if self is Stage.CONFIRMED:
            return f"Confirmed {case_term}"
        if self is Stage.NOT_MUTUAL:
            return f"Not a {case_term}"
        return self.label


class IdentifiedBy(LabelledEnum):
    """Identification events, R-ID-03 (Orange) and R-ID-04 (Santa Clara)."""

    NEW_APPLICATION = "new_application", "New CalWORKs application"
    REAPPLICATION = "reapplication", "Re-application"
    ANNUAL_REVIEW = "annual_review", "Annual review (RRR)"
    TRANSFERRED_CASE = "transferred_case", "CalWORKs case transferred in"
    CAR_TO_ER = "car_to_er", "CAR report dispositioned to Emergency Response"
    CFS_REFERRAL = "cfs_referral", "Child-welfare referral or case transfer"
    DATA_MATCH = "data_match", "Data match (CalWORKs × open FM/FR cases)"
    LIAISON = "liaison", "Flagged by the CalWORKs liaison"


class CalworksStatus(LabelledEnum):
    PENDING = "pending", "Pending (application not yet decided)"
    ACTIVE = "active", "Open"
    DISCONTINUED = "discontinued", "Discontinued / denied"


class WtwStatus(LabelledEnum):
    MANDATORY = "mandatory", "Mandatory"
    EXEMPT = "exempt", "Exempt"
    EXEMPT_VOLUNTEER = "exempt_volunteer", "Exempt, volunteering"
    GOOD_CAUSE = "good_cause", "Good cause"
    NONCOMPLIANCE = "noncompliance", "Noncompliance"
    COMPLIANCE_PLAN = "compliance_plan", "Compliance plan"
    SANCTIONED = "sanctioned", "Sanctioned"
    CURE_PLAN = "cure_plan", "Cure plan"
    FR_SERVICES_ONLY = "fr_services_only", "Family reunification services only"
    FAMILY_STABILIZATION = "family_stabilization", "Family stabilization"


class ServiceComponent(LabelledEnum):
    ER = "er", "Emergency Response (ER)"
    FM = "fm", "Family Maintenance (FM)"
    VFM = "vfm", "Voluntary Family Maintenance (VFM)"
    IS = "is", "Informal Supervision (IS)"
    FR = "fr", "Family Reunification (FR)"
    VFR = "vfr", "Voluntary Family Reunification (VFR)"
    PP = "pp", "Permanency Planning (PP)"


class IntegrationConsent(LabelledEnum):
    PENDING = "pending", "Not decided yet"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"


class ClosureRoute(LabelledEnum):
    """R-CL-02/03."""

    TRANSFER = "transfer", "Transfer to a district office"
    POST_AID = "post_aid", "Post-aid services (PAS)"
    CLOSED_FILES = "closed_files", "Closed files"


class Language(LabelledEnum):
    """A client's preferred language and a plan's language (R-PL-13). The printed forms exist in
    the languages that have a catalog (blueprints/documents/translations)."""

    EN = "en", "English"
    ES = "es", "Spanish"
    VI = "vi", "Vietnamese"
    ZH = "zh", "Chinese"
