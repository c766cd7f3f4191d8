"""Value sets of the domain (domain.md §c), stored by value, each with the words a page shows.

A member is written ``NAME = "stored_value", "Label"``: the value goes to the database, the label
to every screen and the share page (``Stage.CLOSED.label``), so no raw value reaches a page and
no screen keeps its own dictionary of words (Indico's ``RichEnum.__titles__``, one place). The
printed forms translate their own client-facing wording (templates/documents/_labels.html).
"""

from __future__ import annotations

import enum
from typing import Any


class LabelledEnum(enum.StrEnum):
    """A ``StrEnum`` whose members carry a label: ``Role.EC.label == "Employment counselor"``."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Any:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value.replace("_", " ").capitalize()
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs in declaration order, for a select or radio list."""
        return [(member.value, member.label) for member in cls]

    @classmethod
    def label_of(cls, value: str | None, default: str = "—") -> str:
        """The label of a stored value; ``default`` for blank; an unknown value reads as words."""
        if not value:
            return default
        try:
            return cls(value).label
        except ValueError:  # an old or foreign code: readable words, never a bare code
            return str(value).replace("_", " ").capitalize()


class Role(LabelledEnum):
    EC = "ec", "Employment counselor"
    SUPERVISOR = "supervisor", "Supervisor"
    ADMIN = "admin", "Administrator"


# Who may change a case (admins manage accounts and see no case).
CASE_EDITORS = (Role.EC, Role.SUPERVISOR)


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


class ActivitySource(LabelledEnum):
    """Where an activity comes from; pages say the county's division (CFS or DFCS) for CFS."""

    CFS = "cfs", "Child welfare"
    WTW = "wtw", "WTW"

    def in_county(self, cw_division_label: str) -> str:
        """ "CFS" in Orange, "DFCS" in Santa Clara, "WTW" for a WTW activity."""
        return cw_division_label if self is ActivitySource.CFS else self.label


class PlanStatus(LabelledEnum):
    DRAFT = "draft", "Draft"
    AGREED_WITH_SW = "agreed_with_sw", "Ready to sign (agreed with the social worker)"
    SIGNED = "signed", "Signed"
    ACTIVE = "active", "Active"
    AMENDED = "amended", "Amended"
    EXPIRED = "expired", "Expired"
    ENDED = "ended", "Ended"


# A signed version is read-only: it is changed only by an amendment (R-PL-10).
SIGNED_PLAN_STATUSES = (PlanStatus.SIGNED, PlanStatus.ACTIVE)


class ServiceKind(LabelledEnum):
    CHILD_CARE = "child_care", "Child care"
    TRANSPORTATION = "transportation", "Transportation"
    ANCILLARY = "ancillary", "Ancillary (books, tools, fees, clothing)"


class NoncomplianceStatus(LabelledEnum):
    OPEN = "open", "Open: 20-day period"
    GOOD_CAUSE_FOUND = "good_cause_found", "Good cause found"
    COMPLIANCE_PLAN = "compliance_plan", "Compliance plan (WTW 32)"
    COMPLETED = "completed", "Compliance plan completed"
    FAILED = "failed", "Compliance plan failed"
    NO_CONTACT_DAY20 = "no_contact_day20", "No contact by day 20"
    SANCTIONED = "sanctioned", "Sanctioned"
    CURE_PLAN = "cure_plan", "Cure plan"
    CURED = "cured", "Cured"


class ReunificationProgram(LabelledEnum):
    AB429 = "ab429", "AB 429 (services only)"
    AB135 = "ab135", "AB 135 (cash aid and services)"


class ShareScope(LabelledEnum):
    VIEW = "view", "view only"
    VIEW_DOWNLOAD = "view_download", "view and download"


class LinkState(LabelledEnum):
    """Where a read-only link stands: the EC's words as the label, and what the social worker
    reads when an ended link is opened."""

    ACTIVE = "active", "Working"
    REVOKED = "revoked", "Withdrawn"
    EXPIRED = "expired", "Expired"
    CASE_CLOSED = "case_closed", "Ended: case closed"
    SW_CHANGED = "sw_changed", "Ended: social worker changed"

    @property
    def is_active(self) -> bool:
        return self is LinkState.ACTIVE

    @property
    def message(self) -> str:
        return _LINK_ENDED_MESSAGES.get(self.value, "")


_LINK_ENDED_MESSAGES = {
    "expired": "This link has expired.",
    "revoked": "This link was withdrawn by the employment counselor.",
    "case_closed": "The case this link showed is closed.",
    "sw_changed": "This link was made for another social worker on the case.",
}


class HolidayCalendar(LabelledEnum):
    COURT = "court", "California courts"
    STATE = "state", "State of California"


class MeetingPlace(LabelledEnum):
    """R-MT-08: the EC may meet the client away from the office. Phone and video are kept apart
    because a record of how the meeting took place already uses both."""

    OFFICE = "office", "County office"
    DISTRICT_OFFICE = "district_office", "District office"
    SHELTER = "shelter", "Shelter"
    PUBLIC_PLACE = "public_place", "Public place"
    PHONE = "phone", "Phone call"
    VIDEO = "video", "Video call"


class ReferralProgram(LabelledEnum):
    """§c5 ProgramReferral, stored lower-case; FSP and BFH only where the county runs them."""

    FSP = "fsp", "Family Services Program (FSP)"
    BFH = "bfh", "Bringing Families Home (BFH)"
    FUP = "fup", "Family Unification Program (FUP) housing voucher"
    BEHAVIORAL_HEALTH = "behavioral_health", "Behavioral health (mental health or substance use)"
    DA_SERVICES = "da_services", "Domestic abuse services"
    ASSESSMENT = "assessment", "Assessment or reassessment"


