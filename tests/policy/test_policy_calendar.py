"""Working days, court days and the judicial holiday calendar (R-WD-01..05, E11, E17)."""

from __future__ import annotations

from datetime import date

import pytest

from policy.calendar import (
    add_court_days,
    add_working_days,
    court_holiday_names,
    court_holidays,
    court_holidays_around,
    court_holidays_for_years,
    is_working_day,
    previous_working_day,
)

pytestmark = pytest.mark.pure

# R-WD-02, typed from domain.md, not computed.
# fmt: off
COURT_2026 = {
    date(2026, 1, 1), date(2026, 1, 19), date(2026, 2, 12), date(2026, 2, 16),
    date(2026, 3, 31), date(2026, 5, 25), date(2026, 6, 19), date(2026, 7, 3),
    date(2026, 9, 7), date(2026, 9, 25), date(2026, 11, 11), date(2026, 11, 26),
    date(2026, 11, 27), date(2026, 12, 25),
}
# fmt: on
# §d "ALT-2026": a county calendar without Lincoln's Birthday and Juneteenth.
ALT_2026 = COURT_2026 - {date(2026, 2, 12), date(2026, 6, 19)}

# 2027 worked by hand from the rules of R-WD-02/03: Jun 19 and Dec 25 fall on Saturdays,
# Jul 4 on a Sunday, and New Year 2028 (a Saturday) is observed on Fri 31 Dec 2027.
# fmt: off
COURT_2027 = {
    date(2027, 1, 1), date(2027, 1, 18), date(2027, 2, 12), date(2027, 2, 15),
    date(2027, 3, 31), date(2027, 5, 31), date(2027, 6, 18), date(2027, 7, 5),
    date(2027, 9, 6), date(2027, 9, 24), date(2027, 11, 11), date(2027, 11, 25),
    date(2027, 11, 26), date(2027, 12, 24), date(2027, 12, 31),
}
# fmt: on


def test_court_holidays_2026_is_exactly_the_r_wd_02_list() -> None:
    assert court_holidays(2026) == COURT_2026


def test_court_holidays_2027_worked_by_hand() -> None:
    assert court_holidays(2027) == COURT_2027


@pytest.mark.parametrize(
    ("day", "is_holiday"),
    [
        pytest.param(date(2026, 7, 3), True, id="2026-jul4-saturday-observed-friday"),
        pytest.param(date(2026, 7, 4), False, id="2026-jul4-saturday-itself-not-listed"),
        pytest.param(date(2027, 7, 5), True, id="2027-jul4-sunday-observed-monday"),
        pytest.param(date(2027, 7, 4), False, id="2027-jul4-sunday-itself-not-listed"),
        pytest.param(date(2027, 12, 24), True, id="2027-christmas-saturday-observed-friday"),
        pytest.param(date(2027, 12, 31), True, id="2028-new-year-saturday-observed-dec-31"),
        pytest.param(date(2022, 12, 26), True, id="2022-christmas-sunday-observed-monday"),
        pytest.param(date(2023, 2, 13), True, id="2023-lincoln-sunday-observed-monday"),
        pytest.param(date(2028, 2, 11), True, id="2028-lincoln-saturday-observed-friday"),
        pytest.param(date(2028, 11, 10), True, id="2028-veterans-saturday-observed-friday"),
    ],
)
def test_weekend_observance(day: date, is_holiday: bool) -> None:
    assert (day in court_holidays(day.year)) is is_holiday


def test_saturday_new_year_belongs_to_the_year_it_is_observed_in() -> None:
    assert date(2028, 1, 1) not in court_holidays(2028)
    assert not any(day.month == 1 and day.day <= 2 for day in court_holidays(2028))
    assert court_holiday_names(2027)[date(2027, 12, 31)] == "New Year's Day (observed)"


def test_names_cover_every_date_and_mark_observed_days() -> None:
    names = court_holiday_names(2026)
    assert set(names) == COURT_2026
    assert names[date(2026, 7, 3)] == "Independence Day (observed)"
    assert names[date(2026, 6, 19)] == "Juneteenth"
    assert names[date(2026, 11, 27)] == "Day after Thanksgiving"


