"""The bridge between stored plan rows and policy.hours (the same numbers on every screen)."""

from __future__ import annotations

from models.cases import MutualCase
from models.enums import WtwStatus
from models.plan import PlanVersion
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
