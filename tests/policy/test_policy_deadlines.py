"""Meeting, court, plan, noncompliance, FR, cure and exemption dates (E11-E31)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from policy.calendar import court_holidays
from policy.deadlines import (
    CustodyTimeline,
    change_window_end,
    cure_complete,
    custody_timeline,
    exemption_review_date,
    fr_services_end,
    meeting_due,
    noncompliance_dates,
    noncompliance_schedule,
    plan_signature_due,
)

pytestmark = pytest.mark.pure

# R-WD-02, typed from domain.md.
# fmt: off
COURT_2026 = {
    date(2026, 1, 1), date(2026, 1, 19), date(2026, 2, 12), date(2026, 2, 16),
    date(2026, 3, 31), date(2026, 5, 25), date(2026, 6, 19), date(2026, 7, 3),
    date(2026, 9, 7), date(2026, 9, 25), date(2026, 11, 11), date(2026, 11, 26),
    date(2026, 11, 27), date(2026, 12, 25),
}
# fmt: on
ALT_2026 = COURT_2026 - {date(2026, 2, 12), date(2026, 6, 19)}


@pytest.mark.parametrize(
    ("holidays", "expected"),
    [
        pytest.param(COURT_2026, date(2026, 6, 22), id="E11-court-and-scc-calendar"),
        pytest.param(ALT_2026, date(2026, 6, 19), id="E11-alt-calendar"),
    ],
)
def test_e11_not_in_custody_five_working_days(holidays: set[date], expected: date) -> None:
    due = meeting_due(
        assigned_on=date(2026, 6, 12),
        in_protective_custody=False,
        holidays=holidays,
        court_holidays=COURT_2026,
        # Removal facts do not matter when the child is not in custody.
        removed_on=date(2026, 6, 1),
    )
    assert due == expected


def test_e15_custody_timeline_from_removal() -> None:
    timeline = custody_timeline(removed_on=date(2026, 3, 2), court_holidays=COURT_2026)
    assert timeline == CustodyTimeline(
        petition_by=date(2026, 3, 4),
        detention_by=date(2026, 3, 5),
        jurisdiction_by=date(2026, 3, 26),
    )
    # Day 24 after removal, inside the seed's "18 to 25 days" (R-CT-07).
    assert (timeline.jurisdiction_by - date(2026, 3, 2)).days == 24


def test_e15_meeting_due_the_court_day_before_the_estimate() -> None:
    due = meeting_due(
        assigned_on=date(2026, 3, 3),
        in_protective_custody=True,
        holidays=ALT_2026,
        court_holidays=COURT_2026,
        removed_on=date(2026, 3, 2),
    )
    assert due == date(2026, 3, 25)


def test_custody_timeline_from_a_saturday_removal_crosses_cesar_chavez_day() -> None:
    # Sat 7 Mar: petition Tue 10, detention Wed 11, 15 court days skipping Tue 31 Mar.
    timeline = custody_timeline(removed_on=date(2026, 3, 7), court_holidays=COURT_2026)
    assert timeline == CustodyTimeline(date(2026, 3, 10), date(2026, 3, 11), date(2026, 4, 2))
    due = meeting_due(
        assigned_on=date(2026, 3, 9),
        in_protective_custody=True,
        holidays=COURT_2026,
        court_holidays=COURT_2026,
        removed_on=date(2026, 3, 7),
    )
    assert due == date(2026, 4, 1)


@pytest.mark.parametrize(
    ("hearing", "expected"),
    [
        pytest.param(date(2026, 3, 26), date(2026, 3, 25), id="E15-entered-date"),
        pytest.param(date(2026, 6, 22), date(2026, 6, 18), id="monday-after-juneteenth"),
        pytest.param(date(2026, 4, 1), date(2026, 3, 30), id="day-after-cesar-chavez"),
    ],
)
def test_entered_jurisdiction_date_wins_over_the_estimate(hearing: date, expected: date) -> None:
    due = meeting_due(
        assigned_on=date(2026, 3, 3),
        in_protective_custody=True,
        holidays=ALT_2026,
        court_holidays=COURT_2026,
        removed_on=date(2026, 3, 2),
        jurisdiction_hearing_on=hearing,
    )
    assert due == expected


def test_custody_without_removal_or_hearing_date_raises() -> None:
    with pytest.raises(ValueError, match="removal date or the jurisdiction hearing date"):
        meeting_due(
            assigned_on=date(2026, 3, 3),
            in_protective_custody=True,
            holidays=COURT_2026,
            court_holidays=COURT_2026,
        )


def test_hearing_before_removal_raises() -> None:
    with pytest.raises(ValueError, match="before the removal"):
        meeting_due(
            assigned_on=date(2026, 3, 3),
            in_protective_custody=True,
            holidays=COURT_2026,
            court_holidays=COURT_2026,
            removed_on=date(2026, 3, 2),
            jurisdiction_hearing_on=date(2026, 2, 27),
        )


@pytest.mark.parametrize(
    ("signed_on", "holidays", "expected"),
    [
        pytest.param(date(2026, 6, 17), COURT_2026, date(2026, 6, 23), id="E17-court"),
        pytest.param(date(2026, 6, 17), ALT_2026, date(2026, 6, 22), id="E17-alt"),
        pytest.param(date(2026, 11, 25), COURT_2026, date(2026, 12, 2), id="E17-thanksgiving"),
    ],
)
def test_e17_change_window_end(signed_on: date, holidays: set[date], expected: date) -> None:
    assert change_window_end(signed_on, holidays) == expected


def test_plan_signature_due_is_ninety_calendar_days() -> None:
    assert plan_signature_due(date(2026, 1, 15)) == date(2026, 4, 15)


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        pytest.param(
            date(2026, 6, 1),
            (date(2026, 6, 2), date(2026, 6, 21), date(2026, 7, 1)),
            id="E20-day20-is-a-sunday",
        ),
        pytest.param(
            date(2026, 12, 15),
            (date(2026, 12, 16), date(2027, 1, 4), date(2027, 1, 14)),
            id="across-new-year",
        ),
    ],
)
def test_noncompliance_dates(issued: date, expected: tuple[date, date, date]) -> None:
    assert noncompliance_dates(issued) == expected


@pytest.mark.parametrize(
    ("issued", "holidays", "expected"),
    [
        pytest.param(
            date(2026, 6, 1),
            set(),
            (date(2026, 6, 2), date(2026, 6, 22), date(2026, 7, 2)),
            id="E20-sunday-to-monday-action-10-days-after",
        ),
        pytest.param(
            date(2026, 5, 30),
            {date(2026, 6, 19)},
            (date(2026, 5, 31), date(2026, 6, 22), date(2026, 7, 2)),
            id="juneteenth-friday-to-monday",
        ),
        pytest.param(
            date(2026, 6, 2),
            set(),
            (date(2026, 6, 3), date(2026, 6, 22), date(2026, 7, 2)),
            id="a-working-day-stays",
        ),
    ],
)
def test_noncompliance_schedule_rolls_day_20_forward_when_the_county_says_so(
    issued: date, holidays: set[date], expected: tuple[date, date, date]
) -> None:
    """§e Q10 as a county setting; the action date stays 10 days after day 20 (R-NC-04)."""
    assert noncompliance_schedule(issued, roll_forward=True, holidays=holidays) == expected
    assert noncompliance_schedule(issued, roll_forward=False) == noncompliance_dates(issued)


def test_noncompliance_schedule_needs_the_loaded_calendar() -> None:
    from policy.calendar import CalendarNotLoaded, LoadedHolidays

    no_2026 = LoadedHolidays(set(), {2027})
    with pytest.raises(CalendarNotLoaded):
        noncompliance_schedule(date(2026, 6, 2), roll_forward=True, holidays=no_2026)
    assert noncompliance_schedule(date(2026, 6, 2), roll_forward=False, holidays=no_2026)[1] == (
        date(2026, 6, 22)
    )


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param(
            {"program": "ab429", "removed_on": date(2026, 2, 10)}, date(2026, 8, 9), id="E26"
        ),
        pytest.param(
            {"program": "AB429", "removed_on": date(2026, 2, 10)}, date(2026, 8, 9), id="upper"
        ),
        pytest.param(
            {"program": "ab135", "removed_on": date(2026, 2, 10)},
            date(2026, 8, 31),
            id="ab135-prorated-february-not-counted",
        ),
        pytest.param(
            {
                "program": "ab135",
                "removed_on": date(2026, 2, 10),
                "plan_amended_on": date(2026, 3, 1),
            },
            date(2026, 8, 31),
            id="ab135-start-on-the-1st-counts",
        ),
        pytest.param(
            {
                "program": "ab135",
                "removed_on": date(2026, 2, 10),
                "plan_amended_on": date(2026, 3, 15),
            },
            date(2026, 9, 30),
            id="ab135-mid-month-amendment",
        ),
        pytest.param(
            {
                "program": "ab135",
                "removed_on": date(2026, 8, 1),
                "plan_amended_on": date(2026, 8, 20),
            },
            date(2027, 2, 28),
            id="ab135-across-new-year-into-february",
        ),
    ],
)
def test_fr_services_end(kwargs: dict[str, Any], expected: date) -> None:
    assert fr_services_end(**kwargs) == expected


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        pytest.param({"program": "ab999", "removed_on": date(2026, 2, 10)}, "'ab429' or 'ab135'"),
        pytest.param(
            {
                "program": "ab135",
                "removed_on": date(2026, 2, 10),
                "plan_amended_on": date(2026, 1, 5),
            },
            "before the removal",
        ),
    ],
    ids=["unknown-program", "amended-before-removal"],
)
def test_fr_services_end_rejects_bad_input(kwargs: dict[str, Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        fr_services_end(**kwargs)


@pytest.mark.parametrize(
    ("activity_ends_on", "expected"),
    [
        pytest.param(date(2026, 10, 27), date(2026, 10, 1), id="E23-8-week-activity"),
        pytest.param(date(2026, 9, 20), date(2026, 9, 20), id="activity-ends-first"),
        pytest.param(date(2026, 10, 1), date(2026, 10, 1), id="ends-on-day-30"),
    ],
)
def test_cure_complete(activity_ends_on: date, expected: date) -> None:
    signed = date(2026, 9, 1)
    assert cure_complete(cure_plan_signed_on=signed, activity_ends_on=activity_ends_on) == expected


def test_cure_activity_ending_before_signature_raises() -> None:
    with pytest.raises(ValueError, match="before the cure plan was signed"):
        cure_complete(cure_plan_signed_on=date(2026, 9, 1), activity_ends_on=date(2026, 8, 31))


def test_e31_exemption_review_thirty_days_before_the_end() -> None:
    assert exemption_review_date(date(2026, 7, 20)) == date(2026, 6, 20)


@pytest.mark.parametrize(
    "hearing,removed,expected",
    [
        # Hearing Jul 23, case assigned Sep 29 (found late): 5 working days from assignment.
        pytest.param(date(2026, 7, 23), date(2026, 7, 1), date(2026, 10, 6), id="hearing-passed"),
        # No hearing entered; the statutory estimate (Jul 29) also passed before assignment.
        pytest.param(None, date(2026, 7, 1), date(2026, 10, 6), id="estimate-passed"),
        # Hearing still ahead: the court day before it, even if sooner than 5 working days.
        pytest.param(date(2026, 10, 1), date(2026, 9, 10), date(2026, 9, 30), id="hearing-ahead"),
    ],
)
def test_custody_case_assigned_after_court_falls_back_to_five_working_days(
    hearing: date | None, removed: date, expected: date
) -> None:
    court = court_holidays(2026)
    due = meeting_due(
        assigned_on=date(2026, 9, 29),
        in_protective_custody=True,
        holidays=court,
        court_holidays=court,
        removed_on=removed,
        jurisdiction_hearing_on=hearing,
    )
    assert due == expected
