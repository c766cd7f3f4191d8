"""The integrated plan: activities, statuses, supportive services, signatures, forms (§c4)."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class ActivitySource(LabelledEnum):
    """Where an activity comes from; pages say the county's division (CFS or DFCS) for CFS."""

    CFS = "cfs", "Child welfare"
    WTW = "wtw", "WTW"

    def in_county(self, cw_division_label: str) -> str:
        """ "CFS" in Orange, "DFCS" in Santa Clara, "WTW" for a WTW activity."""
        return cw_division_label if self is ActivitySource.CFS else self.label


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


class PlanStatus(LabelledEnum):
    DRAFT = "draft", "Draft"
    AGREED_WITH_SW = "agreed_with_sw", "Ready to sign"
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
