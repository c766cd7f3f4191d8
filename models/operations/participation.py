"""The participant's WTW status (what it does to the hours: R-EX-09, R-GC-01) and the time on aid
read from CalSAWS (R-TC-02). Each change is one history row; no commit."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.enums import WtwStatus
from models.history import Change
from models.operations.history import record_event, show
from models.queries.compliance import STATUSES_SET_HERE, exemptions_in_effect, hours_effect
from policy.compliance import TIME_LIMIT_MONTHS

EXEMPT_STATUSES = frozenset({WtwStatus.EXEMPT, WtwStatus.EXEMPT_VOLUNTEER})


class StatusNotSetHere(ValueError):
    """The status belongs to another process (noncompliance, sanction, reunification, FS)."""


class NoExemptionInEffect(ValueError):
    """An exempt status needs an exemption in effect today (R-EX-09)."""


def set_wtw_status(
    db: Session, case: MutualCase, new: WtwStatus, user_id: int | None, why: str
) -> bool:
    """Set the participant's WTW status and write it in the history; False when unchanged."""
    participant = case.participant
    old = participant.wtw_status
    if old == new:
        return False
    participant.wtw_status = new
    record_event(
        db,
        case.id,
        user_id,
        "wtw_status",
        f"WTW status: {new.label}. {why}",
        [
            Change("wtw_status", "WTW status", old.label, new.label),
            Change("hours", "What it does to the hours", "", hours_effect(new)),
        ],
    )
    return True


def choose_participation(
    db: Session, case: MutualCase, chosen: WtwStatus, user_id: int, today: date
) -> bool:
    """The EC's choice: mandatory, exempt, or exempt and volunteering (R-EX-09). An exempt
    status needs an exemption in effect today (NoExemptionInEffect); a status of the
    noncompliance process or of reunification/FS is not changed here (StatusNotSetHere). The
    exemptions of this case in effect take the volunteering choice. Returns whether it changed."""
    current = case.participant.wtw_status
    if current not in STATUSES_SET_HERE:
        raise StatusNotSetHere(
            f"The status is {current.label}: it changes with the noncompliance process or on the "
            "reunification and stabilization page, not here."
        )
    if chosen not in STATUSES_SET_HERE - {WtwStatus.GOOD_CAUSE}:
        raise ValueError(f"not a participation choice: {chosen}")
    in_effect = exemptions_in_effect(db, case.participant_id, today)
    if chosen in EXEMPT_STATUSES:
        if not in_effect:
            raise NoExemptionInEffect(
                "No exemption is in effect today: record the exemption first, then choose an "
                "exempt status."
            )
        volunteer = chosen == WtwStatus.EXEMPT_VOLUNTEER
        for exemption in in_effect:
            if exemption.case_id == case.id and exemption.volunteer != volunteer:
                record_event(
                    db,
                    case.id,
                    user_id,
                    "exemption",
                    f"Exemption: {exemption.kind_label}, volunteering changed",
                    [
                        Change(
                            "volunteer", "Volunteering", show(exemption.volunteer), show(volunteer)
                        )
                    ],
                )
                exemption.volunteer = volunteer
    why = "Chosen by the worker."
    return set_wtw_status(db, case, chosen, user_id, why)


def record_time_on_aid(
    db: Session, case: MutualCase, months_used: int, as_of: date, user_id: int
) -> None:
    """Months of the 60 used, as CalSAWS showed them on ``as_of`` (R-TC-02)."""
    participant = case.participant
    if not 0 <= months_used <= TIME_LIMIT_MONTHS:
        raise ValueError(f"months used must be 0 to {TIME_LIMIT_MONTHS}, got {months_used}")
    before = (participant.toa_months_used, participant.toa_as_of)
    participant.toa_months_used, participant.toa_as_of = months_used, as_of
    record_event(
        db,
        case.id,
        user_id,
        "time_on_aid",
        f"Time on aid from CalSAWS: {months_used} of {TIME_LIMIT_MONTHS} months used, as of "
        f"{as_of:%m/%d/%Y}",
        [
            Change("toa_months_used", "Months used", show(before[0]), show(months_used)),
            Change("toa_as_of", "Read from CalSAWS on", show(before[1]), show(as_of)),
        ],
    )
