"""`flask load-holidays YEAR...` and the years `flask init-db` loads (R-WD-01..03, §e Q8)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from models import Holiday
from models.enums import HolidayCalendar
from models.operations.reference import SEED_YEARS, years_needed
from models.queries.calendars import loaded_years
from policy.calendar import court_holiday_names


def _count(db, year: int | None = None) -> int:
    query = select(func.count()).select_from(Holiday)
    if year is not None:
        query = query.where(Holiday.day.between(date(year, 1, 1), date(year, 12, 31)))
    return db.scalars(query).one()


def _days(db, calendar: HolidayCalendar, year: int) -> set[date]:
    return set(
        db.scalars(
            select(Holiday.day).where(
                Holiday.calendar == calendar,
                Holiday.day.between(date(year, 1, 1), date(year, 12, 31)),
            )
        )
    )


def test_load_holidays_adds_the_court_and_state_calendars_of_each_year(app, db):
    assert _count(db, 2028) == 0
    result = app.test_cli_runner().invoke(args=["load-holidays", "2028", "2029"])
    assert result.exit_code == 0, result.output
    db.expire_all()
    for year in (2028, 2029):
        assert _days(db, HolidayCalendar.COURT, year) == set(court_holiday_names(year))
        assert len(_days(db, HolidayCalendar.STATE, year)) >= 10  # the `holidays` package's list
        court, state = (len(_days(db, cal, year)) for cal in HolidayCalendar)
        assert (
            f"{year}: added {court} court holidays and {state} state holidays "
            f"({court + state} days)." in result.output
        )
    assert f"Added {_count(db, 2028) + _count(db, 2029)} days in all." in result.output
    assert {2028, 2029} <= loaded_years(db)[HolidayCalendar.COURT]


def test_load_holidays_twice_adds_nothing_and_leaves_existing_days_alone(app, db):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["load-holidays", "2028"]).exit_code == 0
    db.expire_all()
    day = db.scalars(select(Holiday).where(Holiday.day == date(2028, 7, 4))).first()
    day.name = "Independence Day (edited by the county)"
    db.commit()
    before = _count(db)
    again = runner.invoke(args=["load-holidays", "2028", "2028"])
    assert again.exit_code == 0, again.output
    assert "2028: already loaded" in again.output and "nothing added" in again.output
    assert "Added 0 days in all." in again.output
    db.expire_all()
    assert _count(db) == before
    assert db.get(Holiday, day.id).name == "Independence Day (edited by the county)"


def test_load_holidays_lists_each_countys_changes_and_asks_for_the_hr_check(app, db):
    result = app.test_cli_runner().invoke(args=["load-holidays", "2027"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "2027: already loaded" in out  # seeded by init-db (SEED_YEARS)
    assert "Orange County: no changes for 2027 (its offices follow the state list)." in out
    assert "Santa Clara County: 1 county change for 2027:" in out
    assert "2027-06-18 closed: Juneteenth observed (county holiday)" in out  # S79
    assert "ACTION NEEDED: ask each county's HR for its 2027 office holiday calendar" in out
    assert "holiday_override" in out and "§e Q8" in out


@pytest.mark.parametrize("year", ["1989", "2101", "20280"])
def test_load_holidays_refuses_an_absurd_year_and_loads_nothing(app, db, year):
    before = _count(db)
    result = app.test_cli_runner().invoke(args=["load-holidays", "2028", year])
    assert result.exit_code == 2
    assert f"{year} is not a year Tandem keeps holiday calendars for" in result.output
    assert "from 1990 to 2100" in result.output
    db.expire_all()
    assert _count(db) == before


def test_load_holidays_needs_a_year_and_a_number(app):
    runner = app.test_cli_runner()
    missing = runner.invoke(args=["load-holidays"])
    assert missing.exit_code == 2 and "Missing argument 'YEARS...'" in missing.output
    word = runner.invoke(args=["load-holidays", "next"])
    assert word.exit_code == 2 and "'next' is not a valid integer" in word.output


def test_years_needed_keeps_the_seed_years_as_the_minimum():
    assert years_needed(date(2026, 11, 23)) == SEED_YEARS == (2026, 2027)
    assert years_needed(date(2027, 12, 1)) == (2026, 2027, 2028)
    assert years_needed(date(2031, 1, 5)) == (2026, 2027, 2031, 2032)
    assert years_needed(date(2100, 6, 1)) == (2026, 2027, 2100)  # policy.calendar.LAST_YEAR


def test_init_db_loads_this_year_and_the_next_from_today(make_app, db):
    app = make_app(TODAY=date(2027, 12, 1))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "holiday calendars for 2026, 2027, 2028" in result.output
    db.expire_all()
    loaded = loaded_years(db)
    assert loaded[HolidayCalendar.COURT] == loaded[HolidayCalendar.STATE] == {2026, 2027, 2028}
    before = _count(db)
    assert runner.invoke(args=["init-db"]).exit_code == 0
    db.expire_all()
    assert _count(db) == before  # idempotent


def test_init_db_with_the_test_date_keeps_the_seed_years(app, db):
    result = app.test_cli_runner().invoke(args=["init-db"])  # TODAY is 2026-11-23
    assert result.exit_code == 0 and "holiday calendars for 2026, 2027)" in result.output
    db.expire_all()
    assert loaded_years(db)[HolidayCalendar.STATE] == {2026, 2027}
