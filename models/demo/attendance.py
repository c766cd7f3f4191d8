"""The SCD/SCZ 1811 A attendance rows of the demo's active plans: three past weeks, every hour
attended except the catalog's few absences (TRACKING_EXCEPTIONS)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from models.demo.catalog import TRACKING_EXCEPTIONS
from models.plan import PlanVersion
from models.tracking import TrackingEntry


def add_tracking(db: Session, weeks: list[date], case_key: str, version: PlanVersion) -> None:
    """Three past weeks of SCD/SCZ 1811 A rows (R-CF-03), with the odd absence."""
    exceptions = TRACKING_EXCEPTIONS.get(case_key, {})
    for week_number, week in enumerate(weeks):
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
                    provider_verified=True,
                    verified_by=activity.provider_name,
                    verified_on=week + timedelta(days=7),
                    sw_comment=comment,
                )
            )
