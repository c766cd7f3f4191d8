"""Family reunification (AB 429 services only, AB 135 cash aid and services) and family
stabilization (Santa Clara's FSP): record them, extend or end FR services, keep the FSP referral,
and the participant's WTW status that follows (R-FR-01..09, R-FS-01..04, R-MT-05, R-NC-10,
§e Q14, Q16). HTTP-free: flush, never commit; refusals are named errors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.enums import (
    FrEndReason,
    FrIneligibility,
    IntegrationConsent,
    ReferralProgram,
    ReferralStatus,
    ReunificationProgram,
    WtwStatus,
)
from models.history import Change
from models.operations.history import diff, record_event
from models.programs import Referral, ReunificationRecord
from models.queries.programs import (
    fr_state,
    fs_active,
    fsp_referral,
    reunification_records,
    running_record,
)
from policy.deadlines import fr_services_end
from policy.programs import (
    ab429_eligible,
    ab429_services_end,
    fr_redetermination_due,
    reunification_ineligibility,
)

NOTES_MAX = 2000
R_FR_01_CHECKS = ("all_children_removed", "aided_at_removal", "sw_found_necessary")


class ServicesNotStarted(ValueError):
    """An R-FR-01 condition is missing: the policy's sentence for each unmet check, by field."""

    def __init__(self, missing: dict[str, str]) -> None:
        super().__init__(" ".join(missing.values()))
        self.missing = missing


class StillRunning(ValueError):
    """FR services of an earlier removal are still on: end them first."""


class NotExtendable(ValueError):
    """Only running or just-lapsed AB 429 services are extended, past their current end."""


class CannotEnd(ValueError):
    """Already ended, ineligible, or the period has not ended yet."""


class FspRefused(ValueError):
    """No FSP here: not offered by the county, or the client has not agreed to integration."""


@dataclass(frozen=True)
class ReunificationInput:
    program: ReunificationProgram
    removed_on: date
    plan_on: date | None
    all_children_removed: bool
    aided_at_removal: bool
    sw_found_necessary: bool
    sw_necessity_on: date | None
    exclusions: Sequence[str]  # FrIneligibility values ticked (R-FR-02)
    notes: str


@dataclass(frozen=True)
class StatusMove:
    """The participant's WTW status before and after a save."""

    before: WtwStatus
    after: WtwStatus

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def change(self) -> list[Change]:
        return [Change("wtw_status", "WTW status", self.before.label, self.after.label)]


def _set_status(case: MutualCase, status: WtwStatus) -> StatusMove:
    move = StatusMove(case.participant.wtw_status, status)
    case.participant.wtw_status = status
    return move


def missing_checks(values: ReunificationInput) -> dict[str, str]:
    """policy.ab429_eligible's sentence for each unticked R-FR-01 check, by field name."""
    ticked = {name: bool(getattr(values, name)) for name in R_FR_01_CHECKS}
    return {
        name: ab429_eligible(**{**dict.fromkeys(R_FR_01_CHECKS, True), name: False})[0]
        for name, ok in ticked.items()
        if not ok
    }


def not_eligible_words(reason: str) -> str:
    label = FrIneligibility.label_of(reason)
    return (
        f"Not eligible for CalWORKs family-reunification services: {label[0].lower()}{label[1:]} "
        "(R-FR-02). No plan."
    )


def record_reunification(
    db: Session, case: MutualCase, values: ReunificationInput, user_id: int, today: date
) -> tuple[ReunificationRecord, StatusMove]:
    """Save an FR record. An R-FR-02 exclusion saves it as not eligible, with its reason and no
    dates (E28); a missing R-FR-01 check raises ServicesNotStarted; otherwise the services get
    their end (AB 429: removal + 180 days, R-FR-04; AB 135: the sixth full month, R-FR-07) and
    the AB 429 redetermination date (R-FR-08). Running AB 429 services make the WTW status
    "FR services only" (no grant to sanction, §e Q14); AB 135 keeps cash aid and the status. A
    WTW sanction does not stop AB 429 services (R-NC-10)."""
    flags = {reason: reason in values.exclusions for reason in FrIneligibility}
    reason = reunification_ineligibility(
        ssi=flags[FrIneligibility.SSI],
        undocumented=flags[FrIneligibility.UNDOCUMENTED],
        fleeing_felon=flags[FrIneligibility.FLEEING_FELON],
        timed_out=flags[FrIneligibility.TIMED_OUT],
    )
    record = ReunificationRecord(
        case_id=case.id,
        program=values.program,
        removed_on=values.removed_on,
        plan_on=values.plan_on,
        all_children_removed=values.all_children_removed,
        aided_at_removal=values.aided_at_removal,
        sw_found_necessary=values.sw_found_necessary,
        sw_necessity_on=values.sw_necessity_on if values.sw_found_necessary else None,
        notes=values.notes.strip()[:NOTES_MAX],
        recorded_by_id=user_id,
    )
    move = StatusMove(case.participant.wtw_status, case.participant.wtw_status)
    if reason is not None:
        record.ineligibility_reason = reason
    else:
        missing = missing_checks(values)
        if missing:
            raise ServicesNotStarted(missing)
        running = running_record(reunification_records(db, case), today)
        if running is not None:
            removed = running.removed_on or running.start_on
            which = f"the removal of {removed:%m/%d/%Y}" if removed else "an earlier removal"
            raise StillRunning(
                f"FR services for {which} are still on: end them below before recording "
                "another removal."
            )
        if values.plan_on is None:
            raise ValueError("an eligible FR record needs the reunification plan date")
        if values.program == ReunificationProgram.AB429:
            record.start_on = values.removed_on
            record.end_on = ab429_services_end(values.removed_on)
            record.rd_due_on = fr_redetermination_due(values.plan_on)
        else:
            record.start_on = values.plan_on
            record.end_on = fr_services_end(
                program="ab135", removed_on=values.removed_on, plan_amended_on=values.plan_on
            )
        if values.program == ReunificationProgram.AB429 and record.end_on >= today:
            move = _set_status(case, WtwStatus.FR_SERVICES_ONLY)
    db.add(record)
    record_event(db, case.id, user_id, "reunification", _summary(record), _changes(record, move))
    return record, move


