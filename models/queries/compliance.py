"""Good cause and exemptions as the EC reads them (R-GC-01..09, R-EX-01..12, R-DA-02).

The lists show this case's records; the rules about the person (the WTW status, a one-time
exemption already used) look at every case of the same participant, since the status and the
once-in-a-lifetime exemptions belong to the person, not to one case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.compliance import Exemption, GoodCause, NoncomplianceEpisode
from models.enums import GoodCauseRoute, NoncomplianceStatus, WtwStatus
from models.users import User
from policy.exemptions import ONE_TIME_EXEMPTIONS

# Only an episode in one of these states can still be ended by a good-cause finding (R-GC-04).
OPEN_EPISODE_STATUSES = frozenset(
    {
        NoncomplianceStatus.OPEN,
        NoncomplianceStatus.COMPLIANCE_PLAN,
        NoncomplianceStatus.NO_CONTACT_DAY20,
        NoncomplianceStatus.SANCTION_REVIEW,
    }
)

# Who decides an exemption (R-EX-11): the exemption form's default "decided by".
EXEMPTION_DECIDER = {"orange": "IEES/CEES", "santa_clara": "EW (CalWORKs eligibility)"}
EXEMPTION_DECIDER_WORDS = {
    "orange": "the Specialized CM recommends it and the IEES/CEES decides (R-EX-11)",
    "santa_clara": "the EW (CalWORKs eligibility) decides; the CWES worker may ask for a review "
    "(R-EX-11)",
}

# What the participant's WTW status does to the weekly hours (R-EX-09, R-GC-01, R-FS-02).
HOURS_EFFECT = {
    WtwStatus.MANDATORY: "Held to the weekly requirement: a shortfall on the plan is an error.",
    WtwStatus.EXEMPT: "0 hours required (R-EX-09): nothing is enforced.",
    WtwStatus.EXEMPT_VOLUNTEER: "0 hours required (R-EX-09): the activities she volunteers for "
    "stay on the plan, and a shortfall is not an error. A volunteer who stops is closed from "
    "WTW, not sanctioned.",
    WtwStatus.GOOD_CAUSE: "The requirement stays, but a shortfall is not an error while the good "
    "cause lasts (R-GC-01).",
    WtwStatus.FAMILY_STABILIZATION: "A shortfall is not an error while she takes part in family "
    "stabilization (R-FS-02).",
}
HOURS_EFFECT_OTHER = "Held to the weekly requirement; the noncompliance process decides the rest."

# The statuses the good-cause and exemption pages may set or replace. The others belong to the
# noncompliance process (noncompliance, compliance plan, sanction, cure) or to reunification
# and family stabilization, and change on those pages.
STATUSES_SET_HERE = frozenset(
    {WtwStatus.MANDATORY, WtwStatus.EXEMPT, WtwStatus.EXEMPT_VOLUNTEER, WtwStatus.GOOD_CAUSE}
)

NEXT_STEP = {
    GoodCauseRoute.RESUME: "The client resumes the activities{when}.",
    GoodCauseRoute.RE_REFER: "Re-refer the client to the activities when the good cause "
    "ends{when}.",
    GoodCauseRoute.EXEMPTION_REQUEST: "It is expected to last 30 days or more: ask for an "
    "exemption with the CW 2186A (R-GC-05).",
}


def hours_effect(status: WtwStatus) -> str:
    return HOURS_EFFECT.get(status, HOURS_EFFECT_OTHER)


@dataclass(frozen=True)
class GoodCauseRow:
    record: GoodCause
    decided_by: str
    next_step: str
    asks_exemption: bool
    in_effect: bool  # started and not ended: the "good cause ends on" form is offered
    episode: NoncomplianceEpisode | None


def _next_step(record: GoodCause) -> str:
    try:
        route = GoodCauseRoute(record.route)
    except ValueError:
        return ""
    when = f" on {record.end_on:%m/%d/%Y}" if record.end_on else ""
    if route == GoodCauseRoute.RESUME and record.end_on is None:
        when = " right away"
    return NEXT_STEP[route].format(when=when)


def in_effect_on(record: GoodCause | Exemption, day: date) -> bool:
    """Started on or before ``day`` and not ended before it (R-GC-06, R-EX-10)."""
    return record.start_on <= day and (record.end_on is None or record.end_on >= day)


def _covers(model: Any, day: date) -> ColumnElement[bool]:
    """``in_effect_on`` as a WHERE clause."""
    return (model.start_on <= day) & or_(model.end_on.is_(None), model.end_on >= day)


def good_causes_of(db: Session, case: MutualCase, today: date) -> list[GoodCauseRow]:
    """This case's good-cause determinations, newest first, with who decided and what next."""
    records = list(
        db.scalars(
            select(GoodCause)
            .where(GoodCause.case_id == case.id)
            .order_by(GoodCause.start_on.desc(), GoodCause.id.desc())
        )
    )
    user_ids = {r.decided_by_id for r in records if r.decided_by_id}
    names = dict(db.execute(select(User.id, User.name).where(User.id.in_(user_ids))).all())
    episode_ids = {r.noncompliance_id for r in records if r.noncompliance_id}
    episodes = {
        e.id: e
        for e in db.scalars(
            select(NoncomplianceEpisode).where(NoncomplianceEpisode.id.in_(episode_ids))
        )
    }
    rows = []
    for r in records:
        rows.append(
            GoodCauseRow(
                record=r,
                decided_by=names.get(r.decided_by_id, "") if r.decided_by_id else "",
                next_step=_next_step(r),
                asks_exemption=r.route == GoodCauseRoute.EXEMPTION_REQUEST,
                in_effect=in_effect_on(r, today),
                episode=episodes.get(r.noncompliance_id) if r.noncompliance_id else None,
            )
        )
    return rows


