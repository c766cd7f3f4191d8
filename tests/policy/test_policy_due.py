"""What is due on a case (policy.due): the rows of the due_item table (issue 14)."""

from __future__ import annotations

from datetime import date

import pytest

from models.enums import DueKind
from policy.calendar import LoadedHolidays, court_holidays
from policy.due import (
    Due,
    DueFacts,
    case_dues,
    next_due,
    plan_renewal_on,
)
from policy.due_kinds import (
    CHANGE_REEVALUATION,
    CHANGE_WINDOW_END,
    CURE_END,
    EXEMPTION_REVIEW,
    FR_REDETERMINATION,
    FR_SERVICES_END,
    FS_PLAN_END,
    GOOD_CAUSE_REVIEW,
    HOURS_UNVERIFIED,
    JOINT_MEETING,
    KINDS,
    NONCOMPLIANCE_APPOINTMENT,
    NONCOMPLIANCE_DAY20,
    PLAN_RENEWAL,
    PLAN_SIGNATURE,
    SIXTH_BIRTHDAY,
    SW_MESSAGE_HELD,
    WEEK_NOT_RECORDED,
)

pytestmark = pytest.mark.pure

THANKSGIVING = {date(2026, 11, 26), date(2026, 11, 27)}
OFFICE = LoadedHolidays(THANKSGIVING, {2026, 2027})
COURT = LoadedHolidays(court_holidays(2026) | court_holidays(2027), {2026, 2027})


def dues(**facts) -> list[Due]:
    return case_dues(DueFacts(**facts), OFFICE, COURT)


def test_every_kind_is_a_due_kind_with_a_label():
    assert set(KINDS) == {kind.value for kind in DueKind}
    assert DueKind.JOINT_MEETING.label == "Joint meeting"
    assert DueKind.PLAN_SIGNATURE.label == "Plan signature"


def test_an_assigned_case_owes_the_joint_meeting_five_working_days_on():
    assert dues(stage="assigned", assigned_on=date(2026, 11, 20)) == [
        Due(JOINT_MEETING, date(2026, 12, 1))  # Thanksgiving and the day after skipped
    ]
    # The county counts from identification (§e Q1), or sets no target at all (§e Q3).
    counted = dues(
        stage="meeting_scheduled",
        identified_on=date(2026, 11, 16),
        assigned_on=date(2026, 11, 20),
        meeting_anchor="identified",
    )
    assert counted == [Due(JOINT_MEETING, date(2026, 11, 23))]
    assert (
        dues(stage="assigned", assigned_on=date(2026, 11, 20), meeting_deadline_applies=False) == []
    )


def test_a_child_in_custody_without_court_or_removal_dates_owes_no_date_yet():
    assert dues(stage="assigned", assigned_on=date(2026, 11, 20), protective_custody=True) == []
    court = dues(
        stage="assigned",
        assigned_on=date(2026, 11, 18),
        protective_custody=True,
        removed_on=date(2026, 11, 16),
        jurisdiction_hearing_on=date(2026, 12, 14),
    )
    assert court == [Due(JOINT_MEETING, date(2026, 12, 11))]


def test_a_count_into_an_unloaded_year_gives_an_item_without_a_date():
    late = dues(stage="assigned", assigned_on=date(2027, 12, 29))
    assert late == [Due(JOINT_MEETING, None, missing_year=2028)]


def test_a_court_date_before_the_removal_gives_no_meeting_date_rather_than_a_wrong_one():
    slip = dues(
        stage="assigned",
        assigned_on=date(2026, 11, 18),
        protective_custody=True,
        removed_on=date(2026, 11, 16),
        jurisdiction_hearing_on=date(2026, 11, 2),
    )
    assert slip == []


def test_the_plan_signature_is_due_90_days_from_the_current_version_while_unsigned():
    facts = dict(assigned_on=date(2026, 9, 1), plan_required_from=date(2026, 10, 1))
    for stage in ("meeting_held", "plan_pending_signature"):
        assert dues(stage=stage, **facts) == [Due(PLAN_SIGNATURE, date(2026, 12, 30))]
    for stage in ("plan_active", "closing", "closed", "candidate", "integration_declined"):
        assert dues(stage=stage, **facts) == []
    assert dues(stage="meeting_held") == []  # no clock start yet