def _summary(record: ReunificationRecord) -> str:
    program = ReunificationProgram(record.program).label
    if record.ineligibility_reason:
        return f"Family reunification: not eligible ({record.ineligibility_label})"
    return f"Family reunification recorded: {program}"


def _changes(record: ReunificationRecord, move: StatusMove) -> list[Change]:
    shown = {
        "program": ReunificationProgram(record.program).label,
        "removed_on": record.removed_on,
        "plan_on": record.plan_on,
        "all_children_removed": record.all_children_removed,
        "aided_at_removal": record.aided_at_removal,
        "sw_found_necessary": record.sw_found_necessary,
        "sw_necessity_on": record.sw_necessity_on,
        "ineligibility": record.ineligibility_label,
        "start_on": record.start_on,
        "end_on": record.end_on,
        "rd_due_on": record.rd_due_on,
        "notes": record.notes,
    }
    labels = {
        "program": "Program",
        "removed_on": "Removed on",
        "plan_on": "Reunification plan date",
        "all_children_removed": "All children removed, with a reunification plan",
        "aided_at_removal": "Aided when the child was removed",
        "sw_found_necessary": "Social worker found services necessary",
        "sw_necessity_on": "Found necessary on",
        "ineligibility": "Not eligible because",
        "start_on": "Services start",
        "end_on": "Services end",
        "rd_due_on": "Redetermination due",
        "notes": "Notes",
    }
    return diff({}, shown, labels) + (move.change() if move.changed else [])


def extend_reunification(
    db: Session,
    case: MutualCase,
    record: ReunificationRecord,
    until: date,
    by: str,
    user_id: int,
    today: date,
) -> StatusMove:
    """Extend AB 429 services for good cause, as the court or child welfare decided (R-FR-04,
    §e Q16). AB 135 cash aid cannot be extended (R-FR-07)."""
    if record.program != ReunificationProgram.AB429:
        raise NotExtendable("AB 135 cash aid cannot be extended (R-FR-07).")
    if record.ineligibility_reason or record.ended_on is not None or record.last_day is None:
        raise NotExtendable("Only FR services that have not ended can be extended.")
    if until <= record.last_day:
        raise NotExtendable(
            f"The extension must run past the current end ({record.last_day:%m/%d/%Y})."
        )
    before = {"extension_until": record.extension_until, "extension_by": record.extension_by}
    record.extension_until, record.extension_by = until, by.strip()[:120]
    move = StatusMove(case.participant.wtw_status, case.participant.wtw_status)
    if until >= today and move.before != WtwStatus.FR_SERVICES_ONLY:
        move = _set_status(case, WtwStatus.FR_SERVICES_ONLY)
    labels = {"extension_until": "Extended until", "extension_by": "Extended by"}
    after = {"extension_until": record.extension_until, "extension_by": record.extension_by}
    changes = diff(before, after, labels) + (move.change() if move.changed else [])
    record_event(
        db,
        case.id,
        user_id,
        "reunification",
        f"FR services extended until {until:%m/%d/%Y}",
        changes,
    )
    return move


