"""A county's changes to the state calendar for its offices (§e Q8): a closure added, or a state
holiday on which the offices stay open. Due dates that count working days are counted again by
the flush hook (models/operations/due.py). Flushes, never commits."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from models.county import CountyProfile, HolidayOverride


def add_closure(
    db: Session, county: CountyProfile, day: date, name: str, reason: str = ""
) -> HolidayOverride:
    change = HolidayOverride(county_id=county.id, day=day, closed=True, name=name, reason=reason)
    db.add(change)
    db.flush()
    return change


def keep_open(
    db: Session, county: CountyProfile, day: date, name: str, reason: str = ""
) -> HolidayOverride:
    """The offices work on this state holiday (``name`` is the holiday's)."""
    change = HolidayOverride(
        county_id=county.id, day=day, closed=False, name=f"{name} (offices open)", reason=reason
    )
    db.add(change)
    db.flush()
    return change


def remove_change(db: Session, change: HolidayOverride) -> None:
    db.delete(change)
    db.flush()
