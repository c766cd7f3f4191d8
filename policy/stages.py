"""The mutual case's life (domain.md §c7) as data: which stage may follow which, and why not.

Screens ask ``blockers(target, facts)`` before moving a case and show the reasons when a step
is not yet allowed; the progress bar is ``progress(facts)``. Stage names are the values of
``models.enums.Stage`` (plain strings here so this module stays free of the ORM).
"""

from __future__ import annotations

from dataclasses import dataclass, field

OPEN_STAGES = frozenset(
    {
        "candidate",
        "confirmed",
        "assigned",
        "meeting_scheduled",
        "meeting_held",
        "plan_pending_signature",
        "plan_active",
        "integration_declined",
    }
)
# §c7 plus the side exits. A case can start closing from any open stage: a child-welfare case
# or CalWORKs can end before the plan is signed (R-CL-02/03).
TRANSITIONS: dict[str, frozenset[str]] = {
    "candidate": frozenset({"confirmed", "not_mutual", "closing"}),
    "confirmed": frozenset({"assigned", "candidate", "not_mutual", "closing"}),
    "assigned": frozenset({"meeting_scheduled", "not_mutual", "closing"}),
    "meeting_scheduled": frozenset({"meeting_held", "assigned", "integration_declined", "closing"}),
    "meeting_held": frozenset({"plan_pending_signature", "integration_declined", "closing"}),
    "plan_pending_signature": frozenset(
        {"plan_active", "meeting_held", "integration_declined", "closing"}
    ),
    "plan_active": frozenset({"closing"}),
    # E32: a declined client still signs a WTW-only plan at the full requirement (R-MT-05).
    "integration_declined": frozenset({"meeting_held", "plan_pending_signature", "closing"}),
    "closing": frozenset({"closed"}),
    "closed": frozenset(),
    "not_mutual": frozenset({"candidate", "confirmed"}),
}


# Stage sets the screens and operations ask about, named once here (§c7).
ENDED_STAGES = frozenset({"closed", "not_mutual"})
# Identify decides the stage only while the case is being identified (R-ID-01).
DECIDING_STAGES = frozenset({"candidate", "confirmed", "not_mutual"})
UNVERIFIED_STAGES = frozenset({"candidate", "not_mutual"})
BEFORE_ASSIGNMENT = frozenset({"candidate", "confirmed"})
BEFORE_MEETING_HELD = frozenset(
    {"candidate", "confirmed", "not_mutual", "assigned", "meeting_scheduled"}
)
MEETING_DUE_STAGES = frozenset({"assigned", "meeting_scheduled"})  # R-MT-01/02
SIGNATURE_DUE_STAGES = frozenset({"meeting_held", "plan_pending_signature"})  # R-PL-02
# A plan is signed when ready to sign, or amended while active (R-PL-03, R-PL-10).
SIGNING_STAGES = frozenset({"plan_pending_signature", "plan_active"})

# Steps in order (security.md 12): a step's form is accepted only in these stages; an early
# post changes nothing. Close is not listed: a case can end from any open stage (R-CL-02/03).
_AFTER_MEETING = frozenset(
    {"meeting_held", "plan_pending_signature", "plan_active", "integration_declined"}
)
_ASSIGNED_ON = frozenset(
    {"assigned", "meeting_scheduled", "integration_declined", "closing", *_AFTER_MEETING}
)
ACCEPTS: dict[str, frozenset[str]] = {
    "assign": frozenset({"confirmed", *_ASSIGNED_ON}),
    "meeting": _ASSIGNED_ON,
    "plan": _AFTER_MEETING,
}


def accepts(step: str, stage: str) -> bool:
    """Whether the step's form may be saved at this stage (steps in order: R-ID-06 assign after
    R-ID-01, R-MT-01 meeting after assignment, R-PL-03 plan after the meeting)."""
    return stage in ACCEPTS[step]


def may_start_closing(stage: str) -> bool:
    """Any open case can start closing (R-CL-02/03); closing, closed and not-mutual cannot."""
    return stage in OPEN_STAGES


@dataclass(frozen=True)
class CaseFacts:
    """What the guards look at, gathered from the case by the caller (R-ID-01, R-MT-05/07, R-CL-04)."""

    stage: str
    calworks_status: str = "active"  # pending | active | discontinued
    cw_case_open: bool = True
    verified: bool = False  # the EC checked both cases in the county systems
    worker_assigned: bool = False
    sw_named: bool = False
    meeting_scheduled: bool = False
    meeting_held: bool = False
    agenda_missing: tuple[str, ...] = ()  # agenda items not ticked, signatures excluded
    integration: str = "pending"  # pending | agreed | declined
    county: str = ""  # orange | santa_clara: some guards are one county's rule (§e Q18)
    plan_cfs_activities: int = 0
    plan_activities: int = 0
    plan_errors: tuple[str, ...] = ()
    sw_agreement: bool = False
    signed: bool = False
    closure_route: bool = False
    closed_on: bool = False
    sw_notified: bool = False
    indicator_ended: bool = False
    not_mutual_reason: bool = False
    case_term: str = "mutual client"  # the county's words: "common case" in Santa Clara
    extra: dict[str, str] = field(default_factory=dict)


