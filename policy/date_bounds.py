"""Sane bounds for a date typed on a step (issue 13): not before the case or the event it
follows, not after today when it records something done, not absurdly old. Pure: the forms turn
a breach into the message next to the field (blueprints/forms/bounds.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

# A date identified more than this long ago is a typo (1926 for 2026), not a case.
OLDEST_YEARS = 3


@dataclass(frozen=True)
class Limit:
    """A day a date may not cross, and what it is, as the message says it (dates of facts that
    R-ID-01, R-MT-01 and R-CL-02..04 record: they cannot precede the case or be in the future)."""

    on: date
    what: str  # "the date the case was identified"


@dataclass(frozen=True)
class Breach:
    """The limit a date crosses: ``early`` is before a lower limit, else after an upper one
    (R-ID-01, R-MT-01, R-CL-02..04)."""

    limit: Limit
    early: bool


def breach(
    value: date,
    earliest: Iterable[Limit | None] = (),
    latest: Iterable[Limit | None] = (),
) -> Breach | None:
    """The tightest limit ``value`` crosses, or None. Too early: the latest lower limit it is
    before; too late: the earliest upper limit it is after. Missing limits (None) are skipped
    (R-ID-01, R-MT-01, R-CL-02..04)."""
    lows = [limit for limit in earliest if limit is not None and value < limit.on]
    if lows:
        return Breach(max(lows, key=lambda limit: limit.on), early=True)
    highs = [limit for limit in latest if limit is not None and value > limit.on]
    if highs:
        return Breach(min(highs, key=lambda limit: limit.on), early=False)
    return None


def years_before(day: date, years: int) -> date:
    """The same day ``years`` earlier (Feb 29 becomes Feb 28), for the R-ID-01 plausibility bound."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def oldest_plausible(today: date, saved: date | None = None) -> Limit:
    """The oldest a date identified can be: ``OLDEST_YEARS`` ago, or the saved date if older
    (a long case keeps the date it has). R-ID-01: the day the mutual client was identified."""
    oldest = years_before(today, OLDEST_YEARS)
    if saved is not None and saved < oldest:
        return Limit(saved, "the date identified saved on the case")
    return Limit(oldest, f"{OLDEST_YEARS} years ago: check the year")


def first_week(*limits: Limit | None) -> tuple[date, Limit] | None:
    """The Monday of the first week attendance may be recorded for, and the limit that sets
    it: the week holding the latest of ``limits`` (e.g. the day the plan was signed): weekly
    attendance is kept against a signed plan (R-HR-06)."""
    known = [limit for limit in limits if limit is not None]
    if not known:
        return None
    binding = max(known, key=lambda limit: limit.on)
    return binding.on - timedelta(days=binding.on.weekday()), binding
