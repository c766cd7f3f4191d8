"""The bridge between stored plan rows and policy.hours (the same numbers on every screen)."""

from __future__ import annotations

from models.plan import PlanVersion
from policy.hours import Activity


def activities_for_policy(version: PlanVersion) -> list[Activity]:
    return [
        Activity(
            name=a.name,
            hours=float(a.hours_per_week),
            source=a.source.value,
            on_wtw2=a.on_wtw2,
            on_1811=a.on_1811,
        )
        for a in version.activities
    ]
