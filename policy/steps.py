"""The six steps of the wizard and the progress bar (domain.md §c7 seen from the EC's screen).

Each stage belongs to one step, the step the EC works on next; ``progress(facts)`` marks the
steps done, current and upcoming and says what blocks the current one, using the guards of
``policy.stages``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .stages import CaseFacts, blockers

STEPS: tuple[str, ...] = ("identify", "assign", "meeting", "plan", "track", "close")
# The six steps, and the case pages outside them (no step is "this page" there).
STEP_LABELS = {
    "history": "History",
    "documents": "Printed forms",
    "share": "Read-only link",
    "identify": "Identify",
    "assign": "Assign",
    "meeting": "Joint meeting",
    "plan": "Plan",
    "track": "Track",
    "close": "Close",
}

# Where each stage sits in the six steps (the step the EC works on next).
STEP_OF_STAGE = {
    "candidate": "identify",
    "confirmed": "assign",
    "not_mutual": "identify",
    "assigned": "meeting",
    "meeting_scheduled": "meeting",
    "meeting_held": "plan",
    "plan_pending_signature": "plan",
    "plan_active": "track",
    "integration_declined": "plan",  # a WTW-only plan is still signed (E32)
    "closing": "close",
    "closed": "close",
}


@dataclass(frozen=True)
class StepState:
    """One step of the progress bar and what blocks it (R-ID-06, R-MT-01, R-PL-03, R-CL-04)."""

    step: str
    label: str
    state: str  # done | current | upcoming
    blockers: tuple[str, ...] = ()


NEXT_STAGE_FOR_STEP = {
    "identify": "confirmed",
    "assign": "assigned",
    "meeting": "meeting_held",
    "plan": "plan_pending_signature",
    "track": "closing",
    "close": "closed",
}


def step_of(stage: str) -> str:
    """The wizard step a stage belongs to (identify R-ID-01 … close R-CL-01)."""
    return STEP_OF_STAGE[stage]


def progress(facts: CaseFacts) -> tuple[StepState, ...]:
    """The six steps with done/current/upcoming and what blocks the current one (R-ID-01..R-CL-04)."""
    current = step_of(facts.stage)
    index = STEPS.index(current)
    states = []
    for position, step in enumerate(STEPS):
        if facts.stage == "closed" or position < index:
            states.append(StepState(step, STEP_LABELS[step], "done"))
        elif position == index:
            states.append(StepState(step, STEP_LABELS[step], "current", _step_blockers(facts)))
        else:
            states.append(StepState(step, STEP_LABELS[step], "upcoming"))
    return tuple(states)


def _step_blockers(facts: CaseFacts) -> tuple[str, ...]:
    if facts.stage == "not_mutual":
        return (f"Recorded as not a {facts.case_term}. Correct the facts to identify again.",)
    if facts.stage == "meeting_scheduled" or facts.stage == "assigned":
        target = "meeting_scheduled" if facts.stage == "assigned" else "meeting_held"
        return blockers(target, facts)
    if facts.stage == "plan_pending_signature":
        return (
            "Ready to sign: the client and the worker sign it on the Sign the plan page (R-PL-03).",
        )
    if facts.stage == "plan_active":
        return ()
    if facts.stage == "integration_declined":
        return blockers("plan_pending_signature", facts)
    return blockers(NEXT_STAGE_FOR_STEP[step_of(facts.stage)], facts)