def test_the_next_due_is_the_earliest_dated_item():
    late, soon = Due(PLAN_SIGNATURE, date(2026, 12, 30)), Due(JOINT_MEETING, date(2026, 12, 1))
    assert next_due([late, soon]) == soon
    assert next_due([Due(JOINT_MEETING, None, missing_year=2028)]) is None
    assert next_due([]) is None
    tie = Due(PLAN_SIGNATURE, date(2026, 12, 1))
    assert next_due([tie, soon]) == soon  # same day: the kind listed first


@pytest.mark.parametrize(
    ("period_end", "reminder"),
    [
        (date(2027, 10, 31), date(2027, 8, 31)),
        (date(2027, 4, 30), date(2027, 2, 28)),  # month-end clamped
        (date(2028, 4, 30), date(2028, 2, 29)),  # leap year
        (date(2027, 1, 15), date(2026, 11, 15)),  # across the year
    ],
)
def test_a_running_plan_is_renewed_from_two_months_before_it_ends(period_end, reminder):
    assert plan_renewal_on(period_end) == reminder
    assert dues(stage="plan_active", plan_period_end=period_end) == [Due(PLAN_RENEWAL, reminder)]


@pytest.mark.parametrize("stage", ["meeting_held", "plan_pending_signature", "closing", "closed"])
def test_only_a_running_plan_owes_a_renewal(stage):
    assert PLAN_RENEWAL not in {d.kind for d in dues(stage=stage, plan_period_end=date(2027, 1, 1))}


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        ("plan_active", [Due(GOOD_CAUSE_REVIEW, date(2026, 12, 2), "7")]),
        ("closing", [Due(GOOD_CAUSE_REVIEW, date(2026, 12, 2), "7")]),
        ("closed", []),
        ("not_mutual", []),
    ],
)
def test_each_good_cause_under_review_is_due_on_its_monthly_review(stage, expected):
    assert dues(stage=stage, good_cause_reviews=((7, date(2026, 12, 2)),)) == expected


@pytest.mark.parametrize(
    ("reviews", "expected"),
    [
        ((), []),
        (((3, date(2026, 6, 20)),), [Due(EXEMPTION_REVIEW, date(2026, 6, 20), "3")]),
        (
            ((3, date(2026, 6, 20)), (4, date(2026, 4, 15))),
            [
                Due(EXEMPTION_REVIEW, date(2026, 6, 20), "3"),
                Due(EXEMPTION_REVIEW, date(2026, 4, 15), "4"),
            ],
        ),
    ],
)
def test_each_exemption_with_a_review_date_is_due_then(reviews, expected):
    assert dues(stage="plan_active", exemption_reviews=reviews) == expected
    assert dues(stage="closed", exemption_reviews=reviews) == []


def test_a_case_owes_several_kinds_at_once_and_next_due_is_the_earliest():
    found = dues(
        stage="plan_active",
        plan_period_end=date(2027, 10, 31),
        good_cause_reviews=((1, date(2026, 12, 2)),),
        exemption_reviews=((2, date(2026, 11, 30)),),
    )
    assert {d.kind for d in found} == {PLAN_RENEWAL, GOOD_CAUSE_REVIEW, EXEMPTION_REVIEW}
    assert next_due(found) == Due(EXEMPTION_REVIEW, date(2026, 11, 30), "2")


@pytest.mark.parametrize(
    ("issued_on", "roll", "appointment", "expected"),
    [
        # Day 20 is a calendar day by default (§e Q10), even on a Saturday.
        (date(2026, 11, 1), False, None, [Due(NONCOMPLIANCE_DAY20, date(2026, 11, 21), "5")]),
        # With the county's roll-forward, the next working day.
        (date(2026, 11, 1), True, None, [Due(NONCOMPLIANCE_DAY20, date(2026, 11, 23), "5")]),
        # Thanksgiving and the day after skipped too.
        (date(2026, 11, 6), True, None, [Due(NONCOMPLIANCE_DAY20, date(2026, 11, 30), "5")]),
        (
            date(2026, 11, 10),
            False,
            date(2026, 11, 24),
            [
                Due(NONCOMPLIANCE_DAY20, date(2026, 11, 30), "5"),
                Due(NONCOMPLIANCE_APPOINTMENT, date(2026, 11, 24), "5"),
            ],
        ),
        (date(2027, 12, 20), True, None, [Due(NONCOMPLIANCE_DAY20, None, "5", missing_year=2028)]),
    ],
)
def test_an_open_notice_is_due_on_day_20_and_its_appointment(
    issued_on, roll, appointment, expected
):
    facts = dict(open_notices=((5, issued_on, appointment),), day20_roll_forward=roll)
    assert dues(stage="plan_active", **facts) == expected
    assert dues(stage="closed", **facts) == []