class ReferralStatus(LabelledEnum):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    CLOSED = "closed", "Closed"


class SignatureMethod(LabelledEnum):
    IN_PERSON = "in_person", "Signed in person on this device"
    WET_INK = "wet_ink", "Signed in ink on a printed copy (upload the scan)"


class SignerRole(LabelledEnum):
    CLIENT = "client", "Client"
    WORKER = "worker", "County worker"


class DocumentKind(LabelledEnum):
    """The signed forms (§c4); ``short`` is how a list of them reads ("WTW 2, 1811")."""

    WTW2 = "wtw2", "WTW 2"
    SCD1811 = "scd1811", "SCD/SCZ 1811"
    SCD1811A = "scd1811a", "SCD/SCZ 1811 A"

    @property
    def short(self) -> str:
        return self.label.replace("SCD/SCZ ", "")


class ExemptionKind(LabelledEnum):
    """§c5 Exemption types (R-EX-01..08, R-DA-02)."""

    UNDER_16 = "under_16", "Under 16"
    SCHOOL_16_18 = "school_16_18", "In school, 16 to 18"
    DISABILITY = "disability", "Disability"
    AGE_60 = "age_60", "Age 60 or over"
    NONPARENT_CARETAKER = "nonparent_caretaker", "Non-parent relative caring for a child"
    CARE_OF_ILL_MEMBER = "care_of_ill_member", "Caring for an ill household member"
    PREGNANCY = "pregnancy", "Pregnancy"
    CHILD_0_23M_ONETIME = "child_0_23m_onetime", "Child 0–23 months (once in a lifetime)"
    CHILD_UNDER_6M_ONETIME = "child_under_6m_onetime", "Child 6 months or younger (once)"
    SUBSEQUENT_CHILD_12W = "subsequent_child_12w", "Later child, 12 weeks"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse waiver"


class ChangeKind(LabelledEnum):
    """Significant changes that call for re-evaluating participation (R-ID-10, R-CL-06)."""

    CHILD_REMOVED = "child_removed", "Child removed from the home"
    CHILD_RETURNED = "child_returned", "Child returned home"
    HOUSING = "housing", "Housing"
    HOUSEHOLD = "household", "Household composition"


class ActivityKind(LabelledEnum):
    """The fixed list of activity kinds: the keys of policy.federal (which decides the WPR badge,
    so a kind outside this list cannot be saved). "cfs"/"dfcs" is the county's catch-all code."""

    CFS = "cfs", "Other CFS case-plan item (e.g. SW contacts)"
    DFCS = "dfcs", "Other DFCS case-plan item (e.g. SW contacts)"
    COUNSELING = "counseling", "Counseling"
    PARENTING = "parenting", "Parenting (other than a class)"
    PARENTING_CLASS = "parenting_class", "Parenting class"
    VISITATION = "visitation", "Visitation with the child"
    COURT = "court", "Court appearances"
    SW_CONTACT = "sw_contact", "Social worker home visits and contacts"
    CFT = "cft", "Child and Family Team (CFT) meetings"
    MEDICAL_IN_CASE_PLAN = "medical_in_case_plan", "Doctor visits in the case plan"
    MENTAL_HEALTH = "mental_health", "Mental-health services"
    SUBSTANCE_ABUSE = "substance_abuse", "Substance-abuse services (AA/NA, recovery groups)"
    AA_NA = "aa_na", "AA / NA meetings"
    DRUG_TREATMENT = "drug_treatment", "Drug or alcohol treatment program"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic-abuse services"
    DV_SERVICES = "dv_services", "Domestic-violence services"
    JOB_SEARCH = "job_search", "Job search"
    JOB_READINESS = "job_readiness", "Job readiness (job club)"
    EMPLOYMENT = "employment", "Employment"
    EMPLOYMENT_FT = "employment_ft", "Employment, full time"
    EMPLOYMENT_PT = "employment_pt", "Employment, part time"
    SUBSIDIZED_EMPLOYMENT = "subsidized_employment", "Subsidized employment"
    WORK_EXPERIENCE = "work_experience", "Work experience"
    ON_THE_JOB_TRAINING = "on_the_job_training", "On-the-job training"
    COMMUNITY_SERVICE = "community_service", "Community service"
    VOCATIONAL_EDUCATION = "vocational_education", "Vocational education"
    VOC_ED = "voc_ed", "Vocational education (VOC ED code)"
    JOB_SKILLS_TRAINING = "job_skills_training", "Job-skills training"
    ADULT_ED = "adult_ed", "Adult education"
    EDUCATION = "education", "Education related to employment"


class Language(LabelledEnum):
    """A client's preferred language and a plan's language (R-PL-13). The printed forms exist in
    the languages that have a catalog (blueprints/documents/translations)."""

    EN = "en", "English"
    ES = "es", "Spanish"
    VI = "vi", "Vietnamese"
    ZH = "zh", "Chinese"


class AttendeeRole(LabelledEnum):
    """Who took part in the joint meeting (§c3 attendees[].role)."""

    EC = "ec", "Employment counselor"
    SW = "sw", "Social worker"
    CLIENT = "client", "Client"
    CFT_MEMBER = "cft_member", "Child and Family Team member"
    PROVIDER = "provider", "Service provider"

    def in_county(self, specialist_title: str, cw_division_label: str) -> str:
        """The role in the county's words: "Specialized CM", "DFCS social worker"."""
        if self is AttendeeRole.EC:
            return specialist_title
        if self is AttendeeRole.SW:
            return f"{cw_division_label} social worker"
        return self.label
