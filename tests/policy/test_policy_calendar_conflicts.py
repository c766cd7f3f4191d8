"""The calendar of both agencies: schedules read as weekly times, weekly repeats, conflicts and
the good-cause route (policy.calendar_conflicts; R-GC-01, R-GC-02, R-GC-03)."""

from __future__ import annotations

from datetime import date, time

import pytest

from policy.calendar_conflicts import (
    Event,
    WeeklySlot,
    calendar_window,
    find_conflicts,
    parse_schedule,
    session_dates,
    weekly_dates,
)

pytestmark = pytest.mark.pure
MON, TUE, WED, THU, FRI, SAT = range(6)


def slots(*rows):
    return tuple(WeeklySlot(d, time(*a), time(*b)) for d, a, b in rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon/Wed 9:00-13:00", slots((MON, (9,), (13,)), (WED, (9,), (13,)))),
        ("Tue 10:00-12:00, Sat 10:00-12:00", slots((TUE, (10,), (12,)), (SAT, (10,), (12,)))),
        ("Mon-Wed 9-12", slots((MON, (9,), (12,)), (TUE, (9,), (12,)), (WED, (9,), (12,)))),
        ("Tuesdays and Thursdays 9am-1pm", slots((TUE, (9,), (13,)), (THU, (9,), (13,)))),
        ("Wed 6-9 pm", slots((WED, (18,), (21,)))),
        ("Thu 18:00–21:00", slots((THU, (18,), (21,)))),  # an en dash, as pasted
        ("Fri 9-1", slots((FRI, (9,), (13,)))),  # "9 to 1" means 1 in the afternoon
        ("Mon 9-12 and 13-15", slots((MON, (9,), (12,)), (MON, (13,), (15,)))),
        ("Mon 9:30 AM - 12:00 PM", slots((MON, (9, 30), (12,)))),
    ],
)
def test_schedules_as_people_write_them_are_read_as_weekly_times(text, expected):
    schedule = parse_schedule(text)
    assert schedule.understood and schedule.slots == expected


@pytest.mark.parametrize(
    "text",
    ["", "Home visit or CFT, about 1 h a week", "Mon", "9-12", "Tue 25:00-26:00", "Wed 11 pm-1 am"],
)
def test_a_schedule_without_clear_days_and_times_is_not_understood(text):
    assert parse_schedule(text).understood is False


WINDOW = calendar_window(date(2026, 11, 23))


def test_the_window_is_the_past_two_weeks_and_the_next_eight():
    assert WINDOW == (date(2026, 11, 9), date(2027, 1, 18))


@pytest.mark.parametrize(
    ("first", "until", "expected"),
    [
        (date(2026, 11, 24), None, [date(2026, 11, 24)]),
        (
            date(2026, 11, 24),
            date(2026, 12, 15),
            [date(2026, 11, 24), date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 15)],
        ),
        # Began long ago: only the weeks inside the window, still on its weekday.
        (
            date(2026, 10, 6),
            date(2026, 11, 24),
            [date(2026, 11, 10), date(2026, 11, 17), date(2026, 11, 24)],
        ),
        (date(2026, 11, 2), None, []),  # before the window
        (date(2027, 1, 19), None, []),  # after it
        (date(2027, 1, 11), date(2027, 3, 1), [date(2027, 1, 11), date(2027, 1, 18)]),
    ],
)
def test_weekly_repeats_fall_on_the_right_days_inside_the_window(first, until, expected):
    assert weekly_dates(first, until, WINDOW) == expected


def test_sessions_keep_to_the_activitys_dates():
    slot = WeeklySlot(WED, time(9), time(12))
    days = list(session_dates(slot, date(2026, 11, 20), date(2026, 12, 9), WINDOW))
    assert days == [date(2026, 11, 25), date(2026, 12, 2), date(2026, 12, 9)]


DAY = date(2026, 12, 2)


def ev(kind, side, start=None, end=None, day=DAY):
    return Event(day, start and time(*start), end and time(*end), kind, side, kind, f"{kind}:1")


JOB_CLUB = ev("wtw_activity", "wtw", (9,), (12,))


@pytest.mark.parametrize(
    ("duty", "other", "hit", "whole_day"),
    [
        (ev("court", "cw"), JOB_CLUB, True, True),  # a court date with no time: may overlap
        (ev("court", "cw", (10,), (11,)), JOB_CLUB, True, False),
        (ev("visitation", "cw", (12,), (13,)), JOB_CLUB, False, False),  # back to back
        (ev("visitation", "cw", (11, 30)), JOB_CLUB, True, False),  # no end: counted as an hour
        (ev("cft", "cw", (8,), (9, 1)), JOB_CLUB, True, False),
        (ev("fup", "cw", (14,), (15,)), JOB_CLUB, False, False),
        (ev("court", "cw"), ev("wtw_activity", "wtw", (9,), (12,), DAY.replace(day=3)), False, 0),
        (ev("court", "cw"), ev("nc_appointment", "wtw"), True, True),
        (ev("court", "cw"), ev("joint_meeting", "both", (10,)), False, False),  # both agencies
        (ev("cw_activity", "cw", (9,), (12,)), JOB_CLUB, False, False),  # not an obligation
        (ev("court", "wtw", (9,), (12,)), JOB_CLUB, False, False),  # not child welfare's
    ],
)
def test_a_child_welfare_obligation_over_a_wtw_session_is_a_conflict(duty, other, hit, whole_day):
    found = find_conflicts([duty, other], "santa_clara", "DFCS")
    assert bool(found) is hit
    if hit:
        assert found[0].obligation == duty and found[0].wtw == other
        assert found[0].whole_day is bool(whole_day)


@pytest.mark.parametrize(
    ("kind", "county", "reason", "words"),
    [
        ("court", "santa_clara", "court", "required court appearance is good cause (R-GC-02)"),
        ("court", "orange", "cfs_court_dates", "on the CFS social worker's recommendation"),
        ("visitation", "santa_clara", "", "Visitation is part of the DFCS case"),
        ("visitation", "orange", "cfs_out_of_county_visitation", "(R-GC-03)"),
        ("cft", "santa_clara", "", "A DFCS team meeting"),
    ],
)
def test_each_conflict_says_what_to_do_in_the_countys_words(kind, county, reason, words):
    cw = "CFS" if county == "orange" else "DFCS"
    (conflict,) = find_conflicts([ev(kind, "cw"), JOB_CLUB], county, cw)
    assert conflict.suggestion.reason == reason
    assert words in conflict.suggestion.text
    assert "R-GC-03" not in conflict.suggestion.text or county == "orange"
