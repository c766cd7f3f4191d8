"""Counting refuses a year whose holiday calendar is not loaded (R-WD-01, R-WD-02, §e Q8): a
``LoadedHolidays`` says which years it covers; a plain set keeps the old behaviour."""

from __future__ import annotations

from datetime import date

import pytest

from policy.calendar import (
    CalendarNotLoaded,
    LoadedHolidays,
    add_court_days,
    add_working_days,
    court_holidays,
    is_working_day,
    previous_working_day,
)
from policy.deadlines import change_window_end, custody_timeline, meeting_due

pytestmark = pytest.mark.pure

# What a database seeded for 2026 and 2027 holds (court calendar: computed by rule).
LOADED = LoadedHolidays(court_holidays(2026) | court_holidays(2027), {2026, 2027})
PLAIN = frozenset(LOADED)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        pytest.param(date(2027, 12, 29), 1, date(2027, 12, 30), id="stays-in-2027"),
        pytest.param(date(2027, 12, 29), 2, 2028, id="past-observed-dec-31-into-2028"),
        pytest.param(date(2027, 12, 30), 1, 2028, id="first-weekday-of-2028"),
        pytest.param(date(2027, 12, 20), 15, 2028, id="long-count-into-2028"),
        pytest.param(date(2028, 1, 3), 0, date(2028, 1, 3), id="zero-days-needs-no-calendar"),
        pytest.param(date(2028, 3, 1), 1, 2028, id="starts-in-2028"),
        pytest.param(date(2026, 1, 2), 3, date(2026, 1, 7), id="inside-2026"),
        pytest.param(date(2025, 12, 30), 1, 2025, id="starts-in-unloaded-2025"),
    ],
)
def test_add_working_days_refuses_an_unloaded_year(start, days, expected) -> None:
    for count in (add_working_days, add_court_days):
        if isinstance(expected, int):
            with pytest.raises(CalendarNotLoaded) as refused:
                count(start, days, LOADED)
            assert refused.value.year == expected
        else:
            assert count(start, days, LOADED) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Mon 3 Jan 2028: the weekend before needs no calendar; Fri 31 Dec 2027 is the observed
        # New Year (R-WD-03), so the answer is Thu 30 Dec, known without 2028.
        pytest.param(date(2028, 1, 3), date(2027, 12, 30), id="over-the-new-year-weekend"),
        pytest.param(date(2028, 1, 4), 2028, id="looks-at-mon-3-jan-2028"),
        pytest.param(date(2026, 1, 2), 2025, id="back-past-new-year-2026-into-2025"),
        pytest.param(date(2026, 6, 22), date(2026, 6, 18), id="inside-2026-skips-juneteenth"),
    ],
)
def test_previous_working_day_refuses_an_unloaded_year(day, expected) -> None:
    if isinstance(expected, int):
        with pytest.raises(CalendarNotLoaded) as refused:
            previous_working_day(day, LOADED)
        assert refused.value.year == expected
    else:
        assert previous_working_day(day, LOADED) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2028, 1, 1), False, id="saturday-needs-no-calendar"),
        pytest.param(date(2028, 1, 2), False, id="sunday-needs-no-calendar"),
        pytest.param(date(2028, 1, 3), 2028, id="weekday-refused"),
        pytest.param(date(2027, 12, 31), False, id="loaded-holiday"),
        pytest.param(date(2027, 12, 30), True, id="loaded-working-day"),
    ],
)
def test_is_working_day_refuses_a_weekday_of_an_unloaded_year(day, expected) -> None:
    if isinstance(expected, int) and not isinstance(expected, bool):
        with pytest.raises(CalendarNotLoaded) as refused:
            is_working_day(day, LOADED)
        assert refused.value.year == expected
    else:
        assert is_working_day(day, LOADED) is expected


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        pytest.param(date(2027, 12, 30), 1, date(2028, 1, 3), id="into-2028"),
        pytest.param(date(2025, 12, 30), 1, date(2025, 12, 31), id="in-2025"),
    ],
)
def test_a_plain_set_covers_every_year_as_before(start, days, expected) -> None:
    assert add_working_days(start, days, PLAIN) == expected
    assert add_working_days(start, days, set(PLAIN)) == expected


def test_the_error_names_the_year_and_is_a_value_error() -> None:
    error = CalendarNotLoaded(2028)
    assert isinstance(error, ValueError) and error.year == 2028
    assert str(error) == "the holiday calendar for 2028 is not loaded"


def test_loaded_holidays_is_a_set_of_days_with_its_years() -> None:
    days = LoadedHolidays([date(2027, 12, 31)], [2027])
    assert days == {date(2027, 12, 31)} and date(2027, 12, 31) in days
    assert days.years == frozenset({2027}) and len(days) == 1
    assert "years=[2027]" in repr(days)
    assert LoadedHolidays().years == frozenset() and len(LoadedHolidays()) == 0


@pytest.mark.parametrize(
    "compute",
    [
        pytest.param(lambda h: change_window_end(date(2027, 12, 29), h), id="change-window"),
        pytest.param(
            lambda h: custody_timeline(removed_on=date(2027, 12, 20), court_holidays=h),
            id="custody-timeline",
        ),
        pytest.param(
            lambda h: meeting_due(
                assigned_on=date(2027, 12, 28),
                in_protective_custody=False,
                holidays=h,
                court_holidays=h,
            ),
            id="meeting-five-working-days",
        ),
        pytest.param(
            lambda h: meeting_due(
                assigned_on=date(2027, 12, 1),
                in_protective_custody=True,
                holidays=h,
                court_holidays=h,
                jurisdiction_hearing_on=date(2028, 1, 10),
            ),
            id="meeting-before-court",
        ),
    ],
)
def test_deadlines_pass_the_refusal_on(compute) -> None:
    with pytest.raises(CalendarNotLoaded) as refused:
        compute(LOADED)
    assert refused.value.year == 2028
    compute(PLAIN)  # the same call on a plain set still counts, as before
