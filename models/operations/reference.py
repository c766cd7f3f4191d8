"""Reference data every installation needs: the two county profiles and the holiday calendars."""

from __future__ import annotations

from datetime import date

import holidays as holidays_lib
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.county import CountyProfile, Holiday, HolidayOverride
from models.enums import HolidayCalendar
from policy.calendar import court_holiday_names

COUNTIES = {
    "orange": dict(
        name="Orange County",
        cw_division_label="CFS",
        wtw_program_label="FSS",
        specialist_title="Specialized CM",
        uses_1811=False,
        forms="WTW 1,WTW 2",
        imaging_system="OnBase",
        offers_fsp=False,
        offers_bfh=False,
        meeting_anchor="assigned",
        # §e Q3: Policy 403 sets no day count; proposed default: no deadline until Orange confirms.
        meeting_deadline_applies=False,
    ),
    "santa_clara": dict(
        name="Santa Clara County",
        cw_division_label="DFCS",
        wtw_program_label="CWES",
        specialist_title="Partnership EC",
        uses_1811=True,
        forms="WTW 1,WTW 2,SCD/SCZ 1811,SCD/SCZ 1811 A,SCZ 1812",
        imaging_system="IDM",
        offers_fsp=True,
        offers_bfh=True,
        meeting_anchor="assigned",
        meeting_deadline_applies=True,
    ),
}

# S79: Santa Clara County has paid Juneteenth as a county holiday since 2021. It is also on the
# state list today; the override keeps it closed should the state list drop it.
COUNTY_OVERRIDES = {
    "santa_clara": [
        (date(2026, 6, 19), True, "Juneteenth (county holiday)", "S79: county holiday since 2021"),
        (date(2027, 6, 18), True, "Juneteenth observed (county holiday)", "S79"),
    ],
}


def ensure_reference_data(db: Session) -> None:
    """Create what is missing; never overwrite a county's edited settings."""
    have = {c.code: c for c in db.scalars(select(CountyProfile))}
    for code, values in COUNTIES.items():
        if code not in have:
            have[code] = CountyProfile(code=code, **values)
            db.add(have[code])
    db.flush()
    for code, rows in COUNTY_OVERRIDES.items():
        county = have[code]
        days = set(
            db.scalars(select(HolidayOverride.day).where(HolidayOverride.county_id == county.id))
        )
        for day, closed, name, reason in rows:
            if day not in days:
                db.add(
                    HolidayOverride(
                        county_id=county.id, day=day, closed=closed, name=name, reason=reason
                    )
                )
    seed_holidays(db)
    db.flush()


SEED_YEARS = (2026, 2027)


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
