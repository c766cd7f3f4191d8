"""Federal TANF work-participation tags: informational only, never a client-facing rule.

Since 1 May 2022 only the state standard decides an individual's compliance (R-CF-09); the
federal view is an internal WPR badge (R-FD-01..06, E09). Re-exported by ``policy.hours``.
"""

from __future__ import annotations

CLASSES: tuple[str, ...] = ("core", "noncore", "jsjr_capped", "not_countable")

# Kinds follow the plan's activity codes and CFS subtypes (domain.md §c C4), lower-case.
FEDERAL_WPR_CLASSES: dict[str, str] = {
    # Child-welfare case-plan items are not federal work activities at all (R-FD-06).
    "cfs": "not_countable",
    "dfcs": "not_countable",
    "counseling": "not_countable",
    "parenting": "not_countable",
    "parenting_class": "not_countable",
    "visitation": "not_countable",
    "court": "not_countable",
    "sw_contact": "not_countable",
    "cft": "not_countable",
    "medical_in_case_plan": "not_countable",
    # MH, SA and DA services count only as time-capped job search/readiness (R-FD-04, S101),
    # and so does job search itself, which is what the cap is named after.
    "mental_health": "jsjr_capped",
    "substance_abuse": "jsjr_capped",
    "aa_na": "jsjr_capped",  # AA/NA meetings are substance-abuse services (R-CF-01, S101)
    "drug_treatment": "jsjr_capped",
    "domestic_abuse": "jsjr_capped",
    "dv_services": "jsjr_capped",
    "job_search": "jsjr_capped",
    "job_readiness": "jsjr_capped",
    # The core list of 45 CFR 261.30 (R-FD-01).
    "employment": "core",
    "employment_ft": "core",
    "employment_pt": "core",
    "subsidized_employment": "core",
    "work_experience": "core",
    "on_the_job_training": "core",
    "community_service": "core",
    "vocational_education": "core",
    "voc_ed": "core",
    # Counted federally only above the core hours (R-FD-03).
    "job_skills_training": "noncore",
    "adult_ed": "noncore",
    "education": "noncore",
}


def federal_wpr_class(activity_kind: str) -> str:
    """Federal WPR tag for an activity kind, for an internal badge only (R-FD-04, R-FD-06).

    Returns "core", "noncore", "jsjr_capped" or "not_countable"; an unknown kind raises, so a
    new activity code is classified on purpose rather than silently.
    """
    if not isinstance(activity_kind, str):
        raise ValueError(f"activity kind must be text, got {activity_kind!r}")
    key = activity_kind.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return FEDERAL_WPR_CLASSES[key]
    except KeyError:
        raise ValueError(
            f"unknown activity kind {activity_kind!r}; expected one of "
            f"{', '.join(sorted(FEDERAL_WPR_CLASSES))}"
        ) from None
