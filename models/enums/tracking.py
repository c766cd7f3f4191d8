"""After signing: noncompliance, reunification, exemptions, significant changes (§c5)."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class NoncomplianceStatus(LabelledEnum):
    OPEN = "open", "Open: 20-day period"
    GOOD_CAUSE_FOUND = "good_cause_found", "Good cause found"
    COMPLIANCE_PLAN = "compliance_plan", "Compliance plan (WTW 32)"
    COMPLETED = "completed", "Compliance plan completed"
    FAILED = "failed", "Compliance plan failed"
    NO_CONTACT_DAY20 = "no_contact_day20", "No contact by day 20"
    SANCTION_REVIEW = "sanction_review", "Sanction waiting for the supervisor's review"
    SANCTIONED = "sanctioned", "Sanctioned"
    CURE_PLAN = "cure_plan", "Cure plan (WTW 29)"
    CURED = "cured", "Cured"
    WITHDRAWN = "withdrawn", "Withdrawn"


class NoncomplianceTrigger(LabelledEnum):
    """What the client did or did not do (R-NC-01: the only grounds)."""

    NOT_SIGNING_PLAN = "not_signing_plan", "Did not sign the WTW plan"
    NOT_PARTICIPATING = "not_participating", "Did not take part in an assigned activity"
    NO_PROGRESS = "no_progress", "Did not make satisfactory progress"
    REFUSED_JOB = "refused_job", "Refused a job"
    QUIT_JOB = "quit_job", "Quit a job"
    REDUCED_EARNINGS = "reduced_earnings", "Reduced earnings"


class NoticeType(LabelledEnum):
    """The notice that opens the 20-day period (R-NC-02)."""

    NA840 = "NA840", "NA 840"
    NA845 = "NA845", "NA 845 (the other parent)"


class SanctionReview(LabelledEnum):
    """The supervisor's decision before any sanction (R-GC-08)."""

    APPROVED = "approved", "Sanction approved"
    RETURNED = "returned", "Returned: good cause or active status instead"


class GoodCauseReason(LabelledEnum):
    """R-GC-02's categories and the child-welfare ones of §c5 (R-GC-03)."""

    ILLNESS = "illness", "Illness or injury (the client, a child or a family member)"
    COURT = "court", "Required court appearance"
    INCARCERATION = "incarceration", "Temporary incarceration"
    FAMILY_CRISIS = "family_crisis", "Family crisis"
    NO_SUPPORTIVE_SERVICES = "no_supportive_services", "Supportive services not provided"
    CHILD_CARE = "child_care", "Child care not reasonably available"
    HOMELESSNESS = "homelessness", "Homelessness"
    TRANSPORTATION = "transportation", "Transportation broke down or was not advanced"
    DOMESTIC_VIOLENCE = "domestic_violence", "Domestic violence"
    NO_ACCESS = "no_access", "No access to services"
    ACTIVITY_NOT_AVAILABLE = "activity_not_available", "Activity not available (provider cancelled)"
    DISASTER = "disaster", "Severe weather or disaster"
    CFS_COURT_DATES = "cfs_court_dates", "Child-welfare court dates"
    CFS_OUT_OF_COUNTY_VISITATION = (
        "cfs_out_of_county_visitation",
        "Visitation with a child placed out of the county",
    )
    CFS_REFERRAL_PENDING = "cfs_referral_pending", "Child-welfare service referral still pending"


class GoodCauseRoute(LabelledEnum):
    """What follows a good-cause finding (R-GC-05)."""

    RESUME = "resume", "The client resumes the activities"
    RE_REFER = "re_refer", "Re-refer to the activities when the good cause ends"
    EXEMPTION_REQUEST = "exemption_request", "Ask for an exemption (CW 2186A)"


class FrIneligibility(LabelledEnum):
    """Who cannot get CalWORKs family-reunification services (R-FR-02, E28)."""

    SSI = "ssi", "Receives SSI"
    UNDOCUMENTED = "undocumented", "Undocumented non-citizen"
    FLEEING_FELON = "fleeing_felon", "Fleeing felon"
    TIMED_OUT = "timed_out", "Has used up the time on aid"


class ReunificationProgram(LabelledEnum):
    AB429 = "ab429", "AB 429 (services only)"
    AB135 = "ab135", "AB 135 (cash aid and services)"


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
    COURT_DATES = "court_dates", "Court dates"
    EMPLOYMENT = "employment", "Employment"


class ChangeSource(LabelledEnum):
    """Who told the EC about a significant change (R-ID-10: usually the social worker)."""

    SOCIAL_WORKER = "social_worker", "The social worker"
    CLIENT = "client", "The client"
    COURT = "court", "Court papers or court staff"
    ELIGIBILITY = "eligibility", "The eligibility worker"
    PROVIDER = "provider", "A service provider"
    OTHER = "other", "Someone else"


class ChangeResolution(LabelledEnum):
    """What the EC decided after re-evaluating participation (R-CL-06, R-PL-10)."""

    NO_CHANGE = "no_change", "No change to the plan"
    AMEND_PLAN = "amend_plan", "Amend the plan"
    START_CLOSING = "start_closing", "Start closing the case"


class ExcuseReason(LabelledEnum):
    """Why scheduled hours were excused (policy.tracking.EXCUSE_REASONS, R-GC-02)."""

    PROVIDER_CANCELLED = "provider_cancelled", "Provider cancelled"
    ILLNESS = "illness", "Illness"
    COURT = "court", "Court"
    CHILD_CARE_UNAVAILABLE = "child_care_unavailable", "Child care not available"
    TRANSPORTATION = "transportation", "Transportation"
    HOLIDAY = "holiday", "Holiday"
    OTHER = "other", "Other"


class ContactChannel(LabelledEnum):
    """How the EC and the social worker were in touch (seed 000 "ongoing communication")."""

    PHONE = "phone", "Phone"
    EMAIL = "email", "E-mail"
    MEETING = "meeting", "Meeting"
    CFT = "cft", "Child and Family Team meeting"


class ContactTopic(LabelledEnum):
    """What seed 000 asks the two workers to keep each other told of."""

    WTW_PARTICIPATION = "wtw_participation", "WTW participation"
    ACTIVITIES_HOURS = "activities_hours", "Activities and hours"
    CFS_PLAN_CHANGES = "cfs_plan_changes", "Changes to the child-welfare case plan"
    SERVICES_REFERRALS = "services_referrals", "Services and referrals"
    PLAN_COPY_SENT = "plan_copy_sent", "Plan copy sent"
