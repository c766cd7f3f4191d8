"""`flask load-holidays YEAR...`: the yearly job that loads the court and state holiday calendars
(R-WD-01..03) and reminds the administrator that each county's office calendar is HR's (§e Q8).

Working-day and court-day counts refuse a year whose calendar is not loaded
(policy.calendar.CalendarNotLoaded), so this has to run before a count can reach the next year;
`init-db` already loads the current year and the next."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import click
from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from models.county import CountyProfile
from models.enums import HolidayCalendar
from models.operations.reference import load_holiday_years
from models.queries.calendars import loaded_years, overrides_in_year
from policy.calendar import FIRST_YEAR, LAST_YEAR


def fully_loaded_years(db: Session) -> list[int]:
    """Years with both the court and the state calendar loaded."""
    years = loaded_years(db)
    return sorted(years[HolidayCalendar.COURT] & years[HolidayCalendar.STATE])


def _check_years(_ctx: click.Context, _param: click.Parameter, value: Sequence[int]) -> list[int]:
    for year in value:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise click.BadParameter(
                f"{year} is not a year Tandem keeps holiday calendars for: give a year from "
                f"{FIRST_YEAR} to {LAST_YEAR} (usually next year, {date.today().year + 1})."
            )
    return sorted(set(value))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _county_lines(db: Session, year: int) -> list[str]:
    lines = [f"County office calendars for {year} (the state list plus each county's changes):"]
    for county, overrides in overrides_in_year(db, year):
        if not overrides:
            lines.append(
                f"  {county.name}: no changes for {year} (its offices follow the state list)."
            )
            continue
        lines.append(f"  {county.name}: {_plural(len(overrides), 'county change')} for {year}:")
        for row in overrides:
            what = "closed" if row.closed else "open (state holiday worked)"
            lines.append(f"    {row.day.isoformat()} {what}: {row.name}")
    return lines


def _reminder(years: list[int]) -> list[str]:
    which = ", ".join(map(str, years))
    return [
        "",
        f"ACTION NEEDED: ask each county's HR for its {which} office holiday calendar and",
        "compare it with the state list (domain.md §e Q8). Counties differ from the state list,",
        "e.g. on Juneteenth, Lincoln's Birthday or Native American Day. Working-day due dates",
        "for a county use the state list plus that county's rows in the holiday_override table:",
        "for a day its offices close that the state list lacks, add a row (county_id, day,",
        "closed=true, name, reason); for a state holiday the county works, add one with",
        "closed=false. Court-day counts use the court calendar and need no county rows.",
    ]


def register_holidays(app: Flask) -> None:
    @app.cli.command("load-holidays")
    @click.argument("years", nargs=-1, required=True, type=int, callback=_check_years)
    def load_holidays_command(years: list[int]) -> None:
        """Load the court and state holiday calendars for YEARS (e.g. 2028 2029).

        Safe to run again: days already loaded are left untouched. Run it once a year (cron,
        e.g. each 1 October for next year) so due dates can be counted into the new year.
        """
        with current_app.extensions["tandem_sessionmaker"]() as db:
            if db.scalars(select(CountyProfile.id)).first() is None:
                raise click.ClickException(
                    "No county profiles yet: run `flask --app app init-db` first."
                )
            report = load_holiday_years(db, years)
            db.commit()
            for loaded in report:
                if loaded.added:
                    click.echo(
                        f"{loaded.year}: added {_plural(loaded.court_added, 'court holiday')} "
                        f"and {_plural(loaded.state_added, 'state holiday')} "
                        f"({_plural(loaded.added, 'day')})."
                    )
                else:
                    click.echo(
                        f"{loaded.year}: already loaded ({loaded.court_days} court, "
                        f"{loaded.state_days} state holidays); nothing added."
                    )
            total = sum(loaded.added for loaded in report)
            click.echo(f"Added {_plural(total, 'day')} in all.")
            for year in years:
                click.echo("")
                for line in _county_lines(db, year):
                    click.echo(line)
        for line in _reminder(years):
            click.echo(line)
