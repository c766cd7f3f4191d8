"""Reconciling CFS/DFCS and WTW hours (R-CF-01..09, R-HR-06; E01-E03, E07-E10, E32)."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

import pytest

from policy.findings import Finding
from policy.hours import Activity, reconcile, weekly_requirement

pytestmark = pytest.mark.pure

E08_CHILD = date(2020, 10, 5)  # turns 6 on 2026-10-05

# E01: counseling 2, parenting 3, supervised visitation 4, AA 3 = 12 CFS hours.
E01_CFS = [
    Activity("Counseling", 2, "cfs"),
    Activity("Parenting class", 3, "cfs"),
    Activity("Supervised visitation", 4, "cfs"),
    Activity("AA meetings", 3, "cfs"),
]
COUNTIES = ["orange", "santa_clara"]


def codes(findings: tuple[Finding, ...]) -> list[str]:
    return [finding.code for finding in findings]


@pytest.mark.parametrize("county", COUNTIES)
def test_e01_cfs_only_is_eight_hours_short(county: str) -> None:
    result = reconcile(20, E01_CFS, county)
    assert (result.cfs_hours, result.other_wtw_needed, result.total_hours) == (12, 8, 12)
    assert codes(result.findings) == ["shortfall"]
    assert result.findings[0].severity == "error"
    assert "8 hours short of the 20-hour" in result.findings[0].message
    assert result.has_errors
    assert result.shortfall == 8


@pytest.mark.parametrize("county", COUNTIES)
def test_e01_with_eight_wtw_hours_has_no_findings(county: str) -> None:
    result = reconcile(20, [*E01_CFS, Activity("Job club", 8, "wtw")], county)
    assert (result.cfs_hours, result.wtw_hours, result.other_wtw_needed) == (12, 8, 8)
    assert result.total_hours == 20
    assert result.findings == ()
    assert not result.has_errors
    assert result.shortfall == 0


def test_e02_thirty_and_fifteen_is_fifteen_never_forty_five() -> None:
    cfs = [Activity("CFS case plan", 15, "cfs")]
    assert reconcile(30, cfs, "orange").other_wtw_needed == 15
    planned = reconcile(30, [*cfs, Activity("Work experience", 15, "wtw")], "orange")
    assert (planned.total_hours, planned.findings) == (30, ())
    stacked = reconcile(30, [*cfs, Activity("Work experience", 30, "wtw")], "orange")
    assert codes(stacked.findings) == ["stacked_hours"]
    assert stacked.findings[0].severity == "warning"
    assert "WTW hours (30) go beyond the 15 still needed" in stacked.findings[0].message


def test_e03_cfs_hours_exceed_the_requirement() -> None:
    activities = [
        Activity("Substance abuse treatment", 15, "cfs"),
        Activity("Parenting", 4, "cfs"),
        Activity("Visitation", 6, "cfs"),
    ]
    result = reconcile(20, activities, "orange")
    assert (result.cfs_hours, result.other_wtw_needed) == (25, 0)
    assert codes(result.findings) == ["cfs_exceeds_requirement"]
    assert result.findings[0].severity == "info"
    assert result.findings[0].message.startswith(
        "CFS hours exceed the requirement; no additional WTW hours may be required"
    )
    assert not result.has_errors


def test_e07_santa_clara_visitation_missing_from_the_1811() -> None:
    activities = list(E01_CFS)
    activities[2] = Activity("Supervised visitation", 4, "cfs", on_1811=False)
    result = reconcile(20, activities, "santa_clara")
    assert (result.cfs_hours, result.other_wtw_needed) == (8, 12)
    warning = next(f for f in result.findings if f.code == "not_on_1811")
    assert (warning.severity, warning.rule) == ("warning", "R-CF-02")
    assert (warning.subject, warning.index) == ("Supervised visitation", 2)
    assert "DFCS activity 'Supervised visitation' is not on the SCD/SCZ 1811" in warning.message


def test_e07_orange_ignores_the_1811() -> None:
    activities = list(E01_CFS)
    activities[2] = Activity("Supervised visitation", 4, "cfs", on_1811=False)
    result = reconcile(20, activities, "orange")
    assert (result.cfs_hours, result.other_wtw_needed) == (12, 8)
    assert "not_on_1811" not in codes(result.findings)


@pytest.mark.parametrize(
    ("on", "requirement", "other_needed"),
    [
        pytest.param(date(2026, 10, 4), 20, 8, id="before-6th-birthday"),
        pytest.param(date(2026, 10, 5), 30, 18, id="from-6th-birthday"),
    ],
)
def test_e08_other_wtw_needed_rises_at_the_sixth_birthday(
    on: date, requirement: int, other_needed: int
) -> None:
    required = weekly_requirement(aided_adults=1, youngest_child_birthdate=E08_CHILD, on=on)
    assert required == requirement
    assert reconcile(required, E01_CFS, "santa_clara").other_wtw_needed == other_needed


def test_e09_state_result_is_met_with_no_warning() -> None:
    activities = [
        Activity("Counseling", 6, "cfs"),
        Activity("Parenting", 6, "cfs"),
        Activity("SA treatment", 8, "cfs"),
    ]
    result = reconcile(20, activities, "orange")
    assert result.total_hours == 20
    assert [f for f in result.findings if f.severity in ("error", "warning")] == []


def test_e10_exempt_volunteer_plan_has_no_requirement() -> None:
    result = reconcile(0, [Activity("Parenting", 6, "cfs")], "orange")
    assert (result.other_wtw_needed, result.cfs_hours) == (0, 6)
    assert codes(result.findings) == ["no_requirement"]
    assert result.findings[0].rule == "R-EX-09"
    assert not result.has_errors


def test_e10_pregnant_mandatory_with_six_cfs_hours() -> None:
    result = reconcile(20, [Activity("Parenting", 6, "cfs")], "orange")
    assert (result.other_wtw_needed, result.shortfall) == (14, 14)


@pytest.mark.parametrize("requirement", [20, 30, 35])
def test_e32_no_cfs_rows_needs_the_full_requirement(requirement: int) -> None:
    assert reconcile(requirement, [], "santa_clara").other_wtw_needed == requirement
    full = reconcile(requirement, [Activity("Employment", requirement, "wtw")], "santa_clara")
    assert (full.cfs_hours, full.total_hours, full.findings) == (0, requirement, ())


def test_zero_hours_is_an_info_on_that_row() -> None:
    result = reconcile(20, [Activity("Job club", 20, "wtw"), Activity("Court", 0, "cfs")], "orange")
    assert [(f.code, f.severity, f.subject, f.index) for f in result.findings] == [
        ("zero_hours", "info", "Court", 1)
    ]


def test_not_on_wtw2_rows_do_not_count() -> None:
    activities = [
        Activity("Counseling", 10, "cfs", on_wtw2=False),
        Activity("Job search", 5, "wtw", on_wtw2=False),
        Activity("Visitation", 4, "cfs", on_wtw2=False, on_1811=False),
    ]
    result = reconcile(20, activities, "santa_clara")
    assert (result.cfs_hours, result.wtw_hours, result.shortfall) == (0, 0, 20)
    rows = [(f.code, f.rule, f.index) for f in result.findings if f.severity == "warning"]
    assert rows == [
        ("not_on_wtw2", "R-CF-02", 0),
        ("not_on_wtw2", "R-PL-03", 1),
        ("not_on_wtw2", "R-CF-02", 2),
    ]
    assert "nor on the SCD/SCZ 1811" in result.findings[-1].message


def test_findings_are_sorted_errors_warnings_info() -> None:
    activities = [Activity("Court", 0, "cfs"), Activity("Job club", 5, "wtw", on_wtw2=False)]
    result = reconcile(30, activities, "orange")
    assert [f.severity for f in result.findings] == ["error", "warning", "info"]


def test_fractional_hours_that_add_up_to_the_requirement() -> None:
    activities = [Activity("A", 6.7, "cfs"), Activity("B", 6.7, "cfs"), Activity("C", 6.6, "wtw")]
    result = reconcile(20, activities, "orange")
    assert result.total_hours == 20
    assert not result.has_errors


def test_exactly_168_hours_is_accepted() -> None:
    result = reconcile(35, [Activity("Residential treatment", 168, "cfs")], "orange")
    assert result.cfs_hours == 168
    assert codes(result.findings) == ["cfs_exceeds_requirement"]
    split = reconcile(35, [Activity("A", 100, "cfs"), Activity("B", 68, "wtw")], "orange")
    assert split.total_hours == 168


@pytest.mark.parametrize(
    ("activity", "match"),
    [
        pytest.param(
            Activity("Parenting class", -2, "cfs"),
            "hours must be between 0 and 168, got -2 for 'Parenting class'",
            id="negative",
        ),
        pytest.param(Activity("Visitation", 169, "cfs"), "got 169 for 'Visitation'", id="169"),
        pytest.param(Activity("Counseling", math.nan, "cfs"), "'Counseling'", id="nan"),
        pytest.param(Activity("Job club", math.inf, "wtw"), "'Job club'", id="infinity"),
        pytest.param(
            Activity("Job club", "8", "wtw"),  # type: ignore[arg-type]
            "must be a number",
            id="text-hours",
        ),
        pytest.param(Activity("AA", 3, "dfcs"), "source must be 'cfs' or 'wtw'.*'AA'", id="source"),
        pytest.param(Activity("  ", -1, "cfs"), "for activity #1", id="blank-name"),
    ],
)
def test_bad_activity_raises_naming_it(activity: Activity, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        reconcile(20, [activity], "orange")


def test_more_than_168_hours_in_total_raises() -> None:
    with pytest.raises(ValueError, match=r"add up to 168\.5 hours"):
        reconcile(20, [Activity("A", 100, "cfs"), Activity("B", 68.5, "wtw")], "orange")


@pytest.mark.parametrize(
    ("requirement", "county", "match"),
    [
        pytest.param(20, "los_angeles", "county must be 'orange' or 'santa_clara'", id="county"),
        pytest.param(-1, "orange", "requirement must be", id="negative-requirement"),
        pytest.param(20.5, "orange", "requirement must be", id="fractional-requirement"),
    ],
)
def test_bad_plan_input_raises(requirement: int, county: str, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        reconcile(requirement, E01_CFS, county)


def test_decimal_hours_from_a_numeric_column_are_accepted() -> None:
    activities = [Activity("Counseling", Decimal("12.5"), "cfs")]  # type: ignore[arg-type]
    assert reconcile(20, activities, "orange").other_wtw_needed == 7.5


def test_county_code_is_case_insensitive() -> None:
    assert reconcile(20, E01_CFS, "SANTA_CLARA").cfs_hours == 12
