"""Recording an exemption with its end and review (policy.exemptions; R-EX-01..12, R-DA-02) and
ending one. The WTW status follows: exempt (0 hours, R-EX-09) while an exemption is in effect.
No commit; history rows for every change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from models.base import utcnow
from models.cases import MutualCase
from models.compliance import Exemption
from models.enums import ExemptionKind, WtwStatus
from models.history import Change
from models.operations.history import record_event, show
from models.operations.participation import EXEMPT_STATUSES, set_wtw_status
from models.queries.compliance import (
    STATUSES_SET_HERE,
    exemptions_in_effect,
    in_effect_on,
    one_time_exemptions_used,
)
from policy.exemptions import (
    exemption_ends_on,
    exemption_review_on,
    one_time_exemption_available,
)

NOTES_MAX = 2000
DECIDED_BY_MAX = 120
# The person's own birth date is kept in the birth-date column for these kinds (policy.exemptions
# accepts it there: the exempt person is then a child of the assistance unit).
OWN_BIRTHDATE_KINDS = frozenset({ExemptionKind.UNDER_16, ExemptionKind.SCHOOL_16_18})


class ExemptionRefused(ValueError):
    """The exemption cannot be granted as entered; ``field`` is the form field to mark."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ExemptionInput:
    kind: ExemptionKind
    start_on: date
    verified: bool
    decided_by: str
    volunteer: bool
    child_birthdate: date | None = None
    person_birthdate: date | None = None
    expected_end_on: date | None = None
    expected_delivery_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class ExemptionResult:
    exemption: Exemption
    in_effect: bool
    status_changed: bool
    status_kept: WtwStatus | None  # a status this page does not replace (noncompliance, FS...)


def _dates(
    case: MutualCase, values: ExemptionInput, today: date
) -> tuple[date | None, date | None]:
    county = case.county
    kind = values.kind.value
    try:
        ends = exemption_ends_on(
            kind,
            starts_on=values.start_on,
            child_birthdate=values.child_birthdate,
            young_child_months=county.young_child_exemption_months,
            person_birthdate=values.person_birthdate,
            expected_end_on=values.expected_end_on,
        )
    except ValueError as exc:
        field = "start_on" if "would already have ended" in str(exc) else "kind"
        raise ExemptionRefused(field, _refusal_words(values, str(exc))) from exc
    try:
        review = exemption_review_on(
            kind,
            ends_on=ends,
            starts_on=values.start_on,
            da_review_months=county.da_review_months,
            expected_delivery_on=values.expected_delivery_on,
            after=today if values.kind == ExemptionKind.DOMESTIC_ABUSE else None,
        )
    except ValueError as exc:
        raise ExemptionRefused("kind", _refusal_words(values, str(exc))) from exc
    return ends, review


def _refusal_words(values: ExemptionInput, problem: str) -> str:
    if "would already have ended" in problem:
        return (
            f"On {values.start_on:%m/%d/%Y} this exemption would already have ended: check the "
            "start and the birth date, or choose another kind (a later baby gets 12 weeks)."
        )
    return f"This exemption cannot be computed from what was entered ({problem})."


def check_one_time(db: Session, case: MutualCase, kind: ExemptionKind) -> None:
    """A once-in-a-lifetime young-child exemption already used by this person, on any of their
    cases, cannot be granted again (R-EX-08, E31)."""
    used = one_time_exemptions_used(db, case.participant_id)
    if one_time_exemption_available(kind.value, already_used=[e.kind for e in used]):
        return
    first = next(e for e in used if e.kind == kind.value)
    raise ExemptionRefused(
        "kind",
        f"{kind.label}: already used (from {first.start_on:%m/%d/%Y}). It is once in a lifetime "
        "and cannot be used again (R-EX-08); a later baby gets the 12-week exemption.",
    )


def record_exemption(
    db: Session, case: MutualCase, values: ExemptionInput, user_id: int, today: date
) -> ExemptionResult:
    """Store the exemption with its end and review; while it is in effect the participant is
    EXEMPT, or EXEMPT_VOLUNTEER when volunteering (R-EX-09). Raises ExemptionRefused."""
    check_one_time(db, case, values.kind)
    ends, review = _dates(case, values, today)
    own = values.kind in OWN_BIRTHDATE_KINDS
    exemption = Exemption(
        case_id=case.id,
        kind=values.kind.value,
        start_on=values.start_on,
        end_on=ends,
        review_on=review,
        verified=values.verified,
        decided_by=values.decided_by.strip()[:DECIDED_BY_MAX],
        volunteer=values.volunteer,
        child_birthdate=values.person_birthdate if own else values.child_birthdate,
        notes=values.notes.strip()[:NOTES_MAX],
        recorded_by_id=user_id,
        recorded_at=utcnow(),
    )
    db.add(exemption)
    record_event(
        db,
        case.id,
        user_id,
        "exemption",
        f"Exemption recorded: {values.kind.label}",
        [
            Change("start_on", "From", "", show(values.start_on)),
            Change("end_on", "Ends", "", show(ends)),
            Change("review_on", "Review", "", show(review)),
            Change("verified", "Verified", "", show(values.verified)),
            Change("decided_by", "Decided by", "", exemption.decided_by),
            Change("volunteer", "Volunteering", "", show(values.volunteer)),
        ],
    )
    in_effect = in_effect_on(exemption, today)
    status = case.participant.wtw_status
    if not in_effect:
        return ExemptionResult(exemption, False, False, None)
    if status not in STATUSES_SET_HERE:
        return ExemptionResult(exemption, True, False, status)
    new = WtwStatus.EXEMPT_VOLUNTEER if values.volunteer else WtwStatus.EXEMPT
    why = "0 hours required (R-EX-09)."
    return ExemptionResult(exemption, True, set_wtw_status(db, case, new, user_id, why), None)


def end_exemption(
    db: Session, case: MutualCase, exemption: Exemption, ends_on: date, user_id: int, today: date
) -> bool:
    """End an exemption on ``ends_on``; with no other exemption in effect an exempt participant
    is MANDATORY again. Returns whether the status changed. Raises ExemptionRefused."""
    if not in_effect_on(exemption, today):
        raise ExemptionRefused(
            "ends_on", "This exemption is not in effect: there is nothing to end."
        )
    if ends_on < exemption.start_on:
        raise ExemptionRefused(
            "ends_on", f"It cannot end before it started ({exemption.start_on:%m/%d/%Y})."
        )
    before_end, before_review = exemption.end_on, exemption.review_on
    exemption.end_on, exemption.review_on = ends_on, None
    record_event(
        db,
        case.id,
        user_id,
        "exemption",
        f"Exemption ended: {exemption.kind_label}",
        [
            Change("end_on", "Ends", show(before_end), show(ends_on)),
            Change("review_on", "Review", show(before_review), ""),
        ],
    )
    others = exemptions_in_effect(db, case.participant_id, today, excluding=exemption.id)
    if case.participant.wtw_status in EXEMPT_STATUSES and not others:
        why = "No exemption is in effect: the weekly hours apply again."
        return set_wtw_status(db, case, WtwStatus.MANDATORY, user_id, why)
    return False
