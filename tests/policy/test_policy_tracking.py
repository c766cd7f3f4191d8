"""Weekly attendance and the monthly average (R-HR-06, R-CF-03, §e Q5), table-driven, with E33."""

from __future__ import annotations

from datetime import date

import pytest

from policy.tracking import (
    EXCUSE_REASONS,
    WeekEntry,
    month_average,
    week_totals,
    weeks_touching,
)

pytestmark = pytest.mark.pure

# E33: counseling 2 + parenting 3 + visitation 6 + AA 4 = 15 CFS h + 15 WTW h (requirement 30).
# Week of 2026-09-14: parenting cancelled by the provider (verified), everything else attended.
E33_WEEK = (
    WeekEntry("Counseling", True, 2, 2, provider_verified=True),
    WeekEntry("Parenting class", True, 3, 0, 3, "provider_cancelled", True),
    WeekEntry("Visitation", True, 6, 6, provider_verified=True),
    WeekEntry("AA meetings", True, 4, 4, provider_verified=True),
    WeekEntry("Job club", True, 15, 15, provider_verified=True),
)


def test_e33_excused_provider_cancellation_leaves_no_shortfall():
    totals = week_totals(30, E33_WEEK)
    assert (totals.attended, totals.excused, totals.countable) == (27, 3, 30)
    assert totals.shortfall == 0
    assert totals.unverified == ()
    assert not any(f.code == "week_short" for f in totals.findings)


def test_the_fields_are_positional_in_the_published_order():
    entry = WeekEntry("Counseling", True, 2.0, 1.5, 0.5, "illness", True)
    assert (entry.activity, entry.counts, entry.scheduled, entry.attended) == (
        "Counseling",
        True,
        2.0,
        1.5,
    )
    assert (entry.excused, entry.reason, entry.provider_verified) == (0.5, "illness", True)
    assert WeekEntry("x", True, 1, 1).excused == 0.0
    with pytest.raises(AttributeError):
        entry.attended = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("entries", "requirement", "countable", "shortfall"),
    [
        # A row that does not count (not on the WTW 2, or a DFCS row off the 1811) adds nothing.
        ((WeekEntry("Job club", True, 20, 20), WeekEntry("Church group", False, 5, 5)), 30, 20, 10),
        # Excused hours without a reason do not count.
        ((WeekEntry("Job club", True, 20, 15, 5),), 20, 15, 5),
        ((WeekEntry("Job club", True, 20, 15, 5, "court"),), 20, 20, 0),
        # More than the requirement is never a negative shortfall.
        ((WeekEntry("Work", True, 40, 40),), 30, 40, 0),
        ((), 20, 0, 20),
        ((WeekEntry("Counseling", True, 1.5, 1.25),), 1, 1.25, 0),
    ],
)
def test_countable_hours_and_the_shortfall(entries, requirement, countable, shortfall):
    totals = week_totals(requirement, entries)
    assert totals.countable == countable
    assert totals.shortfall == shortfall


def test_unverified_lists_counting_rows_with_hours_in_input_order():
    totals = week_totals(
        30,
        (
            WeekEntry("Visitation", True, 6, 6),
            WeekEntry("Counseling", True, 2, 2, provider_verified=True),
            WeekEntry("Parenting", True, 3, 0, 3, "illness"),
            WeekEntry("Church group", False, 4, 4),  # does not count: not listed
            WeekEntry("Court", True, 2, 0),  # nothing recorded: nothing to verify
        ),
    )
    assert totals.unverified == ("Visitation", "Parenting")
    note = next(f for f in totals.findings if f.code == "not_verified")
    assert note.severity == "info" and "Visitation, Parenting" in note.message


def test_a_short_week_is_a_warning_that_points_at_the_month_not_an_error():
    totals = week_totals(30, (WeekEntry("Job club", True, 30, 22),))
    short = next(f for f in totals.findings if f.code == "week_short")
    assert short.severity == "warning" and short.rule == "R-HR-06"
    assert "8 hours short" in short.message


def test_excused_hours_without_a_reason_are_flagged_next_to_their_row():
    totals = week_totals(10, (WeekEntry("A", True, 5, 5), WeekEntry("B", True, 5, 0, 5)))
    flag = next(f for f in totals.findings if f.code == "excused_without_reason")
    assert flag.index == 1 and flag.subject == "B"


@pytest.mark.parametrize(
    "entry",
    [
        WeekEntry("A", True, -1, 0),
        WeekEntry("A", True, 2, -0.5),
        WeekEntry("A", True, 2, 0, -1, "court"),
        WeekEntry("A", True, 169, 0),
        WeekEntry("A", True, 2, 100, 69, "court"),
        WeekEntry("A", True, 2, 0, 2, "vacation"),
        WeekEntry("A", True, 2, float("nan")),
    ],
)
def test_impossible_input_raises(entry):
    with pytest.raises(ValueError):
        week_totals(30, (entry,))


def test_every_published_reason_is_accepted():
    assert EXCUSE_REASONS == (
        "provider_cancelled",
        "illness",
        "court",
        "child_care_unavailable",
        "transportation",
        "holiday",
        "other",
    )
    for reason in EXCUSE_REASONS:
        assert week_totals(1, (WeekEntry("A", True, 1, 0, 1, reason),)).countable == 1


def _every_week(month: date, hours: float) -> dict[date, float]:
    return dict.fromkeys(weeks_touching(month), hours)


@pytest.mark.parametrize("month", [date(2026, 2, 1), date(2026, 9, 1), date(2026, 12, 1)])
@pytest.mark.parametrize("hours", [20, 30, 35])
def test_a_month_in_which_every_week_meets_the_requirement_averages_exactly_it(month, hours):
    assert month_average(month, _every_week(month, hours)) == hours


def test_weeks_split_across_months_are_shared_by_their_days():
    # September 2026 starts on a Tuesday: the week of Aug 31 has 6 of its 7 days in September.
    weeks = {date(2026, 8, 31): 35}
    assert month_average(date(2026, 9, 1), weeks) == round(35 * 6 / 7 / (30 / 7), 2)
    assert month_average(date(2026, 8, 1), weeks) == round(35 * 1 / 7 / (31 / 7), 2)


def test_a_week_with_nothing_recorded_counts_as_zero():
    month = date(2026, 9, 1)
    weeks = _every_week(month, 30)
    del weeks[date(2026, 9, 14)]
    assert month_average(month, weeks) == round(30 * (30 - 7) / 30, 2)


def test_the_county_may_set_a_fixed_divisor():
    month = date(2026, 9, 1)
    weeks = _every_week(month, 30)
    assert month_average(month, weeks, weeks_per_month=4.33) == round(30 * 30 / 7 / 4.33, 2)


def test_keys_must_be_mondays_and_the_divisor_positive():
    with pytest.raises(ValueError):
        month_average(date(2026, 9, 1), {date(2026, 9, 15): 30})
    with pytest.raises(ValueError):
        month_average(date(2026, 9, 1), {}, weeks_per_month=0)


def test_weeks_touching_lists_each_monday_once():
    assert weeks_touching(date(2026, 9, 20)) == (
        date(2026, 8, 31),
        date(2026, 9, 7),
        date(2026, 9, 14),
        date(2026, 9, 21),
        date(2026, 9, 28),
    )