# --- Issue 15: the remaining kinds -----------------------------------------------------------

MONDAY = date(2026, 11, 23)  # tests' today


@pytest.mark.parametrize(
    ("stage", "ends", "today", "expected"),
    [
        # R-PL-04: listed while the client may still ask for changes, through the last day.
        ("plan_active", date(2026, 11, 25), MONDAY, [Due(CHANGE_WINDOW_END, date(2026, 11, 25))]),
        ("plan_active", date(2026, 11, 23), MONDAY, [Due(CHANGE_WINDOW_END, date(2026, 11, 23))]),
        ("plan_active", date(2026, 11, 20), MONDAY, []),  # the window has passed
        ("plan_active", None, MONDAY, []),  # not signed yet
        ("plan_pending_signature", date(2026, 11, 25), MONDAY, []),
        ("closed", date(2026, 11, 25), MONDAY, []),
    ],
)
def test_the_change_window_end_is_listed_while_the_window_is_open(stage, ends, today, expected):
    assert dues(stage=stage, change_window_ends=ends, today=today) == expected


@pytest.mark.parametrize(
    ("born", "start", "end", "requirement", "expected"),
    [
        # E08: 6th birthday inside the plan period, still counted at 20 hours (R-HR-11).
        (date(2020, 10, 5), date(2026, 4, 1), date(2027, 3, 31), 20, [date(2026, 10, 5)]),
        (date(2020, 2, 29), date(2026, 1, 1), date(2026, 12, 31), 20, [date(2026, 3, 1)]),
        # Re-counted: the version now counts 30 hours.
        (date(2020, 10, 5), date(2026, 4, 1), date(2027, 3, 31), 30, []),
        # The plan ends before the birthday, or starts on or after it.
        (date(2020, 10, 5), date(2025, 10, 1), date(2026, 9, 30), 20, []),
        (date(2020, 10, 5), date(2026, 10, 5), date(2027, 9, 30), 20, []),
        (None, date(2026, 4, 1), date(2027, 3, 31), 20, []),  # no aided child (pregnant only)
        (date(2020, 10, 5), date(2026, 4, 1), date(2026, 3, 1), 20, []),  # a typing slip
    ],
)
def test_the_youngest_childs_sixth_birthday_inside_a_20_hour_plan_is_due(
    born, start, end, requirement, expected
):
    found = dues(
        stage="plan_active",
        youngest_born=born,
        plan_period_start=start,
        plan_requirement=requirement,
        plan_period_end=end,
    )
    assert [d.on for d in found if d.kind == SIXTH_BIRTHDAY] == expected


def test_cure_fr_fs_and_changes_are_due_on_their_dates_until_the_case_ends():
    facts = dict(
        cures=((4, date(2026, 12, 10)),),
        reunification=((8, date(2027, 2, 9), date(2027, 2, 14)), (9, None, None)),
        fs_plans=((3, date(2027, 5, 3)),),
        open_changes=((11, date(2026, 11, 20)),),
    )
    assert dues(stage="plan_active", **facts) == [
        Due(CURE_END, date(2026, 12, 10), "4"),  # R-NC-08
        Due(FR_SERVICES_END, date(2027, 2, 9), "8"),  # R-FR-04
        Due(FR_REDETERMINATION, date(2027, 2, 14), "8"),  # R-FR-08
        Due(FS_PLAN_END, date(2027, 5, 3), "3"),  # R-FS-03
        Due(CHANGE_REEVALUATION, date(2026, 11, 20), "11"),  # R-CL-06: due when reported
    ]
    assert dues(stage="integration_declined", **facts)  # separate plans: still tracked
    assert dues(stage="closed", **facts) == []


SIGNED = dict(stage="plan_active", attendance_from=date(2026, 10, 7))


