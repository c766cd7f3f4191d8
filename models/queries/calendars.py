"""Holiday sets read from the database, for the pure functions in policy.calendar."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.county import CountyProfile, Holiday, HolidayOverride
from models.enums import HolidayCalendar


def court_holidays(db: Session) -> set[date]:
    """California judicial holidays (R-WD-02/03), as seeded."""
    return set(db.scalars(select(Holiday.day).where(Holiday.calendar == HolidayCalendar.COURT)))


def office_holidays(db: Session, county: CountyProfile) -> set[date]:
    """A county office's closures: the state calendar plus the county's overrides (R-WD-01, §e Q8)."""
    days = set(db.scalars(select(Holiday.day).where(Holiday.calendar == HolidayCalendar.STATE)))
    for override in db.scalars(
        select(HolidayOverride).where(HolidayOverride.county_id == county.id)
    ):
        (days.add if override.closed else days.discard)(override.day)
    return days


def office_holidays_between(
    db: Session, county: CountyProfile, start: date, end: date
) -> dict[date, str]:
    """The county office's closed days from start to end, with their names (R-WD-01, §e Q8)."""
    state = db.execute(
        select(Holiday.day, Holiday.name).where(
            Holiday.calendar == HolidayCalendar.STATE, Holiday.day.between(start, end)
        )
    )
    days = {day: name for day, name in state}
    overrides = db.scalars(
        select(HolidayOverride).where(
            HolidayOverride.county_id == county.id, HolidayOverride.day.between(start, end)
        )
    )
    for override in overrides:
        if override.closed:
            days[override.day] = override.name
        else:
            days.pop(override.day, None)
    return dict(sorted(days.items()))