def exemptions_of(db: Session, case: MutualCase) -> list[Exemption]:
    """This case's exemptions, newest first."""
    stmt = select(Exemption).where(Exemption.case_id == case.id)
    return list(db.scalars(stmt.order_by(Exemption.start_on.desc(), Exemption.id.desc())))


def _participant_cases(participant_id: int) -> Select[tuple[int]]:
    return select(MutualCase.id).where(MutualCase.participant_id == participant_id)


def exemptions_in_effect(
    db: Session, participant_id: int, today: date, *, excluding: int | None = None
) -> list[Exemption]:
    """The person's exemptions in effect today, on any of their cases (R-EX-09, R-EX-10)."""
    stmt = select(Exemption).where(
        Exemption.case_id.in_(_participant_cases(participant_id)), _covers(Exemption, today)
    )
    if excluding is not None:
        stmt = stmt.where(Exemption.id != excluding)
    return list(db.scalars(stmt.order_by(Exemption.start_on)))


def good_cause_periods_covering(
    db: Session, participant_id: int, today: date, *, excluding: int | None = None
) -> list[GoodCause]:
    """The person's good-cause periods (not isolated incidents) that cover today."""
    stmt = select(GoodCause).where(
        GoodCause.case_id.in_(_participant_cases(participant_id)),
        GoodCause.isolated_incident.is_(False),
        _covers(GoodCause, today),
    )
    if excluding is not None:
        stmt = stmt.where(GoodCause.id != excluding)
    return list(db.scalars(stmt))


def one_time_exemptions_used(db: Session, participant_id: int) -> list[Exemption]:
    """The once-in-a-lifetime young-child exemptions the person already had (R-EX-08)."""
    stmt = select(Exemption).where(
        Exemption.case_id.in_(_participant_cases(participant_id)),
        Exemption.kind.in_(sorted(ONE_TIME_EXEMPTIONS)),
    )
    return list(db.scalars(stmt.order_by(Exemption.start_on)))


def open_episodes(
    db: Session, participant_id: int, *, excluding: int | None = None
) -> list[NoncomplianceEpisode]:
    """The person's noncompliance episodes that a good-cause finding could still end."""
    stmt = select(NoncomplianceEpisode).where(
        NoncomplianceEpisode.case_id.in_(_participant_cases(participant_id)),
        NoncomplianceEpisode.status.in_(sorted(OPEN_EPISODE_STATUSES)),
    )
    if excluding is not None:
        stmt = stmt.where(NoncomplianceEpisode.id != excluding)
    return list(db.scalars(stmt))