@pytest.mark.parametrize(
    ("today", "recorded", "expected"),
    [
        # Monday: last week (11/16-11/22) is due today, the first working day after it ended.
        (MONDAY, set(), [Due(WEEK_NOT_RECORDED, MONDAY, "2026-11-16")]),
        # Sunday of that week: the week has not ended, the one before is the last finished.
        (date(2026, 11, 22), set(), [Due(WEEK_NOT_RECORDED, date(2026, 11, 16), "2026-11-09")]),
        (MONDAY, {date(2026, 11, 16)}, []),  # recorded
        # Only the most recent finished week, never a backlog of older ones.
        (date(2026, 11, 30), {date(2026, 11, 16)}, [Due(WEEK_NOT_RECORDED, date(2026, 11, 30),
                                                        "2026-11-23")]),
        (date(2026, 10, 5), set(), []),  # before the plan's first week (from 10/07)
        # An unloaded year: listed without a date.
        (date(2028, 1, 3), set(), [Due(WEEK_NOT_RECORDED, None, "2027-12-27", missing_year=2028)]),
    ],
)  # fmt: skip
def test_last_weeks_attendance_is_due_the_first_working_day_after_the_week(
    today, recorded, expected
):
    found = dues(**SIGNED, today=today, recorded_weeks=frozenset(recorded))
    assert [d for d in found if d.kind == WEEK_NOT_RECORDED] == expected


def test_a_monday_holiday_moves_last_weeks_attendance_to_tuesday():
    office = LoadedHolidays(THANKSGIVING | {date(2027, 1, 18)}, {2026, 2027})  # MLK day
    facts = DueFacts(**SIGNED, today=date(2027, 1, 18))
    assert case_dues(facts, office, COURT) == [
        Due(WEEK_NOT_RECORDED, date(2027, 1, 19), "2027-01-11")
    ]
    # Thanksgiving (Thu, Fri) inside the week does not move the Monday after it.
    assert case_dues(DueFacts(**SIGNED, today=date(2026, 11, 30)), office, COURT) == [
        Due(WEEK_NOT_RECORDED, date(2026, 11, 30), "2026-11-23")
    ]


@pytest.mark.parametrize(
    ("today", "weeks", "expected"),
    [
        # Week of 11/02 ended Sunday 11/08; older than two weeks from Monday 11/23.
        (MONDAY, (date(2026, 11, 2),), [Due(HOURS_UNVERIFIED, MONDAY, "2026-11-02")]),
        (date(2026, 11, 22), (date(2026, 11, 2),), []),  # exactly two weeks: not yet
        # One item per case, for the oldest week.
        (
            MONDAY,
            (date(2026, 10, 26), date(2026, 11, 2)),
            [Due(HOURS_UNVERIFIED, date(2026, 11, 16), "2026-10-26")],
        ),
        (MONDAY, (), []),
    ],
)
def test_hours_not_verified_after_two_weeks_are_due(today, weeks, expected):
    found = dues(**SIGNED, today=today, unverified_weeks=weeks)
    assert [d for d in found if d.kind == HOURS_UNVERIFIED] == expected


def test_date_driven_kinds_need_a_day_to_count_from():
    assert dues(**SIGNED, unverified_weeks=(date(2026, 11, 2),)) == []


def test_a_held_notice_is_due_the_countys_working_days_after_it_was_written():
    held = ((7, date(2026, 11, 24)), (9, date(2026, 11, 25)))
    # Tue 24 + 2 working days: Wed 25, then Mon 30 (Thanksgiving and the day after are closed).
    assert dues(stage="plan_active", held_messages=held) == [
        Due(SW_MESSAGE_HELD, date(2026, 11, 30), "7"),
        Due(SW_MESSAGE_HELD, date(2026, 12, 1), "9"),
    ]
    assert dues(stage="plan_active", held_messages=held[:1], hold_days=1) == [
        Due(SW_MESSAGE_HELD, date(2026, 11, 25), "7")
    ]


def test_a_closing_notice_held_on_a_closed_case_is_still_due():
    closing = dues(stage="closed", held_messages=((3, date(2026, 12, 1)),))
    assert closing == [Due(SW_MESSAGE_HELD, date(2026, 12, 3), "3")]
    assert dues(stage="closed", held_messages=((3, date(2027, 12, 30)),)) == [
        Due(SW_MESSAGE_HELD, None, "3", missing_year=2028)
    ]
