"""How one invented demo case is written down: `DemoCase`, its `DemoChild`ren and the
`DemoActivity` rows of its plan (the county row files list them; builder.py turns them into rows).

Every day count is relative to the demo's `today`, so the demo looks current on any day. The
field names say whether they count county working days or calendar days.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from models.enums import ActivitySource, CalworksStatus, IdentifiedBy, ServiceComponent, Stage


@dataclass(frozen=True, kw_only=True)
class DemoChild:
    name: str
    age: int  # in whole years, plus days_since_birthday
    days_since_birthday: int = 0
    removed_days_ago: int | None = None  # removed from the home this many calendar days ago


@dataclass(frozen=True, kw_only=True)
class DemoActivity:
    source: ActivitySource
    kind: str  # a policy.federal kind, so the WPR badge can classify it
    hours_per_week: float
    schedule: str
    name: str = ""  # empty: the catalog's name for the kind
    provider_name: str = ""  # empty: the county's provider for the kind in the catalog
    progress_standard: str = ""  # empty: the catalog's standard for the kind
    on_1811: bool = True


class ActivityDetails(TypedDict):
    """Name, provider and progress standard shared by several activities."""

    name: str
    provider_name: str
    progress_standard: str


AA_MEETINGS = ActivityDetails(
    name="AA meetings",
    provider_name="AA/NA community meetings",
    progress_standard="Attend every scheduled meeting; the meeting secretary signs the card.",
)
NA_MEETINGS = ActivityDetails(
    name="NA meetings",
    provider_name=AA_MEETINGS["provider_name"],
    progress_standard=AA_MEETINGS["progress_standard"],
)


def cfs_activity(
    *,
    kind: str,
    hours: float,
    schedule: str,
    name: str = "",
    provider_name: str = "",
    progress_standard: str = "",
    on_1811: bool = True,
) -> DemoActivity:
    """A child-welfare case-plan activity (CFS in Orange, DFCS in Santa Clara), `hours` a week as
    the social worker gave them (R-CF-05)."""
    return DemoActivity(
        source=ActivitySource.CFS,
        kind=kind,
        hours_per_week=hours,
        schedule=schedule,
        name=name,
        provider_name=provider_name,
        progress_standard=progress_standard,
        on_1811=on_1811,
    )


def wtw_activity(
    *,
    kind: str,
    hours: float,
    schedule: str,
    name: str = "",
    provider_name: str = "",
    progress_standard: str = "",
    on_1811: bool = True,
) -> DemoActivity:
    """A WTW activity filling the weekly hours the CFS/DFCS plan leaves (R-CF-04)."""
    return DemoActivity(
        source=ActivitySource.WTW,
        kind=kind,
        hours_per_week=hours,
        schedule=schedule,
        name=name,
        provider_name=provider_name,
        progress_standard=progress_standard,
        on_1811=on_1811,
    )


@dataclass(frozen=True, kw_only=True)
class DemoCase:
    key: str  # how events.py and the catalog's tracking exceptions refer to the case
    stage: Stage
    # the parent (the participant)
    first_name: str
    last_name: str
    age: int
    children: tuple[DemoChild, ...]
    # the child-welfare case, and how the mutual case was found
    service_component: ServiceComponent
    identified_by: IdentifiedBy
    # the case's history, counted back from today in county working days
    identified_working_days_ago: int
    assigned_working_days_ago: int | None = None  # ECs take assigned cases in turn
    # > 0: the joint meeting is this many working days ahead;
    # <= 0: it was held that many working days ago (0 = today)
    meeting_in_working_days: int | None = None
    sw_agreed_working_days_ago: int | None = None  # SW agreed the plan (R-MT-07)
    signed_working_days_ago: int | None = None  # client and EC signed the plan
    # required to participate this many calendar days ago (R-PL-02); 0: from identification
    required_from_calendar_days_ago: int = 0
    language: str = "en"
    social_worker_index: int = 0  # which of the county's demo social workers has the case
    protective_custody: bool = False
    jurisdiction_hearing_entered: bool = False  # the SW entered the jurisdiction hearing date
    calworks_status: CalworksStatus = CalworksStatus.ACTIVE
    address_suppressed: bool = False  # Safe at Home / DA address (R-DA-03)
    reunification_program: str = ""  # "ab429": the plan ends with the FR services (R-FR-04)
    meeting_story: int = 0  # which of the catalog's MEETING_STORIES the joint meeting noted
    meeting_note: str = ""
    not_mutual_reason: str = ""  # Stage.NOT_MUTUAL only
    activities: tuple[DemoActivity, ...] = ()
