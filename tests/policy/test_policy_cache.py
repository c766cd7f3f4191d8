"""The preview's repeated questions are answered from a per-worker memo, with the same answers
(policy.cache; issue 14: "it re-validates every row")."""

from __future__ import annotations

from datetime import date

import pytest

from policy.activity_findings import ActivityFacts, _activity_findings, activity_findings
from policy.hours import Activity, _row_findings, reconcile

pytestmark = pytest.mark.pure


def test_a_row_asked_again_is_answered_from_the_memo_with_the_same_findings():
    row = ActivityFacts(number=1, name="Counseling", index=0)  # no provider, start or standard
    first = activity_findings(row, date(2027, 5, 31))
    hits = _activity_findings.cache_info().hits
    again = activity_findings(
        ActivityFacts(number=1, name="Counseling", index=0), date(2027, 5, 31)
    )
    assert _activity_findings.cache_info().hits == hits + 1
    assert again == first and len(first) >= 3
    assert activity_findings(row, date(2027, 6, 30)) != first  # the plan's end is in the message


def test_changing_a_returned_list_changes_no_later_answer():
    row = ActivityFacts(number=2, name="Job search", index=1)
    found = activity_findings(row)
    expected = list(found)
    found.clear()
    assert activity_findings(row) == expected


def test_the_same_row_in_another_county_or_with_other_hours_is_worked_out_again():
    visit = Activity("Visitation", 4.0, "cfs", on_wtw2=True, on_1811=False)
    santa_clara = reconcile(30, [visit], "santa_clara").findings
    orange = reconcile(30, [visit], "orange").findings
    assert any(f.code == "not_on_1811" for f in santa_clara)  # R-CF-02
    assert not any(f.code == "not_on_1811" for f in orange)  # Orange has no 1811 (R-CF-05)
    row, _counts = _row_findings(Activity("Visitation", 6.0, "cfs", False), 0, "cfs", 6.0, "orange")
    assert "its 6 hours do not count" in row[0].message


def test_an_argument_that_cannot_be_hashed_is_answered_as_before():
    odd = Activity(["not", "a", "name"], 5.0, "wtw")  # type: ignore[arg-type]  # a caller's bug
    result = reconcile(30, [odd], "orange")
    assert result.total_hours == 5.0
    assert result.shortfall == 25.0
