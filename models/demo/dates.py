"""The demo's date helpers: whole years and months back or ahead, and Pacific wall-clock times."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, timedelta, timezone

try:
    from zoneinfo import ZoneInfo

    PACIFIC = ZoneInfo("America/Los_Angeles")
except Exception:  # no tz database installed: Pacific Standard Time is close enough for a demo
    PACIFIC = timezone(timedelta(hours=-8))


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def add_months(day: date, months: int) -> date:
    """Same day of the month `months` later, clamped to the month's last day."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def first_of_next_month(day: date) -> date:
    return add_months(day.replace(day=1), 1)


def local_time(day: date, hour: int, minute: int = 0) -> datetime:
    """A local Pacific wall-clock time, stored as timezone-aware UTC."""
    local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=PACIFIC)
    return local.astimezone(timezone.utc)
