"""Recording that a periodic review was done: a good cause's monthly review (R-GC-06), an
exemption's review (R-DA-02 every few months for a domestic abuse waiver; R-EX-10 at expiry for
the others) and a reunification record's 6-month redetermination (R-FR-08). The next date moves
on, so the due list's item leaves it. No commit; a history row for each."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.compliance import Exemption, GoodCause
from models.enums import ExemptionKind
from models.history import Change
from models.operations.history import record_event, show
from models.programs import ReunificationRecord
from models.queries.compliance import in_effect_on
from policy.compliance import good_cause_review_on
from policy.deadlines import add_months
from policy.exemptions import exemption_review_on

REDETERMINATION_MONTHS = 6  # R-FR-08: every 6 months with the reunification plan review


class NoReviewDue(ValueError):
    """The record has no review waiting (ended, or no review date)."""


def good_cause_reviewed(
    db: Session, case: MutualCase, record: GoodCause, user_id: int, today: date
) -> date:
    """The monthly review was done today: the next one a month on (R-GC-06)."""
    if record.next_review_on is None or not in_effect_on(record, today):
        raise NoReviewDue("This good cause has no review waiting: nothing was saved.")
    before = record.next_review_on
    record.next_review_on = good_cause_review_on(today)
    record_event(
        db,
        case.id,
        user_id,
        "good_cause",
        f"Good cause reviewed: {', '.join(record.reason_labels)}",
        [Change("next_review_on", "Next review", show(before), show(record.next_review_on))],
    )
    return record.next_review_on


def exemption_reviewed(
    db: Session,
    case: MutualCase,
    exemption: Exemption,
    user_id: int,
    today: date,
    da_review_months: int,
) -> date | None:
    """The review was done today. A domestic abuse waiver is next reviewed on its schedule from
    the start, the county's interval (R-DA-02, §e Q11); any other exemption when it expires
    (R-EX-10), or not again once that day has come."""
    before = exemption.review_on
    if before is None or not in_effect_on(exemption, today):
        raise NoReviewDue("This exemption has no review waiting: nothing was saved.")
    if exemption.kind == ExemptionKind.DOMESTIC_ABUSE.value:
        after: date | None = exemption_review_on(
            exemption.kind,
            ends_on=exemption.end_on,
            starts_on=exemption.start_on,
            da_review_months=da_review_months,
            after=today,
        )
        if after is not None and exemption.end_on is not None and after > exemption.end_on:
            after = exemption.end_on if exemption.end_on > today else None  # ends first
    else:
        ends = exemption.end_on
        after = ends if ends is not None and ends > today and ends != before else None
    exemption.review_on = after
    record_event(
        db,
        case.id,
        user_id,
        "exemption",
        f"Exemption reviewed: {exemption.kind_label}",
        [Change("review_on", "Review", show(before), show(after))],
    )
    return after


def fr_redetermined(
    db: Session, case: MutualCase, record: ReunificationRecord, user_id: int, today: date
) -> date | None:
    """The 6-month redetermination was done: the next one 6 months after the one due, on the
    plan review's schedule (R-FR-08); none when the services end before then."""
    before = record.rd_due_on
    if before is None or record.ended_on is not None or record.ineligibility_reason:
        raise NoReviewDue("These services have no redetermination waiting: nothing was saved.")
    after: date | None = add_months(before, REDETERMINATION_MONTHS)
    last = record.last_day
    if last is not None and after is not None and after > last:
        after = None
    record.rd_due_on = after
    record_event(
        db,
        case.id,
        user_id,
        "reunification",
        f"Redetermination done: {record.program.label}",
        [Change("rd_due_on", "Redetermination due", show(before), show(after))],
    )
    return after
