"""Holiday sets read from the database, for the pure functions in policy.calendar.

Each set says which years it covers (policy.calendar.LoadedHolidays): a year counts as loaded
when the court or state calendar has rows for it, so a count reaching past the loaded years is
refused (CalendarNotLoaded) rather than silently skipping no holidays."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.county import CountyProfile, Holiday, HolidayOverride
from models.enums import HolidayCalendar
from policy.calendar import CalendarNotLoaded, LoadedHolidays


def court_holidays(db: Session) -> LoadedHolidays:
    """California judicial holidays (R-WD-02/03), as seeded, covering the years that have rows."""
    days = set(db.scalars(select(Holiday.day).where(Holiday.calendar == HolidayCalendar.COURT)))
    return LoadedHolidays(days, {day.year for day in days})


def office_holidays(db: Session, county: CountyProfile) -> LoadedHolidays:
    """A county office's closures: the state calendar plus the county's overrides (R-WD-01, §e Q8).

    Covers the years the state calendar has rows for; an override alone does not load a year."""
    days = set(db.scalars(select(Holiday.day).where(Holiday.calendar == HolidayCalendar.STATE)))
    years = {day.year for day in days}
    for override in db.scalars(
        select(HolidayOverride).where(HolidayOverride.county_id == county.id)
    ):
        (days.add if override.closed else days.discard)(override.day)
    return LoadedHolidays(days, years)


def loaded_years(db: Session) -> dict[HolidayCalendar, set[int]]:
    """The years each shared calendar (court, state) has rows for."""
    years: dict[HolidayCalendar, set[int]] = {cal: set() for cal in HolidayCalendar}
    for calendar, day in db.execute(select(Holiday.calendar, Holiday.day)):
        years[calendar].add(day.year)
    return years


def overrides_in_year(db: Session, year: int) -> list[tuple[CountyProfile, list[HolidayOverride]]]:
    """Every county (by name) with its office-calendar changes falling in ``year`` (§e Q8)."""
    found: dict[int, list[HolidayOverride]] = defaultdict(list)
    rows = db.scalars(
        select(HolidayOverride)
        .where(HolidayOverride.day.between(date(year, 1, 1), date(year, 12, 31)))
        .order_by(HolidayOverride.day)
    )
    for row in rows:
        found[row.county_id].append(row)
    counties = db.scalars(select(CountyProfile).order_by(CountyProfile.name))
    return [(county, found.get(county.id, [])) for county in counties]


def not_loaded_message(exc: CalendarNotLoaded) -> str:
    """What a screen says instead of a date it cannot count (R-WD-01, §e Q8)."""
    return (
        f"Holiday calendar for {exc.year} is not loaded: ask your administrator to run "
        f"`flask load-holidays {exc.year}`."
    )


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
