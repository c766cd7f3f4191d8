"""A county's office calendar for one year as its administrator reviews it (§e Q8): the state
holidays, with the county's changes to them, and its own closures."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.county import CountyProfile, Holiday, HolidayOverride
from models.enums import HolidayCalendar


class CalendarDay(NamedTuple):
    day: date
    name: str
    closed: bool  # the offices are closed that day
    source: str  # "state" | "county closure" | "state, offices open"
    change: HolidayOverride | None  # the county's row, when the day is its change
    reason: str


def state_holidays(db: Session, year: int) -> dict[date, str]:
    stmt = select(Holiday.day, Holiday.name).where(
        Holiday.calendar == HolidayCalendar.STATE,
        Holiday.day.between(date(year, 1, 1), date(year, 12, 31)),
    )
    return {day: name for day, name in db.execute(stmt.order_by(Holiday.day))}


def county_changes(db: Session, county: CountyProfile, year: int) -> dict[date, HolidayOverride]:
    stmt = select(HolidayOverride).where(
        HolidayOverride.county_id == county.id,
        HolidayOverride.day.between(date(year, 1, 1), date(year, 12, 31)),
    )
    return {row.day: row for row in db.scalars(stmt)}


def year_calendar(db: Session, county: CountyProfile, year: int) -> list[CalendarDay]:
    """Every day of ``year`` the state calendar or the county names, in date order."""
    state = state_holidays(db, year)
    changes = county_changes(db, county, year)
    days = []
    for day in sorted(state.keys() | changes.keys()):
        change = changes.get(day)
        if change is None:
            days.append(CalendarDay(day, state[day], True, "state", None, ""))
        elif change.closed:
            days.append(
                CalendarDay(day, change.name, True, "county closure", change, change.reason)
            )
        else:
            name = state.get(day, change.name)
            days.append(CalendarDay(day, name, False, "state, offices open", change, change.reason))
    return days


def state_years(db: Session) -> list[int]:
    """The years the state calendar is loaded for (a change outside them could not be counted)."""
    stmt = select(Holiday.day).where(Holiday.calendar == HolidayCalendar.STATE)
    return sorted({day.year for day in db.scalars(stmt)})