@pytest.mark.parametrize("year", range(1990, 2101), ids=str)
def test_every_observed_court_holiday_is_a_weekday(year: int) -> None:
    holidays = court_holidays(year)
    assert all(day.weekday() < 5 and day.year == year for day in holidays)
    # 14 holidays, one fewer or more when New Year's Day moves across 31 December.
    assert len(holidays) in (13, 14, 15)


@pytest.mark.parametrize("year", [1989, 2101, -5], ids=str)
def test_court_holidays_rejects_years_out_of_range(year: int) -> None:
    with pytest.raises(ValueError, match="between 1990 and 2100"):
        court_holidays(year)


def test_court_holidays_for_years_spans_new_year() -> None:
    both = court_holidays_for_years([2026, 2027])
    assert both == COURT_2026 | COURT_2027
    assert court_holidays_around(date(2026, 12, 30)) == both


@pytest.mark.parametrize(
    ("start", "days", "holidays", "expected"),
    [
        pytest.param(date(2026, 6, 12), 5, COURT_2026, date(2026, 6, 22), id="E11-court"),
        pytest.param(date(2026, 6, 12), 5, ALT_2026, date(2026, 6, 19), id="E11-alt"),
        pytest.param(date(2026, 6, 17), 3, COURT_2026, date(2026, 6, 23), id="E17-court"),
        pytest.param(date(2026, 6, 17), 3, ALT_2026, date(2026, 6, 22), id="E17-alt"),
        pytest.param(date(2026, 11, 25), 3, COURT_2026, date(2026, 12, 2), id="E17-thanksgiving"),
        pytest.param(date(2026, 6, 12), 0, COURT_2026, date(2026, 6, 12), id="zero-days"),
        pytest.param(date(2026, 6, 13), 0, COURT_2026, date(2026, 6, 13), id="zero-days-saturday"),
        pytest.param(date(2026, 6, 13), 1, set(), date(2026, 6, 15), id="saturday-start"),
        pytest.param(date(2026, 6, 14), 2, set(), date(2026, 6, 16), id="sunday-start"),
        pytest.param(date(2026, 6, 12), 5, set(), date(2026, 6, 19), id="no-holidays-week"),
        pytest.param(date(2026, 7, 2), 1, COURT_2026, date(2026, 7, 6), id="observed-jul-3"),
        pytest.param(
            date(2026, 12, 23), 3, COURT_2026 | COURT_2027, date(2026, 12, 29), id="christmas"
        ),
        pytest.param(
            date(2027, 12, 30), 1, COURT_2027, date(2028, 1, 3), id="into-2028-past-dec-31"
        ),
    ],
)
def test_add_working_days(start: date, days: int, holidays: set[date], expected: date) -> None:
    assert add_working_days(start, days, holidays) == expected
    assert add_court_days(start, days, holidays) == expected


@pytest.mark.parametrize(("days", "match"), [(-1, "0 or more"), (1.5, "whole number")])
def test_add_working_days_rejects_bad_counts(days: int, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        add_working_days(date(2026, 6, 12), days, COURT_2026)


@pytest.mark.parametrize(
    ("day", "holidays", "expected"),
    [
        pytest.param(date(2026, 3, 26), COURT_2026, date(2026, 3, 25), id="E15-thursday"),
        pytest.param(date(2026, 6, 22), COURT_2026, date(2026, 6, 18), id="skips-juneteenth"),
        pytest.param(date(2026, 6, 22), ALT_2026, date(2026, 6, 19), id="alt-keeps-juneteenth"),
        pytest.param(date(2026, 6, 21), COURT_2026, date(2026, 6, 18), id="from-sunday"),
        pytest.param(date(2026, 1, 5), COURT_2026, date(2026, 1, 2), id="after-new-year"),
        pytest.param(date(2026, 11, 30), COURT_2026, date(2026, 11, 25), id="thanksgiving"),
    ],
)
def test_previous_working_day(day: date, holidays: set[date], expected: date) -> None:
    assert previous_working_day(day, holidays) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2026, 6, 18), True, id="thursday"),
        pytest.param(date(2026, 6, 19), False, id="juneteenth"),
        pytest.param(date(2026, 6, 20), False, id="saturday"),
        pytest.param(date(2026, 6, 21), False, id="sunday"),
    ],
)
def test_is_working_day(day: date, expected: bool) -> None:
    assert is_working_day(day, COURT_2026) is expected
