"""Who owes how many hours a week: the state standard applied to individuals since 1 May 2022.

Re-exported by ``policy.hours``; kept apart so hours.py stays about counting.
"""

from __future__ import annotations

from datetime import date

ONE_ADULT_YOUNG_CHILD = 20  # R-HR-02
ONE_ADULT = 30  # R-HR-01
TWO_PARENT = 35  # R-HR-05
PREGNANT_ONLY = 20  # R-HR-04


def sixth_birthday(birthdate: date) -> date:
    """The day a child stops being "under six" (R-HR-02, R-HR-11).

    A 29 February child turns six on 1 March, since six years after a leap day is never a
    leap year; this keeps the lower 20-hour requirement until the child has truly turned six.
    """
    try:
        return birthdate.replace(year=birthdate.year + 6)
    except ValueError:
        return date(birthdate.year + 6, 3, 1)


def weekly_requirement(
    *,
    aided_adults: int,
    youngest_child_birthdate: date | None,
    on: date,
    disabled_adult: bool = False,
    pregnant_only: bool = False,
    exempt: bool = False,
) -> int:
    """Average weekly WTW hours required on ``on``: 0, 20, 30 or 35 (R-HR-01..08, R-EX-09).

    ``aided_adults`` counts aided adults only, so an SSI or otherwise ineligible second parent
    leaves a one-adult AU (R-HR-07). Two aided adults owe 35 combined (R-HR-05) unless one is
    disabled, which makes the AU a one-adult AU (R-HR-03). ``pregnant_only`` is a mandatory
    pregnant-only AU (R-HR-04); offering the pregnancy exemption first is the caller's job
    (R-EX-07, §e Q6). A child whose 6th birthday is ``on`` is no longer under six; whether the
    change waits for the next month (§e Q7) is decided by the date the caller passes.
    """
    if isinstance(aided_adults, bool) or not isinstance(aided_adults, int):
        raise ValueError(f"aided_adults must be a whole number, got {aided_adults!r}")
    if aided_adults < 0:
        raise ValueError(f"aided_adults must be 0 or more, got {aided_adults}")
    if youngest_child_birthdate is not None and youngest_child_birthdate > on:
        raise ValueError(
            f"the youngest child's birth date {youngest_child_birthdate.isoformat()} "
            f"is after {on.isoformat()}"
        )
    if pregnant_only and youngest_child_birthdate is not None:
        raise ValueError("a pregnant-only assistance unit has no children; remove the birth date")
    if pregnant_only and aided_adults != 1:
        raise ValueError(
            f"a pregnant-only assistance unit has exactly one aided adult, got {aided_adults}"
        )
    if exempt or aided_adults == 0:
        return 0
    if aided_adults >= 2 and not disabled_adult:
        return TWO_PARENT
    if pregnant_only:
        return PREGNANT_ONLY
    if youngest_child_birthdate is not None and on < sixth_birthday(youngest_child_birthdate):
        return ONE_ADULT_YOUNG_CHILD
    return ONE_ADULT


def requirement_changes_during(
    *, youngest_child_birthdate: date | None, period_start: date, period_end: date
) -> date | None:
    """The youngest child's 6th birthday when it falls inside the plan period, else None.

    A one-adult plan crossing that day goes from 20 to 30 hours and needs a shorter plan or an
    amendment (R-HR-11, R-PL-06); which month the change takes effect is §e Q7.
    """
    if period_end < period_start:
        raise ValueError(
            f"the plan period ends {period_end.isoformat()}, "
            f"before it starts {period_start.isoformat()}"
        )
    if youngest_child_birthdate is None:
        return None
    turns_six = sixth_birthday(youngest_child_birthdate)
    return turns_six if period_start < turns_six <= period_end else None
