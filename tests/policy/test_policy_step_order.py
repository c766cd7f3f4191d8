"""Steps in order (security.md 12, §c7): which stage accepts which step's form, and the stage sets
the screens ask about, each decided once in policy.stages."""

from __future__ import annotations

import pytest

from policy.stages import (
    ACCEPTS,
    BEFORE_MEETING_HELD,
    ENDED_STAGES,
    OPEN_STAGES,
    SIGNING_STAGES,
    TRANSITIONS,
    accepts,
    may_start_closing,
)

pytestmark = pytest.mark.pure

ALL_STAGES = sorted(TRANSITIONS)


@pytest.mark.parametrize(
    ("step", "stage", "expected"),
    [
        ("assign", "candidate", False),  # identify first (R-ID-01)
        ("assign", "confirmed", True),
        ("assign", "plan_active", True),  # reassignment stays possible
        ("meeting", "confirmed", False),  # assign first (R-ID-06)
        ("meeting", "assigned", True),
        ("meeting", "closing", True),
        ("plan", "meeting_scheduled", False),  # hold the meeting first (R-PL-03)
        ("plan", "meeting_held", True),
        ("plan", "plan_active", True),  # amendments
        ("plan", "closing", False),
        ("assign", "closed", False),
        ("meeting", "not_mutual", False),
    ],
)
def test_a_step_is_accepted_only_once_the_steps_before_it_are_done(step, stage, expected):
    assert accepts(step, stage) is expected


def test_no_step_accepts_a_case_that_has_ended():
    for step in ACCEPTS:
        assert not any(accepts(step, stage) for stage in ENDED_STAGES)


def test_every_stage_named_in_a_set_is_a_real_stage():
    named = set().union(*ACCEPTS.values(), ENDED_STAGES, BEFORE_MEETING_HELD, SIGNING_STAGES)
    assert named <= set(ALL_STAGES)


@pytest.mark.parametrize("stage", ALL_STAGES)
def test_any_open_case_may_start_closing_and_no_other(stage):
    assert may_start_closing(stage) is (stage in OPEN_STAGES)
    if may_start_closing(stage):
        assert "closing" in TRANSITIONS[stage]
