"""Holiday sets read from the database, for the pure functions in policy.calendar."""

from __future__ import annotations

from datetime import date

import holidays as holidays_lib
from sqlalchemy import select
from sqlalchemy.orm import Session

from policy.calendar import court_holiday_names

from .county import CountyProfile, Holiday, HolidayOverride
from .enums import HolidayCalendar

SEED_YEARS = (2026, 2027)


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


def seed_holidays(db: Session, years: tuple[int, ...] = SEED_YEARS) -> int:
    """Insert the court calendar (computed by policy) and the California state calendar (from the
    `holidays` package) for the given years; existing days are left alone. Returns rows added."""
    existing = {(h.calendar, h.day) for h in db.scalars(select(Holiday))}
    added = 0
    for year in years:
        rows: list[tuple[HolidayCalendar, date, str, str]] = [
            (HolidayCalendar.COURT, d, name, "policy.calendar.court_holidays (CCP 135, CRC 1.11)")
            for d, name in court_holiday_names(year).items()
        ]
        state = holidays_lib.country_holidays("US", subdiv="CA", years=year)
        rows += [
            (HolidayCalendar.STATE, d, name, f"holidays {holidays_lib.__version__} US-CA")
            for d, name in state.items()
        ]
        for cal, day, name, source in rows:
            if (cal, day) not in existing:
                db.add(Holiday(calendar=cal, day=day, name=name[:120], source=source))
                existing.add((cal, day))
                added += 1
    return added
