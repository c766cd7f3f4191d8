"""Issue 13: the one rule behind every date bound on the steps (policy.date_bounds)."""

from __future__ import annotations

from datetime import date

from policy.date_bounds import Limit, breach, first_week, oldest_plausible, years_before

CASE = Limit(date(2026, 11, 3), "the date the case was identified")
NOTICE = Limit(date(2026, 11, 10), "the date the notice was issued")
TODAY = Limit(date(2026, 11, 23), "today")


def test_a_date_inside_its_limits_breaks_none():
    assert breach(date(2026, 11, 3), [CASE], [TODAY]) is None
    assert breach(date(2026, 11, 23), [CASE], [TODAY]) is None
    assert breach(date(2026, 11, 5), [None], [None]) is None


def test_too_early_names_the_latest_lower_limit_it_is_before():
    found = breach(date(2026, 11, 1), [CASE, NOTICE], [TODAY])
    assert found is not None and found.early and found.limit == NOTICE
    found = breach(date(2026, 11, 5), [CASE, NOTICE])
    assert found is not None and found.limit == NOTICE


def test_too_late_names_the_earliest_upper_limit_it_is_after():
    found = breach(date(2026, 12, 1), [CASE], [TODAY, NOTICE])
    assert found is not None and not found.early and found.limit == NOTICE


def test_absurdly_old_is_three_years_unless_the_case_already_has_an_older_date():
    assert oldest_plausible(date(2026, 11, 23)).on == date(2023, 11, 23)
    kept = oldest_plausible(date(2026, 11, 23), saved=date(2022, 1, 5))
    assert kept.on == date(2022, 1, 5)
    assert oldest_plausible(date(2026, 11, 23), saved=date(2025, 1, 5)).on == date(2023, 11, 23)
    assert years_before(date(2028, 2, 29), 3) == date(2025, 2, 28)


def test_the_first_week_is_the_monday_of_the_latest_start():
    signed = Limit(date(2026, 11, 5), "the day the plan was signed")  # a Thursday
    assert first_week(None, signed) == (date(2026, 11, 2), signed)
    assert first_week(None) is None
