"""The dependency-court dates of a demo child-welfare case whose children were removed."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from models.cases import ChildWelfareCase
from models.demo.dates import add_months
from policy.calendar import add_court_days
from policy.deadlines import custody_timeline


def set_court_dates(
    cw_case: ChildWelfareCase,
    *,
    removed_on: date,
    jurisdiction_hearing_entered: bool,
    today: date,
    court_holidays: Collection[date],
) -> None:
    """Statutory estimates stand in for the dates the SW would enter (R-CT-01..03)."""
    timeline = custody_timeline(removed_on=removed_on, court_holidays=court_holidays)
    cw_case.petition_filed_on = timeline.petition_by if timeline.petition_by <= today else None
    cw_case.detention_hearing_on = timeline.detention_by if timeline.detention_by <= today else None
    if timeline.jurisdiction_by <= today or jurisdiction_hearing_entered:
        cw_case.jurisdiction_hearing_on = timeline.jurisdiction_by
    # disposition assumed 10 court days after jurisdiction
    if timeline.jurisdiction_by <= today:
        cw_case.disposition_hearing_on = add_court_days(
            timeline.jurisdiction_by, 10, court_holidays
        )
    upcoming = [
        day
        for day in (
            timeline.detention_by,
            cw_case.jurisdiction_hearing_on,
            cw_case.disposition_hearing_on,
        )
        if day and day > today
    ]
    if upcoming:
        cw_case.next_court_on = min(upcoming)
    elif cw_case.disposition_hearing_on:
        review = cw_case.disposition_hearing_on  # six-month review hearings
        while review <= today:
            review = add_months(review, 6)
        cw_case.next_court_on = review
