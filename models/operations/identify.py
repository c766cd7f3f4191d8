"""Identify: create or correct a case from the Identify step's values, and decide its stage
(R-ID-01: an open child-welfare case AND an open or pending CalWORKs case)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models.base import utcnow
from models.cases import ChildWelfareCase, MutualCase
from models.enums import CalworksStatus, IdentifiedBy, Role, ServiceComponent, Stage
from models.history import Change
from models.operations.history import diff, record_event
from models.people import Child, Household, Participant
from models.users import User
from policy.stages import DECIDING_STAGES, mutual_client_reasons

# Stages in which the Identify step still decides the stage; later, it only corrects facts.

HISTORY_LABELS = {
    "identified_on": "Date identified",
    "identified_by": "How found",
    "first_name": "First name",
    "last_name": "Last name",
    "birth_date": "Birth date",
    "preferred_language": "Preferred language",
    "phone": "Phone",
    "calworks_case_number": "CalWORKs case number",
    "calworks_status": "CalWORKs status",
    "aided_adults": "Adults on the grant",
    "disabled_adult": "One adult disabled",
    "address_suppressed": "Address suppressed",
    "cw_case_number": "Child-welfare case number",
    "service_component": "Service component",
    "cw_open": "Child-welfare case open",
    "protective_custody": "Protective custody",
    "removed_on": "Removal date",
    "detention_hearing_on": "Detention hearing",
    "jurisdiction_hearing_on": "Jurisdiction hearing",
    "next_court_on": "Next court date",
    "children": "Children",
    "not_mutual_reason": "Not mutual because",
}


def snapshot(case: MutualCase) -> dict[str, Any]:
    p, cw = case.participant, case.child_welfare_case
    hh = p.household
    return {
        "identified_on": case.identified_on,
        "identified_by": case.identified_by,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "birth_date": p.birth_date,
        "preferred_language": p.preferred_language,
        "phone": p.phone,
        "calworks_case_number": p.calworks_case_number,
        "calworks_status": p.calworks_status,
        "aided_adults": hh.aided_adults if hh else None,
        "disabled_adult": hh.disabled_adult if hh else None,
        "address_suppressed": p.address_suppressed,
        "cw_case_number": cw.case_number if cw else None,
        "service_component": cw.service_component if cw else None,
        "cw_open": cw.open if cw else None,
        "protective_custody": cw.protective_custody if cw else None,
        "removed_on": cw.removed_on if cw else None,
        "detention_hearing_on": cw.detention_hearing_on if cw else None,
        "jurisdiction_hearing_on": cw.jurisdiction_hearing_on if cw else None,
        "next_court_on": cw.next_court_on if cw else None,
        "children": "; ".join(_child_text(c) for c in hh.children) if hh else "",
        "not_mutual_reason": case.not_mutual_reason,
    }


def _child_text(child: Child) -> str:
    flags = [] if child.aided else ["not aided"]
    if not child.in_home:
        flags.append("out of home" + (f" since {child.removed_on}" if child.removed_on else ""))
    extra = f" ({', '.join(flags)})" if flags else ""
    return f"{child.first_name} {child.birth_date.isoformat()}{extra}"


def new_case(db: Session, user: User) -> MutualCase:
    """An empty case in the user's county; an EC who identifies it holds it until assignment."""
    case = MutualCase(county_id=user.county_id, stage=Stage.CANDIDATE)
    case.participant = Participant(county_id=user.county_id, first_name="", last_name="")
    case.participant.household = Household()
    case.child_welfare_case = ChildWelfareCase(
        county_id=user.county_id, case_number="", service_component=ServiceComponent.FM
    )
    if user.role == Role.EC:
        case.assigned_worker_id = user.id
        case.supervisor_id = user.supervisor_id
    else:
        case.supervisor_id = user.id
    db.add(case)
    return case


def apply_identify(
    db: Session,
    case: MutualCase,
    values: dict[str, Any],
    children: list[dict[str, Any]],
    user_id: int,
    created: bool = False,
) -> tuple[str, ...]:
    """Write the values, record what changed, and set the stage while Identify decides it.
    Returns the reasons R-ID-01 fails (shown to the EC), empty when the person is mutual."""
    before = {} if created else snapshot(case)
    p, cw = case.participant, case.child_welfare_case
    assert cw is not None and p.household is not None
    case.identified_on = values["identified_on"]
    case.identified_by = IdentifiedBy(values["identified_by"])
    for name in (
        "first_name",
        "last_name",
        "birth_date",
        "preferred_language",
        "phone",
        "calworks_case_number",
        "address_suppressed",
    ):
        setattr(p, name, values[name].strip() if isinstance(values[name], str) else values[name])
    p.calworks_status = CalworksStatus(values["calworks_status"])
    p.household.aided_adults = values["aided_adults"]
    p.household.disabled_adult = values["disabled_adult"]
    cw.case_number = values["cw_case_number"].strip()
    cw.service_component = ServiceComponent(values["service_component"])
    cw.open = values["cw_open"]
    for name in (
        "protective_custody",
        "removed_on",
        "detention_hearing_on",
        "jurisdiction_hearing_on",
        "next_court_on",
    ):
        setattr(cw, name, values[name])
    p.household.children = [
        Child(
            first_name=(c["first_name"] or "").strip() or "Child",
            birth_date=c["birth_date"],
            aided=c["aided"],
            in_home=c["in_home"],
            removed_on=c["removed_on"],
        )
        for c in children
    ]
    case.not_mutual_reason = (values.get("not_mutual_reason") or "").strip()
    reasons = tuple(mutual_client_reasons(p.calworks_status.value, cw.open))
    stage_before = case.stage
    if case.stage in DECIDING_STAGES:
        if reasons:
            case.stage = Stage.NOT_MUTUAL if case.not_mutual_reason else Stage.CANDIDATE
        else:
            case.stage = Stage.CONFIRMED if values.get("verified") else Stage.CANDIDATE
    case.updated_at = utcnow()
    db.flush()
    if created:
        record_event(
            db,
            case.id,
            user_id,
            "identify",
            "Case identified",
            [Change("stage", "Stage", "", case.stage_label)],
        )
    else:
        changes = diff(before, snapshot(case), HISTORY_LABELS)
        if case.stage != stage_before:
            changes.append(
                Change("stage", "Stage", case.stage_in_county(stage_before), case.stage_label)
            )
        if changes:
            record_event(db, case.id, user_id, "identify", "Identification updated", changes)
    return reasons