def mutual_client_reasons(calworks_status: str, cw_case_open: bool) -> list[str]:
    """Why R-ID-01 fails: both an open child-welfare case and an open or pending CalWORKs case."""
    reasons = []
    if not cw_case_open:
        reasons.append("The child-welfare case is not open (R-ID-01 a).")
    if calworks_status not in ("pending", "active"):
        reasons.append("The CalWORKs case is neither open nor pending (R-ID-01 b).")
    return reasons


def _guard(target: str, facts: CaseFacts) -> list[str]:
    reasons: list[str] = []
    if target == "confirmed":
        reasons += mutual_client_reasons(facts.calworks_status, facts.cw_case_open)
        if not facts.verified:
            reasons.append("Confirm that both cases were checked in the county systems.")
    elif target == "not_mutual":
        if not facts.not_mutual_reason:
            reasons.append(f"Give the reason the person is not a {facts.case_term}.")
    elif target == "assigned":
        if not facts.worker_assigned:
            reasons.append("Choose the specialized worker (R-ID-06).")
    elif target == "meeting_scheduled":
        if not facts.sw_named:
            reasons.append("Record the social worker on the Assign step first.")
        if not facts.meeting_scheduled:
            reasons.append("Schedule the meeting, or record it as held if it already took place.")
    elif target == "meeting_held":
        if not facts.meeting_held:
            reasons.append("Record the meeting held, with the day it took place.")
    elif target == "integration_declined":
        if facts.integration != "declined":
            reasons.append("Record that the client declined integration (R-MT-05).")
    elif target == "plan_pending_signature":
        reasons += _plan_guard(facts)
    elif target == "plan_active":
        if not facts.signed:
            reasons.append("The client and the worker sign the plan first (R-PL-03).")
    elif target == "closed":
        reasons += _closure_guard(facts)
    return reasons


def _plan_guard(facts: CaseFacts) -> list[str]:
    reasons = []
    if facts.integration == "declined" and facts.plan_cfs_activities:
        reasons.append(
            "The client declined integration: the WTW plan stands alone at the full requirement, "
            "without child-welfare activities. Remove those rows (R-MT-05, E32)."
        )
    if facts.agenda_missing:
        reasons.append("Meeting agenda items not yet covered: " + "; ".join(facts.agenda_missing))
    if facts.plan_activities == 0:
        reasons.append("Add at least one activity to the plan.")
    reasons += list(facts.plan_errors)
    # R-MT-07 is Orange's rule (§e Q18): Santa Clara records the agreement, not requires it. A
    # declined integration has no shared plan to agree on.
    if not facts.sw_agreement and facts.county != "santa_clara" and facts.integration != "declined":
        reasons.append(
            "Record the social worker's agreement on activities, hours and supportive services "
            "(R-MT-07)."
        )
    return reasons


def _closure_guard(facts: CaseFacts) -> list[str]:
    reasons = []
    if not facts.closure_route:
        reasons.append("Choose the closure route: transfer, post-aid services or closed files.")
    if not facts.closed_on:
        reasons.append("Enter the closing date.")
    if not facts.sw_notified:
        reasons.append("Record the date the social worker was notified (R-CL-04).")
    if not facts.indicator_ended:
        reasons.append(f"End-date {indicator_marker(facts.county, facts.case_term)} (R-CL-04).")
    return reasons


def blockers(target: str, facts: CaseFacts) -> tuple[str, ...]:
    """Every reason the case may not move to ``target`` now; empty when allowed (§c7, R-ID-01..R-CL-04)."""
    if target not in TRANSITIONS:
        raise ValueError(f"unknown stage {target!r}")
    if facts.stage not in TRANSITIONS:
        raise ValueError(f"unknown stage {facts.stage!r}")
    if target not in TRANSITIONS[facts.stage]:
        return (f"A case cannot go from {facts.stage} to {target}.",)
    return tuple(_guard(target, facts))


def can_move(target: str, facts: CaseFacts) -> bool:
    """True when ``blockers`` finds nothing (§c7 guards, R-ID-01, R-MT-07, R-CL-04)."""
    return not blockers(target, facts)


# A supervisor may undo a closing started or finished by mistake (issue 13).
REOPENABLE_STAGES = frozenset({"closing", "closed"})


def reopen_target(closing_from: str | None, facts: CaseFacts) -> str:
    """The open stage a reopened case returns to: the one it was in when closing started; for a
    case closed before that was kept, the furthest stage its facts show (§c7 order; a case
    closed by mistake still meets R-ID-01, so R-CL-04's closing is undone)."""
    if closing_from in OPEN_STAGES:
        return closing_from
    if facts.signed:
        return "plan_active"
    if facts.integration == "declined":
        return "integration_declined"
    if facts.meeting_held:
        return "meeting_held"
    if facts.meeting_scheduled:
        return "meeting_scheduled"
    if facts.worker_assigned:
        return "assigned"
    return "confirmed"


def indicator_marker(county: str, case_term: str) -> str:
    """What the EC end-dates at closing, in the county's words (R-CL-04, R-ID-11): Santa Clara's
    CalSAWS journal entry, another county's indicator."""
    if county == "santa_clara":
        return "the “CalWORKs Common Case” journal entry in CalSAWS"
    return f"the {case_term.replace(' ', '-')} indicator"
