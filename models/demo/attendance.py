"""The SCD/SCZ 1811 A attendance rows of the demo's active plans: six past weeks, every hour
attended except the catalog's few absences (TRACKING_EXCEPTIONS); the newest week is not yet
verified by the providers, as on a Monday morning. For the due list's spread (issue 15) one EC
has not typed last week's sheets yet, and one provider never sent an older week's sheet."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.demo.catalog import TRACKING_EXCEPTIONS
from models.plan import PlanVersion
from models.tracking import TrackingEntry

# Last week not yet recorded: the due list shows "Last week's attendance not recorded" today.
NOT_YET_RECORDED = frozenset({"herrera"})
# The provider never verified the week three weeks back: "Hours not verified after two weeks".
NEVER_VERIFIED_WEEK = {"dawson": 3}


def add_tracking(
    db: Session, weeks: list[date], case_key: str, version: PlanVersion, case: MutualCase
) -> None:
    """Past weeks of SCD/SCZ 1811 A rows (R-CF-03), with the odd absence."""
    exceptions = TRACKING_EXCEPTIONS.get(case_key, {})
    newest = len(weeks) - 1
    if case_key in NOT_YET_RECORDED:
        weeks, newest = weeks[:-1], newest - 1
    for week_number, week in enumerate(weeks):
        # The providers have not sent last week's sheets (nor, for one case, an older one).
        verified = week_number not in (newest, NEVER_VERIFIED_WEEK.get(case_key))
        for activity in version.activities:
            if activity.start_on and activity.start_on > week:
                continue
            hours = float(activity.hours_per_week)
            attended, excused, reason, comment = exceptions.get(
                (week_number, activity.kind), (hours, 0, "", "")
            )
            db.add(
                TrackingEntry(
                    activity_id=activity.id,
                    week_start=week,
                    scheduled_hours=hours,
                    attended_hours=attended,
                    excused_hours=excused,
                    absence_reason=reason,
                    provider_verified=verified,
                    verified_by=activity.provider_name if verified else "",
                    verified_on=week + timedelta(days=7) if verified else None,
                    sw_comment=comment,
                    recorded_by_id=case.assigned_worker_id,
                    recorded_at=datetime.combine(
                        week + timedelta(days=7), time(17), tzinfo=timezone.utc
                    ),
                )
            )
