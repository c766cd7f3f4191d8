"""Which kinds of activity can come from which side of the plan (domain.md §c4, R-CF-01..06).

A child-welfare (CFS/DFCS) row carries an item of the social worker's case plan: counseling,
parenting, visitation, court, social-worker contacts, CFT meetings, doctor visits in the case
plan and the county's catch-all code (R-CF-01, R-CF-05, R-CF-06). Mental-health,
substance-abuse and domestic-abuse services can be either: an item of the case plan (Orange's
CFS rows "can include CalWORKs Behavioral Health Services or Domestic Abuse Services", R-CF-05;
Santa Clara records them as their own activities, R-CF-06) or a WTW service the EC assigns.
Work, job search and education are WTW activities only: a social worker does not assign them,
so "Job search" never comes from CFS (R-FD-01 core list; R-CF-04 the EC assigns the WTW rest).

Kinds are the plain codes of ``models.enums.ActivityKind`` (the keys of ``policy.federal``).
"""

from __future__ import annotations

CFS, WTW = "cfs", "wtw"

CASE_PLAN_ONLY = frozenset(
    {
        "cfs",
        "dfcs",
        "counseling",
        "parenting",
        "parenting_class",
        "visitation",
        "court",
        "sw_contact",
        "cft",
        "medical_in_case_plan",
    }
)
EITHER = frozenset(
    {
        "mental_health",
        "substance_abuse",
        "aa_na",
        "drug_treatment",
        "domestic_abuse",
        "dv_services",
    }
)
WTW_ONLY = frozenset(
    {
        "job_search",
        "job_readiness",
        "employment",
        "employment_ft",
        "employment_pt",
        "subsidized_employment",
        "work_experience",
        "on_the_job_training",
        "community_service",
        "vocational_education",
        "voc_ed",
        "job_skills_training",
        "adult_ed",
        "education",
    }
)
KIND_SOURCES: dict[str, frozenset[str]] = {
    **{kind: frozenset({CFS}) for kind in CASE_PLAN_ONLY},
    **{kind: frozenset({CFS, WTW}) for kind in EITHER},
    **{kind: frozenset({WTW}) for kind in WTW_ONLY},
}


def sources_of(kind: str) -> frozenset[str]:
    """Where an activity of this kind can come from: {"cfs"}, {"wtw"} or both (R-CF-05, R-CF-06).

    An unknown kind raises ``ValueError``, so a new activity code is placed on purpose."""
    try:
        return KIND_SOURCES[kind]
    except KeyError:
        raise ValueError(f"unknown activity kind {kind!r}") from None


def kind_fits(kind: str, source: str) -> bool:
    """Whether a row from ``source`` ("cfs" or "wtw") may be of this kind; a kind not chosen yet
    fits either (the form asks for it separately) (R-CF-01, R-CF-05, R-CF-06)."""
    if not kind:
        return True
    return source in sources_of(kind)


def kinds_for(source: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The kinds, in the given order, that a row from ``source`` may have (R-CF-05, R-CF-06)."""
    return tuple(kind for kind in kinds if kind_fits(kind, source))
