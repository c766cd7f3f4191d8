"""Time on aid on the Track page (R-TC-02, R-TC-03, R-TC-05, R-GC-09, §e Q9).

The months used come from CalSAWS as the EC read them (``toa_months_used`` on ``toa_as_of``);
Tandem does not recount them. It lists the months that should NOT count, so the EC can check
CalSAWS: a month in which good cause excused at least half of the requirement (R-TC-03, the 2022
state guidance of §e Q9) and a month under sanction (R-TC-05).

Which months: those since the count was read and the last 12, whichever reach further back.
How a good cause covers a month: in the month it starts, the EC's answer "at least half of this
month's requirement" (``covers_half_month``); in a later month of the same period, the share of
that month's days it covers, when the EC said it covers at least half of its first month.
How a sanction covers a month: the whole month, from ``sanction_effective_on`` until
``cure_complete_on``; a month with aid for part of it counts.

Two queries, whatever the number of records.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.compliance import GoodCause, NoncomplianceEpisode
from policy.compliance import TIME_LIMIT_MONTHS, counts_toward_time_limit
from policy.deadlines import add_months

LOOK_BACK_MONTHS = 12


@dataclass(frozen=True)
class GoodCauseSpan:
    start_on: date
    end_on: date | None
    covers_half_month: bool


@dataclass(frozen=True)
class SanctionSpan:
    effective_on: date
    cured_on: date | None


@dataclass(frozen=True)
class MonthNotCounted:
    month: date  # its first day
    good_cause: bool
    sanctioned: bool
    after_count: bool  # wholly after the day the CalSAWS count was read

    @property
    def why(self) -> str:
        reasons = []
        if self.good_cause:
            reasons.append("good cause for at least half of the required hours (R-TC-03)")
        if self.sanctioned:
            reasons.append("sanctioned (R-TC-05)")
        words = " and ".join(reasons)
        return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class TimeOnAid:
    months_used: int
    as_of: date | None
    limit: int
    window_start: date
    window_end: date
    not_counted: list[MonthNotCounted]

    @property
    def months_left(self) -> int:
        return max(0, self.limit - self.months_used)

    @property
    def not_counted_since_read(self) -> int:
        return sum(1 for m in self.not_counted if m.after_count)

    @property
    def not_counted_last_12(self) -> int:
        first = add_months(self.window_end, -(LOOK_BACK_MONTHS - 1))
        return sum(1 for m in self.not_counted if m.month >= first)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def months_between(first: date, last: date) -> list[date]:
    """The first days of the months from ``first``'s month to ``last``'s month, in order."""
    found, current = [], month_start(first)
    while current <= last:
        found.append(current)
        current = add_months(current, 1)
    return found


def window_start(as_of: date | None, today: date) -> date:
    """The first month listed: the month the count was read, or 12 months back if earlier."""
    back = add_months(month_start(today), -(LOOK_BACK_MONTHS - 1))
    return min(back, month_start(as_of)) if as_of else back


def good_cause_share(span: GoodCauseSpan, month: date, today: date) -> float:
    """The share of the month's requirement the good cause excuses, for R-TC-03: the EC's
    answer in the month it starts (1 or 0); in a later month, the share of the month's days it
    covers (to today when it has no end), if the EC said it covers at least half of the first."""
    last_day = month_end(month)
    end = span.end_on or today
    if not span.covers_half_month or span.start_on > last_day or end < month:
        return 0.0
    if month_start(span.start_on) == month:
        return 1.0
    covered = (min(end, last_day) - max(span.start_on, month)).days + 1
    return covered / last_day.day


def sanctioned_all_month(span: SanctionSpan, month: date) -> bool:
    """The sanction is in force on every day of the month (R-TC-05)."""
    return span.effective_on <= month and (
        span.cured_on is None or span.cured_on > month_end(month)
    )


def months_not_counted(
    good_causes: list[GoodCauseSpan],
    sanctions: list[SanctionSpan],
    *,
    as_of: date | None,
    today: date,
) -> list[MonthNotCounted]:
    """The months of the window that do not count toward the 60 (policy.counts_toward_time_limit
    with the month's requirement as 1 and the good cause's share of it), newest first."""
    found = []
    for month in months_between(window_start(as_of, today), today):
        share = max((good_cause_share(g, month, today) for g in good_causes), default=0.0)
        sanctioned = any(sanctioned_all_month(s, month) for s in sanctions)
        if counts_toward_time_limit(
            month_requirement_hours=1.0, good_cause_hours=min(share, 1.0), sanctioned=sanctioned
        ):
            continue
        excused = not counts_toward_time_limit(
            month_requirement_hours=1.0, good_cause_hours=min(share, 1.0), sanctioned=False
        )
        after = as_of is not None and month > as_of
        found.append(MonthNotCounted(month, excused, sanctioned, after))
    return list(reversed(found))


def time_on_aid_view(db: Session, case: MutualCase, today: date) -> TimeOnAid:
    """The Track page's time-on-aid section, for the person on every one of their cases."""
    participant = case.participant
    cases = select(MutualCase.id).where(MutualCase.participant_id == participant.id)
    good_causes = [
        GoodCauseSpan(g.start_on, g.end_on, g.covers_half_month)
        for g in db.scalars(
            select(GoodCause).where(
                GoodCause.case_id.in_(cases), GoodCause.covers_half_month.is_(True)
            )
        )
    ]
    sanctions = [
        SanctionSpan(e.sanction_effective_on, e.cure_complete_on)
        for e in db.scalars(
            select(NoncomplianceEpisode).where(
                NoncomplianceEpisode.case_id.in_(cases),
                NoncomplianceEpisode.sanction_effective_on.is_not(None),
            )
        )
        if e.sanction_effective_on is not None
    ]
    as_of = participant.toa_as_of
    return TimeOnAid(
        months_used=participant.toa_months_used or 0,
        as_of=as_of,
        limit=TIME_LIMIT_MONTHS,
        window_start=window_start(as_of, today),
        window_end=month_start(today),
        not_counted=months_not_counted(good_causes, sanctions, as_of=as_of, today=today),
    )
