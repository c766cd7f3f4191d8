"""Working days, court days and the California judicial holiday calendar.

Holiday sets are passed in, never looked up, because each county office keeps its own
calendar (R-WD-01, §e Q8); only the court calendar is computed here, by rule. A set read from
the database says which years it covers (``LoadedHolidays``): a count that needs a weekday of
any other year is refused (``CalendarNotLoaded``) instead of silently skipping no holidays.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta

FIRST_YEAR = 1990
LAST_YEAR = 2100

_SATURDAY = 5
_SUNDAY = 6
_MONDAY, _THURSDAY, _FRIDAY = 0, 3, 4


class CalendarNotLoaded(ValueError):
    """A day count needs the holidays of a year whose calendar is not loaded (R-WD-01, R-WD-02).

    Counting on would skip no holidays in that year and give a date too early (§e Q8).
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"the holiday calendar for {year} is not loaded")


class LoadedHolidays(frozenset[date]):
    """Holiday days plus the years they are known for (R-WD-01, R-WD-02, §e Q8).

    Used wherever a plain holiday set is; the counting functions below refuse a weekday of a
    year outside ``years`` with ``CalendarNotLoaded``. A plain set or frozenset covers every
    year (the behaviour for callers that pass holidays they computed themselves).
    """

    years: frozenset[int]

    def __new__(cls, days: Iterable[date] = (), years: Iterable[int] = ()) -> LoadedHolidays:
        made = super().__new__(cls, days)
        made.years = frozenset(years)
        return made

    def __repr__(self) -> str:
        return f"LoadedHolidays({len(self)} days, years={sorted(self.years)})"


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    """Monday to Friday and not in ``holidays`` (R-WD-01).

    Raises ``CalendarNotLoaded`` for a weekday of a year ``holidays`` does not cover (a
    ``LoadedHolidays``); weekends need no calendar.
    """
    if day.weekday() >= _SATURDAY:
        return False
    if isinstance(holidays, LoadedHolidays) and day.year not in holidays.years:
        raise CalendarNotLoaded(day.year)
    return day not in holidays


def _check_days(days: int) -> None:
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValueError(f"days must be a whole number, got {days!r}")
    if days < 0:
        raise ValueError(f"days must be 0 or more, got {days}")


def add_working_days(start: date, days: int, holidays: Collection[date]) -> date:
    """The ``days``-th working day after ``start``, which is day 0 (R-WD-05, R-WD-01).

    Weekends and ``holidays`` are skipped; ``days == 0`` returns ``start`` unchanged, even when
    ``start`` is itself a weekend or holiday, because "within 0 days" means the trigger day.
    Raises ``CalendarNotLoaded`` when the count passes a weekday of a year ``holidays`` does
    not cover (see ``LoadedHolidays``).
    """
    _check_days(days)
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def add_court_days(start: date, days: int, court_holidays: Collection[date]) -> date:
    """Same counting as ``add_working_days`` on the court calendar (R-CT-01..03, R-WD-05)."""
    return add_working_days(start, days, court_holidays)


def previous_working_day(day: date, holidays: Collection[date]) -> date:
    """The last working day strictly before ``day`` (R-MT-02 "before court", R-WD-01).

    Raises ``CalendarNotLoaded`` like ``add_working_days`` when a weekday it looks at is in a
    year ``holidays`` does not cover.
    """
    candidate = day - timedelta(days=1)
    while not is_working_day(candidate, holidays):
        candidate -= timedelta(days=1)
    return candidate


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last = next_month - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    # CCP 135 / CRC 1.11: a Saturday holiday moves back to Friday, a Sunday one forward.
    if day.weekday() == _SATURDAY:
        return day - timedelta(days=1)
    if day.weekday() == _SUNDAY:
        return day + timedelta(days=1)
    return day


def _actual_holidays(year: int) -> list[tuple[date, str]]:
    thanksgiving = _nth_weekday(year, 11, _THURSDAY, 4)
    return [
        (date(year, 1, 1), "New Year's Day"),
        (_nth_weekday(year, 1, _MONDAY, 3), "Martin Luther King Jr. Day"),
        (date(year, 2, 12), "Lincoln's Birthday"),
        (_nth_weekday(year, 2, _MONDAY, 3), "Washington's Birthday (Presidents' Day)"),
        (date(year, 3, 31), "César Chávez Day"),
        (_last_weekday(year, 5, _MONDAY), "Memorial Day"),
        (date(year, 6, 19), "Juneteenth"),
        (date(year, 7, 4), "Independence Day"),
        (_nth_weekday(year, 9, _MONDAY, 1), "Labor Day"),
        (_nth_weekday(year, 9, _FRIDAY, 4), "Native American Day"),
        (date(year, 11, 11), "Veterans Day"),
        (thanksgiving, "Thanksgiving Day"),
        (thanksgiving + timedelta(days=1), "Day after Thanksgiving"),
        (date(year, 12, 25), "Christmas Day"),
    ]


def court_holiday_names(year: int) -> dict[date, str]:
    """Observed California judicial holidays falling in ``year``, with names (R-WD-02, R-WD-03).

    Grouped by the year of the *observed* date: when next New Year's Day is a Saturday it is
    observed on 31 December of ``year`` and listed here, and not in the following year. The
    current statutory list is applied to every year; historical calendars are not modelled.
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"year must be a whole number, got {year!r}")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year must be between {FIRST_YEAR} and {LAST_YEAR}, got {year}")
    names: dict[date, str] = {}
    for year_of_rule in (year, year + 1):
        for actual, name in _actual_holidays(year_of_rule):
            observed = _observed(actual)
            if observed.year != year:
                continue
            label = name if observed == actual else f"{name} (observed)"
            # Two holidays never share an observed day under the current list; joining
            # keeps the data honest if the statute ever changes.
            names[observed] = f"{names[observed]}; {label}" if observed in names else label
    return dict(sorted(names.items()))


def court_holidays(year: int) -> set[date]:
    """Observed California judicial holidays falling in ``year`` (R-WD-02, R-WD-03)."""
    return set(court_holiday_names(year))


def court_holidays_for_years(years: Iterable[int]) -> set[date]:
    """Union of ``court_holidays`` over several years, for spans crossing New Year (R-WD-02)."""
    result: set[date] = set()
    for year in years:
        result |= court_holidays(year)
    return result


def court_holidays_around(day: date, years_after: int = 1) -> set[date]:
    """Court holidays from ``day``'s year through ``years_after`` more years (R-WD-02, R-CT-03).

    Convenience for deadline code: a 15-court-day count from late December needs January too.
    """
    if isinstance(years_after, bool) or not isinstance(years_after, int) or years_after < 0:
        raise ValueError(f"years_after must be a whole number 0 or more, got {years_after!r}")
    return court_holidays_for_years(range(day.year, day.year + years_after + 1))
