"""Reference data every installation needs: the two county profiles and the holiday calendars."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import holidays as holidays_lib
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.county import CountyProfile, Holiday, HolidayOverride
from models.enums import HolidayCalendar
from policy.calendar import FIRST_YEAR, LAST_YEAR, court_holiday_names

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


def ensure_reference_data(db: Session, today: date | None = None) -> None:
    """Create what is missing; never overwrite a county's edited settings or office calendar
    (its known closures are seeded with the county, once). With ``today``, the
    holiday calendars of its year and the next are loaded too (``years_needed``)."""
    have = {c.code: c for c in db.scalars(select(CountyProfile))}
    created = set()
    for code, values in COUNTIES.items():
        if code not in have:
            have[code] = CountyProfile(code=code, **values)
            db.add(have[code])
            created.add(code)
    db.flush()
    for code, rows in COUNTY_OVERRIDES.items():
        if code not in created:
            continue  # the county's administrator keeps its office calendar from here on
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
    seed_holidays(db, years_needed(today) if today else SEED_YEARS)
    db.flush()


# The least every installation has; init-db adds the current year and the next (years_needed).
SEED_YEARS = (2026, 2027)


def years_needed(today: date) -> tuple[int, ...]:
    """SEED_YEARS plus ``today``'s year and the next: a count from late December needs January."""
    wanted = {*SEED_YEARS, today.year, today.year + 1}
    return tuple(sorted(y for y in wanted if FIRST_YEAR <= y <= LAST_YEAR))


@dataclass(frozen=True)
class YearLoaded:
    """What loading one year's calendars did: days added and days now present, per calendar."""

    year: int
    court_added: int
    state_added: int
    court_days: int
    state_days: int

    @property
    def added(self) -> int:
        return self.court_added + self.state_added


def seed_holidays(db: Session, years: Iterable[int] = SEED_YEARS) -> int:
    """Insert the court calendar (computed by policy) and the California state calendar (from the
    `holidays` package) for the given years; existing days are left alone. Returns rows added."""
    return sum(year.added for year in load_holiday_years(db, years))


def load_holiday_years(db: Session, years: Iterable[int]) -> list[YearLoaded]:
    """``seed_holidays`` year by year, saying what each year got (for `flask load-holidays`)."""
    existing = {(h.calendar, h.day) for h in db.scalars(select(Holiday))}
    report = []
    for year in sorted(set(years)):
        rows: list[tuple[HolidayCalendar, date, str, str]] = [
            (HolidayCalendar.COURT, d, name, "policy.calendar.court_holidays (CCP 135, CRC 1.11)")
            for d, name in court_holiday_names(year).items()
        ]
        state = holidays_lib.country_holidays("US", subdiv="CA", years=year)
        rows += [
            (HolidayCalendar.STATE, d, name, f"holidays {holidays_lib.__version__} US-CA")
            for d, name in state.items()
        ]
        added: Counter[HolidayCalendar] = Counter()
        present: Counter[HolidayCalendar] = Counter()
        for cal, day, name, source in rows:
            present[cal] += 1
            if (cal, day) not in existing:
                db.add(Holiday(calendar=cal, day=day, name=name[:120], source=source))
                existing.add((cal, day))
                added[cal] += 1
        report.append(
            YearLoaded(
                year,
                court_added=added[HolidayCalendar.COURT],
                state_added=added[HolidayCalendar.STATE],
                court_days=present[HolidayCalendar.COURT],
                state_days=present[HolidayCalendar.STATE],
            )
        )
    db.flush()
    return report
