"""The bridge between stored plan rows and policy.hours (the same numbers on every screen)."""

from __future__ import annotations

from models.cases import MutualCase
from models.enums import WtwStatus
from models.plan import PlanVersion
from policy.activity_findings import ActivityFacts, missing_items
from policy.findings import Finding
from policy.hours import Activity

# How a participant's WTW status reads for reconcile: only a mandatory participant's shortfall
# is an error (E29, R-FS-02, R-EX-09, R-GC-01).
PARTICIPATION = {
    WtwStatus.GOOD_CAUSE: "good_cause",
    WtwStatus.EXEMPT: "exempt_volunteer",
    WtwStatus.EXEMPT_VOLUNTEER: "exempt_volunteer",
    WtwStatus.FAMILY_STABILIZATION: "family_stabilization",
}


def participation_of(case: MutualCase) -> str:
    """ "mandatory", "good_cause", "exempt_volunteer" or "family_stabilization"."""
    return PARTICIPATION.get(case.participant.wtw_status, "mandatory")


def activities_for_policy(version: PlanVersion) -> list[Activity]:
    return [
        Activity(
            name=a.name,
            hours=float(a.hours_per_week),
            source=a.source.value,
            on_wtw2=a.on_wtw2,
            on_1811=a.on_1811,
            kind=a.kind,
        )
        for a in version.activities
    ]


def missing_item_findings(version: PlanVersion) -> list[Finding]:
    """What each saved activity still lacks for signing (policy.activity_findings: R-PL-03,
    R-PL-05, R-PL-07, R-PL-08), numbered as the plan screen shows the rows."""
    return missing_items(
        [
            ActivityFacts(
                number=position + 1,
                name=a.name,
                provider=a.provider_name,
                schedule=a.schedule,
                start_on=a.start_on,
                end_on=a.end_on,
                progress_standard=a.progress_standard,
                index=position,
            )
            for position, a in enumerate(version.activities)
        ],
        version.period_end,
    )
