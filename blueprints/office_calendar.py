"""The county's office calendar, kept by its administrator (§e Q8: "load each county's office
calendar from HR before go-live"). Every working-day count of the county reads it: the joint
meeting's 5 days, day 20 rolled forward, the attendance week, notices waiting for review."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from wtforms.fields.choices import SelectChoice

from models.county import CountyProfile, HolidayOverride
from models.db import get_db
from models.enums import Role
from models.operations.office_calendar import add_closure, keep_open, remove_change
from models.queries.office_calendar import (
    county_changes,
    state_holidays,
    state_years,
    year_calendar,
)

from . import audit
from .access import roles_required
from .clock import today
from .forms.office_calendar import ClosureForm, KeepOpenForm

bp = Blueprint("office_calendar", __name__, url_prefix="/admin/county/calendar")

ACTION = "office_calendar_change"
TAKEN = "{day:%m/%d/%Y} was changed by someone else a moment ago: see the list."
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _year(years: list[int]) -> int:
    wanted = request.args.get("year", type=int) or request.form.get("year", type=int)
    if wanted in years:
        return wanted
    return today().year if today().year in years else (years[0] if years else today().year)


def _open_choices(db: Session, county: CountyProfile, year: int) -> list[SelectChoice]:
    changed = county_changes(db, county, year)
    holidays = state_holidays(db, year)
    choices = [SelectChoice("", "Choose a state holiday")]
    choices += [
        SelectChoice(day.isoformat(), f"{day:%a %m/%d/%Y}: {name}")
        for day, name in holidays.items()
        if day not in changed
    ]
    return choices


def _text(field: Any) -> str:
    return (field.data or "").strip()


def _saved(db: Session, change: Callable[[], Any]) -> bool:
    """False when another administrator changed the same day a moment ago (the unique key)."""
    try:
        with db.begin_nested():
            change()
    except IntegrityError:
        return False
    return True


def _record(db: Session, county: CountyProfile, day: date, change: str, **more: Any) -> None:
    detail = {"day": day.isoformat(), "change": change, **more}
    audit.record(db, ACTION, object_type="county", object_id=county.id, detail=detail)


def _page(years: list[int], year: int, closure: ClosureForm, keep: KeepOpenForm) -> Any:
    db = get_db()
    county = current_user.county
    keep.day.choices = _open_choices(db, county, year)
    return render_template(
        "admin/office_calendar.html",
        county=county,
        year=year,
        years=years,
        days=year_calendar(db, county, year),
        closure=closure,
        keep=keep,
    )


@bp.get("")
@roles_required(Role.ADMIN)
def calendar_page() -> Any:
    years = state_years(get_db())
    return _page(years, _year(years), ClosureForm(prefix="closure"), KeepOpenForm(prefix="open"))


def _closure_problem(db: Session, county: CountyProfile, years: list[int], day: date) -> str:
    """Why ``day`` cannot be added as a closure ("" when it can)."""
    if day.year not in years:
        return (
            f"The {day.year} calendars are not loaded yet: ask whoever runs Tandem to run "
            f"`flask load-holidays {day.year}` first."
        )
    if day.weekday() >= 5:
        return f"{day:%m/%d/%Y} is a {WEEKDAYS[day.weekday()]}: the offices are closed already."
    existing = county_changes(db, county, day.year).get(day)
    if existing is not None:
        return f"{day:%m/%d/%Y} already has a change ({existing.name}): remove it first."
    state = state_holidays(db, day.year).get(day)
    if state is not None:
        return f"{day:%m/%d/%Y} is already closed: {state} (state calendar)."
    return ""


@bp.post("/closures")
@roles_required(Role.ADMIN)
def add_closure_post() -> Any:
    db = get_db()
    county = current_user.county
    closure = ClosureForm(prefix="closure")
    years = state_years(db)
    year = _year(years)
    if closure.validate():
        problem = _closure_problem(db, county, years, closure.day.data)
        if problem:
            closure.day.errors = [problem]
        else:
            day, name = closure.day.data, closure.name.data  # stripped by the form
            if not _saved(db, lambda: add_closure(db, county, day, name, _text(closure.reason))):
                closure.day.errors = [TAKEN.format(day=day)]
                return _page(years, year, closure, KeepOpenForm(prefix="open", formdata=None))
            _record(db, county, day, "closed", name=name)
            db.commit()
            flash(
                f"The offices are closed on {day:%a %m/%d/%Y} ({name}). Due dates were counted again."
            )
            return redirect(url_for(".calendar_page", year=day.year))
    return _page(years, year, closure, KeepOpenForm(prefix="open", formdata=None))


@bp.post("/open")
@roles_required(Role.ADMIN)
def keep_open_post() -> Any:
    db = get_db()
    county = current_user.county
    years = state_years(db)
    year = _year(years)
    keep = KeepOpenForm(prefix="open")
    keep.day.choices = _open_choices(db, county, year)
    if keep.validate():
        day = date.fromisoformat(keep.day.data)
        name = state_holidays(db, year)[day]
        if not _saved(db, lambda: keep_open(db, county, day, name, _text(keep.reason))):
            keep.day.errors = [TAKEN.format(day=day)]
            return _page(years, year, ClosureForm(prefix="closure", formdata=None), keep)
        _record(db, county, day, "open", name=name)
        db.commit()
        flash(f"The offices stay open on {day:%a %m/%d/%Y} ({name}). Due dates were counted again.")
        return redirect(url_for(".calendar_page", year=year))
    return _page(years, year, ClosureForm(prefix="closure", formdata=None), keep)


@bp.post("/changes/<int:change_id>/remove")
@roles_required(Role.ADMIN)
def remove_post(change_id: int) -> Any:
    db = get_db()
    county = current_user.county
    change = db.get(HolidayOverride, change_id)
    if change is None or change.county_id != county.id:
        audit.record(
            db, "authz_denied", outcome="denied", object_type="office_calendar", object_id=change_id
        )
        db.commit()
        abort(404)
    day, name, closed = change.day, change.name, change.closed
    remove_change(db, change)
    _record(db, county, day, "removed", name=name, was_closed=closed)
    db.commit()
    back = "closed as on the state calendar" if not closed else "open as usual"
    flash(
        f"Removed {name} on {day:%a %m/%d/%Y}: the offices are {back}. Due dates were counted again."
    )
    return redirect(url_for(".calendar_page", year=day.year))
