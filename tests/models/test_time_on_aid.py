"""The months that do not count toward the 60 (models/queries/time_on_aid.py): good cause for at
least half of a month's requirement (R-TC-03, §e Q9) and whole months under sanction (R-TC-05)."""

from __future__ import annotations

from datetime import date

import pytest

from models.queries.time_on_aid import (
    GoodCauseSpan,
    SanctionSpan,
    TimeOnAid,
    good_cause_share,
    months_between,
    months_not_counted,
    sanctioned_all_month,
    window_start,
)

pytestmark = pytest.mark.pure

TODAY = date(2026, 11, 23)
E24 = GoodCauseSpan(date(2026, 7, 6), date(2026, 8, 16), covers_half_month=True)


@pytest.mark.parametrize(
    ("span", "month", "share"),
    [
        (E24, date(2026, 7, 1), 1.0),  # the month it starts: the EC's answer
        (E24, date(2026, 8, 1), 16 / 31),  # a later month: the share of its days
        (E24, date(2026, 9, 1), 0.0),  # after it ended
        (E24, date(2026, 6, 1), 0.0),  # before it started
        (GoodCauseSpan(date(2026, 7, 6), None, True), date(2026, 11, 1), 23 / 30),  # to today
        (GoodCauseSpan(date(2026, 7, 6), date(2026, 8, 16), False), date(2026, 7, 1), 0.0),
    ],
)
def test_good_cause_share_of_a_month(span, month, share):
    assert good_cause_share(span, month, TODAY) == pytest.approx(share)


@pytest.mark.parametrize(
    ("span", "month", "whole"),
    [
        (SanctionSpan(date(2026, 3, 1), None), date(2026, 3, 1), True),
        (SanctionSpan(date(2026, 3, 1), None), date(2026, 2, 1), False),
        (SanctionSpan(date(2026, 3, 15), None), date(2026, 3, 1), False),  # aid for part: counts
        (SanctionSpan(date(2026, 3, 1), date(2026, 5, 1)), date(2026, 4, 1), True),
        (SanctionSpan(date(2026, 3, 1), date(2026, 5, 1)), date(2026, 5, 1), False),  # cured on 1st
        (SanctionSpan(date(2026, 3, 1), date(2026, 5, 20)), date(2026, 5, 1), False),
    ],
)
def test_a_sanctioned_month_is_one_with_the_sanction_on_every_day(span, month, whole):
    assert sanctioned_all_month(span, month) is whole


def test_the_window_reaches_back_to_the_count_or_12_months():
    assert window_start(None, TODAY) == date(2025, 12, 1)
    assert window_start(date(2026, 9, 15), TODAY) == date(2025, 12, 1)
    assert window_start(date(2024, 6, 30), TODAY) == date(2024, 6, 1)
    assert months_between(date(2026, 10, 31), TODAY) == [date(2026, 10, 1), date(2026, 11, 1)]


def test_e24_july_and_august_and_two_sanctioned_months_do_not_count():
    found = months_not_counted(
        [E24, GoodCauseSpan(date(2026, 10, 5), date(2026, 10, 9), False)],
        [SanctionSpan(date(2026, 3, 1), date(2026, 5, 1))],
        as_of=date(2026, 6, 30),
        today=TODAY,
    )
    assert [m.month for m in found] == [
        date(2026, 8, 1),
        date(2026, 7, 1),
        date(2026, 4, 1),
        date(2026, 3, 1),
    ]
    assert [m.after_count for m in found] == [True, True, False, False]
    assert found[0].why == "Good cause for at least half of the required hours (R-TC-03)"
    assert found[-1].why == "Sanctioned (R-TC-05)"
    view = TimeOnAid(34, date(2026, 6, 30), 60, date(2025, 12, 1), date(2026, 11, 1), found)
    assert view.months_left == 26
    assert view.not_counted_since_read == 2 and view.not_counted_last_12 == 4


def test_a_month_both_excused_and_sanctioned_says_both():
    found = months_not_counted(
        [GoodCauseSpan(date(2026, 3, 2), date(2026, 3, 20), True)],
        [SanctionSpan(date(2026, 3, 1), None)],
        as_of=None,
        today=date(2026, 3, 31),
    )
    assert len(found) == 1 and found[0].good_cause and found[0].sanctioned
    assert "R-TC-03" in found[0].why and "R-TC-05" in found[0].why
