"""What each activity of a plan ready to sign must say (issue 13), and which kinds of activity
can come from which side of the plan (R-CF-05, R-CF-06)."""

from __future__ import annotations

from datetime import date

import pytest

from models.enums import ActivityKind
from policy.activity_findings import ActivityFacts, activity_label, missing_items
from policy.activity_kinds import kind_fits, kinds_for, sources_of

pytestmark = pytest.mark.pure

PLAN_END = date(2027, 11, 30)


def _complete(**changes: object) -> ActivityFacts:
    values: dict[str, object] = {
        "number": 2,
        "name": "Parenting class",
        "provider": "Gardner Family Care",
        "schedule": "Tue 6-8 pm",
        "start_on": date(2026, 12, 1),
        "end_on": date(2027, 5, 31),
        "progress_standard": "Attends every session; the provider confirms.",
        "index": 1,
    }
    values.update(changes)
    return ActivityFacts(**values)  # type: ignore[arg-type]


def test_a_complete_activity_has_no_finding() -> None:
    assert missing_items([_complete()], PLAN_END) == []


def test_an_empty_activity_gets_one_finding_per_missing_item_errors_first() -> None:
    bare = _complete(provider="", schedule=" ", start_on=None, end_on=None, progress_standard="")
    found = missing_items([bare], PLAN_END)
    assert [(f.code, f.severity) for f in found] == [
        ("no_provider", "error"),
        ("no_start_date", "error"),
        ("no_progress_standard", "error"),
        ("no_schedule", "warning"),
        ("no_end_date", "warning"),
    ]
    assert all(f.message.startswith("Activity 2 (Parenting class): no ") for f in found)
    assert all(f.index == 1 for f in found)  # shown under the row on the screen
    # Each says why, and a warning says what the form will print instead of a blank.
    by_code = {f.code: f.message for f in found}
    assert "the WTW 2 prints it" in by_code["no_provider"]
    assert "30-day change of activity" in by_code["no_start_date"]
    assert "No fixed schedule" in by_code["no_schedule"]
    assert "end of the plan (11/30/2027)" in by_code["no_end_date"]
    assert {f.rule for f in found} >= {"R-PL-03", "R-PL-05", "R-PL-07", "R-PL-08"}


def test_a_row_without_a_name_is_named_by_its_number() -> None:
    assert activity_label(3, " ") == "Activity 3"
    assert activity_label(2, "Parenting class") == "Activity 2 (Parenting class)"
    found = missing_items([_complete(name="", number=3, provider="")])
    assert [f.message.split(":")[0] for f in found] == ["Activity 3"]


def test_every_kind_of_activity_has_its_side() -> None:
    for value, _ in ActivityKind.choices():
        assert sources_of(value)  # a new kind must be placed on purpose
    with pytest.raises(ValueError):
        sources_of("gardening")


@pytest.mark.parametrize(
    ("kind", "cfs", "wtw"),
    [
        ("job_search", False, True),  # the issue: "Job search" never comes from CFS
        ("employment_pt", False, True),
        ("parenting_class", True, False),
        ("visitation", True, False),
        ("cfs", True, False),
        ("dfcs", True, False),
        ("substance_abuse", True, True),  # a case-plan item or a WTW service (R-CF-05/06)
        ("domestic_abuse", True, True),
        ("", True, True),  # not chosen yet: asked for separately
    ],
)
def test_kinds_follow_where_the_activity_comes_from(kind: str, cfs: bool, wtw: bool) -> None:
    assert kind_fits(kind, "cfs") is cfs
    assert kind_fits(kind, "wtw") is wtw


def test_kinds_for_keeps_the_order_given() -> None:
    kinds = ("job_search", "counseling", "mental_health", "visitation")
    assert kinds_for("cfs", kinds) == ("counseling", "mental_health", "visitation")
    assert kinds_for("wtw", kinds) == ("job_search", "mental_health")