def end_reunification(
    db: Session,
    case: MutualCase,
    record: ReunificationRecord,
    reason: FrEndReason,
    ended_on: date | None,
    user_id: int,
    today: date,
) -> StatusMove:
    """End FR services: the children came home (the EW redetermines before cash aid, R-CL-07),
    or the period ran out. "FR services only" goes back to mandatory."""
    last = record.last_day
    if record.ineligibility_reason or record.ended_on is not None or last is None:
        raise CannotEnd("These FR services have already ended, or never started.")
    if reason == FrEndReason.PERIOD_ENDED:
        if last >= today:
            raise CannotEnd(f"The services period runs through {last:%m/%d/%Y}: it has not ended.")
        ended_on = last
    if ended_on is None:
        raise ValueError("the day the children returned home is needed")
    record.ended_on, record.end_reason = ended_on, reason.value
    move = StatusMove(case.participant.wtw_status, case.participant.wtw_status)
    if move.before == WtwStatus.FR_SERVICES_ONLY:
        move = _set_status(case, WtwStatus.MANDATORY)
    changes = [
        Change("ended_on", "Services ended on", "", ended_on.isoformat()),
        Change("end_reason", "Why", "", reason.label),
        *(move.change() if move.changed else []),
    ]
    record_event(db, case.id, user_id, "reunification", "FR services ended", changes)
    return move


# ---- family stabilization (Santa Clara FSP) ----

FSP_LABELS = {
    "referred_on": "Referred on",
    "status": "Status",
    "fs_specialist": "FS EC specialist",
    "last_follow_up_on": "Last follow-up",
    "next_conference_on": "Next case conference",
    "sw_invited": "Social worker invited to case conferences",
    "fs_plan_start": "FS plan start",
    "fs_plan_end": "FS plan end",
    "notes": "Notes",
}


@dataclass(frozen=True)
class FspInput:
    referred_on: date
    status: ReferralStatus
    fs_specialist: str
    last_follow_up_on: date | None
    next_conference_on: date | None
    sw_invited: bool
    fs_plan_start: date | None
    fs_plan_end: date | None
    notes: str


def _fsp_shown(referral: Referral | None) -> dict[str, Any]:
    if referral is None:
        return {}
    shown: dict[str, Any] = {name: getattr(referral, name) for name in FSP_LABELS}
    shown["status"] = referral.status_label
    return shown


def _after_fs(db: Session, case: MutualCase, today: date) -> WtwStatus:
    """The status when FS ends: mandatory, unless AB 429 services are still on (no grant to
    sanction, §e Q14)."""
    for record in reunification_records(db, case):
        if record.program == ReunificationProgram.AB429 and fr_state(record, today) == "running":
            return WtwStatus.FR_SERVICES_ONLY
    return WtwStatus.MANDATORY


def save_fsp(
    db: Session, case: MutualCase, values: FspInput, user_id: int, today: date
) -> tuple[Referral, bool, StatusMove]:
    """Create or update the case's one FSP referral (the joint meeting's row when it made one).
    A new referral needs the client's agreement to integrate (R-MT-05, E29); FSP only where the
    county runs it. Accepted with an FS plan covering today: "family stabilization" (R-FS-02);
    closed, or the plan over: back to mandatory, or to "FR services only" while AB 429 services
    run (R-FS-03). Returns (referral, created, move)."""
    if not case.county.offers_fsp:
        raise FspRefused("The Family Services Program (FSP) is not offered by this county.")
    referral = fsp_referral(db, case)
    created = referral is None
    if referral is None:
        if case.integration_consent != IntegrationConsent.AGREED:
            raise FspRefused(
                "The client must accept integration before an FSP referral (R-MT-05); the "
                f"joint meeting records “{case.integration_consent.label}”."
            )
        referral = Referral(case_id=case.id, program=ReferralProgram.FSP.value)
        db.add(referral)
    before = _fsp_shown(None if created else referral)
    referral.referred_on = values.referred_on
    referral.status = values.status.value
    referral.fs_specialist = values.fs_specialist.strip()[:120]
    referral.last_follow_up_on = values.last_follow_up_on
    referral.next_conference_on = values.next_conference_on
    referral.sw_invited = values.sw_invited
    referral.fs_plan_start, referral.fs_plan_end = values.fs_plan_start, values.fs_plan_end
    referral.notes = values.notes.strip()[:NOTES_MAX]
    referral.recorded_by_id = user_id
    status = case.participant.wtw_status
    move = StatusMove(status, status)
    if fs_active(referral, today):
        if status != WtwStatus.FAMILY_STABILIZATION:
            move = _set_status(case, WtwStatus.FAMILY_STABILIZATION)
    elif status == WtwStatus.FAMILY_STABILIZATION:
        move = _set_status(case, _after_fs(db, case, today))
    changes = diff(before, _fsp_shown(referral), FSP_LABELS)
    if move.changed:
        changes += move.change()
    if created or changes:
        summary = "FSP referral recorded" if created else "FSP referral updated"
        record_event(db, case.id, user_id, "fsp", summary, changes)
    return referral, created, move
