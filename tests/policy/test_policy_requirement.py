"""Weekly hour requirement and federal tags (R-HR-01..08, R-HR-11, R-FD-06; E01-E10)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from policy.hours import (
    federal_wpr_class,
    requirement_changes_during,
    sixth_birthday,
    weekly_requirement,
)

pytestmark = pytest.mark.pure

ON = date(2026, 6, 1)
AGE_2 = date(2024, 3, 10)
AGE_3 = date(2023, 2, 1)
AGE_4 = date(2022, 3, 15)
AGE_8 = date(2018, 1, 10)
E08_CHILD = date(2020, 10, 5)  # turns 6 on 2026-10-05
LEAP_CHILD = date(2020, 2, 29)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param({"aided_adults": 1, "youngest_child_birthdate": AGE_4}, 20, id="E01-child-4"),
        pytest.param({"aided_adults": 1, "youngest_child_birthdate": AGE_8}, 30, id="E02-child-8"),
        pytest.param({"aided_adults": 1, "youngest_child_birthdate": AGE_2}, 20, id="E03-child-2"),
        pytest.param({"aided_adults": 1, "youngest_child_birthdate": AGE_3}, 20, id="E09-child-3"),
        pytest.param({"aided_adults": 2, "youngest_child_birthdate": AGE_8}, 35, id="two-parent"),
        pytest.param(
            {"aided_adults": 2, "youngest_child_birthdate": AGE_2}, 35, id="two-parent-young-child"
        ),
        pytest.param(
            {"aided_adults": 2, "youngest_child_birthdate": AGE_3, "disabled_adult": True},
            20,
            id="two-adults-one-disabled-child-3",
        ),
        pytest.param(
            {"aided_adults": 2, "youngest_child_birthdate": AGE_8, "disabled_adult": True},
            30,
            id="two-adults-one-disabled-child-8",
        ),
        pytest.param(
            {"aided_adults": 1, "youngest_child_birthdate": AGE_8}, 30, id="ssi-second-parent"
        ),
        pytest.param(
            {"aided_adults": 1, "youngest_child_birthdate": None, "pregnant_only": True},
            20,
            id="E10-pregnant-only-mandatory",
        ),
        pytest.param(
            {
                "aided_adults": 1,
                "youngest_child_birthdate": None,
                "pregnant_only": True,
                "exempt": True,
            },
            0,
            id="E10-pregnancy-exemption",
        ),
        pytest.param(
            {"aided_adults": 2, "youngest_child_birthdate": AGE_4, "exempt": True}, 0, id="exempt"
        ),
        pytest.param({"aided_adults": 0, "youngest_child_birthdate": AGE_4}, 0, id="child-only"),
        pytest.param({"aided_adults": 1, "youngest_child_birthdate": None}, 30, id="no-child"),
    ],
)
def test_weekly_requirement(kwargs: dict[str, Any], expected: int) -> None:
    assert weekly_requirement(on=ON, **kwargs) == expected


@pytest.mark.parametrize(
    ("birthdate", "on", "expected"),
    [
        pytest.param(E08_CHILD, date(2026, 4, 1), 20, id="E08-plan-start"),
        pytest.param(E08_CHILD, date(2026, 10, 4), 20, id="E08-day-before-6th-birthday"),
        pytest.param(E08_CHILD, date(2026, 10, 5), 30, id="E08-on-6th-birthday"),
        pytest.param(E08_CHILD, date(2027, 3, 31), 30, id="E08-plan-end"),
        pytest.param(LEAP_CHILD, date(2026, 2, 28), 20, id="feb29-child-on-feb28"),
        pytest.param(LEAP_CHILD, date(2026, 3, 1), 30, id="feb29-child-on-mar1"),
        pytest.param(AGE_4, AGE_4, 20, id="born-on-the-plan-date"),
    ],
)
def test_requirement_around_the_sixth_birthday(birthdate: date, on: date, expected: int) -> None:
    assert weekly_requirement(aided_adults=1, youngest_child_birthdate=birthdate, on=on) == expected


@pytest.mark.parametrize(
    ("birthdate", "expected"),
    [
        pytest.param(E08_CHILD, date(2026, 10, 5), id="ordinary"),
        pytest.param(LEAP_CHILD, date(2026, 3, 1), id="feb29"),
        pytest.param(date(2021, 2, 28), date(2027, 2, 28), id="feb28"),
    ],
)
def test_sixth_birthday(birthdate: date, expected: date) -> None:
    assert sixth_birthday(birthdate) == expected


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        pytest.param({"aided_adults": -1, "youngest_child_birthdate": AGE_4}, "or more", id="neg"),
        pytest.param({"aided_adults": 1.5, "youngest_child_birthdate": AGE_4}, "whole", id="frac"),
        pytest.param(
            {"aided_adults": 1, "youngest_child_birthdate": date(2026, 6, 2)},
            "2026-06-02 is after 2026-06-01",
            id="born-after-on",
        ),
        pytest.param(
            {"aided_adults": 1, "youngest_child_birthdate": AGE_4, "pregnant_only": True},
            "no children",
            id="pregnant-only-with-child",
        ),
        pytest.param(
            {"aided_adults": 2, "youngest_child_birthdate": None, "pregnant_only": True},
            "exactly one aided adult",
            id="pregnant-only-two-adults",
        ),
    ],
)
def test_weekly_requirement_rejects_bad_input(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        weekly_requirement(on=ON, **kwargs)


def test_requirement_changes_during_the_e08_plan() -> None:
    start, end = date(2026, 4, 1), date(2027, 3, 31)
    assert requirement_changes_during(
        youngest_child_birthdate=E08_CHILD, period_start=start, period_end=end
    ) == date(2026, 10, 5)
    # The proposed fix: end the plan before the birthday.
    assert (
        requirement_changes_during(
            youngest_child_birthdate=E08_CHILD, period_start=start, period_end=date(2026, 10, 4)
        )
        is None
    )
    assert (
        requirement_changes_during(
            youngest_child_birthdate=None, period_start=start, period_end=end
        )
        is None
    )
    with pytest.raises(ValueError, match="before it starts"):
        requirement_changes_during(
            youngest_child_birthdate=E08_CHILD, period_start=end, period_end=start
        )


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        pytest.param("counseling", "not_countable", id="E09-counseling"),
        pytest.param("parenting", "not_countable", id="E09-parenting"),
        pytest.param("visitation", "not_countable", id="visitation"),
        pytest.param("court", "not_countable", id="court"),
        pytest.param("substance_abuse", "jsjr_capped", id="E09-sa-treatment"),
        pytest.param("aa_na", "jsjr_capped", id="aa-na-meetings-are-sa-services"),
        pytest.param("medical_in_case_plan", "not_countable", id="doctor-visits"),
        pytest.param("mental_health", "jsjr_capped", id="mental-health"),
        pytest.param("domestic_abuse", "jsjr_capped", id="domestic-abuse"),
        pytest.param("employment", "core", id="employment"),
        pytest.param("Work Experience", "core", id="work-experience-any-case"),
    ],
)
def test_federal_wpr_class(kind: str, expected: str) -> None:
    assert federal_wpr_class(kind) == expected


def test_federal_wpr_class_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown activity kind 'basket weaving'"):
        federal_wpr_class("basket weaving")
