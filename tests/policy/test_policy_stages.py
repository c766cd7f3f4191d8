"""The mutual case's state machine (§c7): allowed moves and the reasons a move is refused."""

from __future__ import annotations

import pytest

from policy.stages import (
    TRANSITIONS,
    CaseFacts,
    blockers,
    can_move,
    mutual_client_reasons,
)
from policy.steps import STEPS, progress

pytestmark = pytest.mark.pure

READY_TO_SIGN = CaseFacts(
    stage="meeting_held",
    worker_assigned=True,
    sw_named=True,
    meeting_scheduled=True,
    meeting_held=True,
    integration="agreed",
    plan_activities=4,
    sw_agreement=True,
)


@pytest.mark.parametrize(
    "status,open_,expected",
    [
        ("active", True, []),
        ("pending", True, []),  # a pending application counts (R-ID-01 b)
        ("discontinued", True, ["The CalWORKs case is neither open nor pending (R-ID-01 b)."]),
        ("active", False, ["The child-welfare case is not open (R-ID-01 a)."]),
    ],
)
def test_r_id_01_needs_both_cases(status, open_, expected):
    assert mutual_client_reasons(status, open_) == expected


def test_confirming_needs_both_cases_and_the_ec_check():
    facts = CaseFacts(stage="candidate", calworks_status="discontinued")
    reasons = blockers("confirmed", facts)
    assert "The CalWORKs case is neither open nor pending (R-ID-01 b)." in reasons
    assert "Confirm that both cases were checked in the county systems." in reasons
    assert can_move("confirmed", CaseFacts(stage="candidate", verified=True))


def test_a_stage_cannot_be_skipped():
    facts = CaseFacts(stage="candidate", worker_assigned=True)
    assert blockers("assigned", facts) == ("A case cannot go from candidate to assigned.",)
    assert not can_move("plan_active", READY_TO_SIGN)


def test_scheduling_needs_the_social_worker_and_a_date():
    facts = CaseFacts(stage="assigned", worker_assigned=True)
    assert blockers("meeting_scheduled", facts) == (
        "Record the social worker on the Assign step first.",
        "Schedule the meeting, or record it as held if it already took place.",
    )


def test_plan_ready_to_sign_when_agenda_hours_and_sw_agreement_are_in_place():
    assert blockers("plan_pending_signature", READY_TO_SIGN) == ()


@pytest.mark.parametrize(
    "change,reason",
    [
        ({"sw_agreement": False}, "(R-MT-07)"),
        ({"plan_activities": 0}, "Add at least one activity to the plan."),
        ({"agenda_missing": ("Supportive services identified and approved",)}, "agenda"),
        ({"plan_errors": ("15 more hours are needed.",)}, "15 more hours are needed."),
        ({"integration": "declined", "plan_cfs_activities": 2}, "(R-MT-05, E32)"),
    ],
)
def test_each_missing_piece_blocks_ready_to_sign(change, reason):
    facts = CaseFacts(**{**READY_TO_SIGN.__dict__, **change})
    found = blockers("plan_pending_signature", facts)
    assert len(found) == 1 and reason in found[0]


def test_closing_is_allowed_from_every_open_stage_but_closed_needs_four_facts():
    for stage, targets in TRANSITIONS.items():
        if stage not in ("closing", "closed", "not_mutual"):
            assert "closing" in targets, stage
    facts = CaseFacts(stage="closing", closure_route=True)
    assert len(blockers("closed", facts)) == 3
    done = CaseFacts(
        stage="closing", closure_route=True, closed_on=True, sw_notified=True, indicator_ended=True
    )
    assert can_move("closed", done)


def test_not_mutual_needs_a_reason_and_can_be_reopened():
    assert blockers("not_mutual", CaseFacts(stage="candidate")) == (
        "Give the reason the person is not a mutual client.",
    )
    assert can_move("not_mutual", CaseFacts(stage="candidate", not_mutual_reason=True))
    assert "candidate" in TRANSITIONS["not_mutual"]


def test_declined_integration_is_a_side_exit_that_can_come_back():
    declined = CaseFacts(stage="meeting_held", integration="declined")
    assert can_move("integration_declined", declined)
    assert not can_move("integration_declined", CaseFacts(stage="meeting_held"))
    assert "meeting_held" in TRANSITIONS["integration_declined"]


def test_progress_marks_done_current_and_upcoming_with_what_blocks():
    steps = progress(CaseFacts(stage="assigned", worker_assigned=True, sw_named=True))
    assert [s.step for s in steps] == list(STEPS)
    assert [s.state for s in steps] == [
        "done",
        "done",
        "current",
        "upcoming",
        "upcoming",
        "upcoming",
    ]
    assert steps[2].blockers == (
        "Schedule the meeting, or record it as held if it already took place.",
    )
    closed = progress(CaseFacts(stage="closed"))
    assert all(s.state == "done" for s in closed)


def test_unknown_stage_is_bad_input():
    with pytest.raises(ValueError, match="unknown stage"):
        blockers("archived", CaseFacts(stage="candidate"))


def test_the_social_workers_agreement_is_required_in_orange_and_recorded_in_santa_clara():
    """R-MT-07 is Orange's rule (§e Q18)."""
    unagreed = {**READY_TO_SIGN.__dict__, "sw_agreement": False}
    orange = blockers("plan_pending_signature", CaseFacts(**{**unagreed, "county": "orange"}))
    santa_clara = CaseFacts(**{**unagreed, "county": "santa_clara"})
    assert any("(R-MT-07)" in r for r in orange)
    assert blockers("plan_pending_signature", santa_clara) == ()


def test_a_declined_client_still_signs_a_wtw_only_plan():
    """E32: no child-welfare rows, the full requirement, no shared agreement to record."""
    declined = CaseFacts(
        **{
            **READY_TO_SIGN.__dict__,
            "stage": "integration_declined",
            "integration": "declined",
            "sw_agreement": False,
        }
    )
    assert can_move("plan_pending_signature", declined)
    with_cfs = CaseFacts(**{**declined.__dict__, "plan_cfs_activities": 1})
    assert "Remove those rows" in blockers("plan_pending_signature", with_cfs)[0]
    assert "integration_declined" in TRANSITIONS["plan_pending_signature"]
