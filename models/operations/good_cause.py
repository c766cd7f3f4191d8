"""Recording a good-cause determination, ending one early, and ending a noncompliance episode
with it (R-GC-01..09, R-GC-04). No commit; history rows for every change."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from models.base import utcnow
from models.cases import MutualCase
from models.compliance import GoodCause, NoncomplianceEpisode
from models.enums import GoodCauseReason, GoodCauseRoute, NoncomplianceStatus, WtwStatus
from models.history import Change
from models.operations import sw_notices
from models.operations.history import record_event, show
from models.operations.participation import set_wtw_status
from models.queries.compliance import (
    OPEN_EPISODE_STATUSES,
    good_cause_periods_covering,
    in_effect_on,
    open_episodes,
)
from policy.compliance import good_cause_review_on, good_cause_route

VERIFICATION_MAX = 200
NOTES_MAX = 2000
# A noncompliance status that a good-cause finding ends when no other episode is open.
NONCOMPLIANCE_STATUSES = frozenset({WtwStatus.NONCOMPLIANCE, WtwStatus.COMPLIANCE_PLAN})


class EpisodeNotOpen(ValueError):
    """The noncompliance episode is already closed; a good cause cannot end it again."""


class CannotEnd(ValueError):
    """The good cause has not started, or has already ended."""


@dataclass(frozen=True)
class GoodCauseInput:
    reasons: Sequence[GoodCauseReason]
    recommended_by_sw: bool
    decided_on: date
    start_on: date
    end_on: date | None
    isolated: bool
    covers_half_month: bool
    verification: str
    notes: str = ""


def _covers_today(record: GoodCause, today: date) -> bool:
    return not record.isolated_incident and in_effect_on(record, today)


def record_good_cause(
    db: Session,
    case: MutualCase,
    values: GoodCauseInput,
    user_id: int,
    today: date,
    episode: NoncomplianceEpisode | None = None,
) -> GoodCause:
    """Store the determination with its route (R-GC-05) and monthly review (R-GC-06, periods
    only). A period covering today makes the participant GOOD_CAUSE (a shortfall is then no
    error). With ``episode``, that noncompliance ends with no sanction (R-GC-04); a closed
    episode raises EpisodeNotOpen."""
    if episode is not None and episode.status not in OPEN_EPISODE_STATUSES:
        raise EpisodeNotOpen(
            f"This noncompliance is already closed ({episode.status.label}): nothing was saved."
        )
    route = GoodCauseRoute(
        good_cause_route(
            starts_on=values.start_on,
            expected_end_on=values.end_on,
            isolated=values.isolated,
            share_of_month=1.0 if values.covers_half_month else 0.0,
        )
    )
    codes = [r.value for r in values.reasons]
    if not codes:
        raise ValueError("a good cause needs at least one reason (R-GC-02)")
    record = GoodCause(
        case_id=case.id,
        reason=codes[0],
        reasons=json.dumps(codes),
        recommended_by_sw=values.recommended_by_sw,
        decided_by_id=user_id,
        decided_on=values.decided_on,
        start_on=values.start_on,
        end_on=values.end_on,
        isolated_incident=values.isolated,
        covers_half_month=values.covers_half_month,
        next_review_on=None if values.isolated else good_cause_review_on(values.decided_on),
        verification=values.verification.strip()[:VERIFICATION_MAX],
        route=route.value,
        notes=values.notes.strip()[:NOTES_MAX],
        recorded_by_id=user_id,
        recorded_at=utcnow(),
    )
    db.add(record)
    labels = ", ".join(r.label for r in values.reasons)
    record_event(
        db,
        case.id,
        user_id,
        "good_cause",
        f"Good cause found: {labels}",
        [
            Change("start_on", "From", "", show(values.start_on)),
            Change("end_on", "Expected end", "", show(values.end_on)),
            Change("isolated", "Isolated incident", "", show(values.isolated)),
            Change(
                "recommended_by_sw",
                "Recommended by the social worker",
                "",
                show(values.recommended_by_sw),
            ),
            Change(
                "covers_half_month",
                "At least half of this month's hours",
                "",
                show(values.covers_half_month),
            ),
            Change("verification", "Verification", "", record.verification),
            Change("route", "Next step", "", route.label),
            Change("next_review_on", "Next review", "", show(record.next_review_on)),
        ],
    )
    if sw_notices.is_cfs_good_cause(record, episode):  # R-GC-03: the SW hears of it
        sw_notices.good_cause(db, case, record, user_id)
    old = case.participant.wtw_status
    new = old
    covers_today = _covers_today(record, today)
    if covers_today and old in (WtwStatus.MANDATORY, WtwStatus.GOOD_CAUSE):
        new = WtwStatus.GOOD_CAUSE
    if episode is not None:
        _end_episode(db, case, episode, record, user_id)
        others = open_episodes(db, case.participant_id, excluding=episode.id)
        if old in NONCOMPLIANCE_STATUSES and not others:
            new = WtwStatus.GOOD_CAUSE if covers_today else WtwStatus.MANDATORY
    if new == WtwStatus.GOOD_CAUSE:
        set_wtw_status(db, case, new, user_id, "A shortfall is not an error while it lasts.")
    elif new != old:
        set_wtw_status(db, case, new, user_id, "The noncompliance ended with good cause.")
    return record


def _end_episode(
    db: Session,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    record: GoodCause,
    user_id: int,
) -> None:
    before = episode.status
    episode.status = NoncomplianceStatus.GOOD_CAUSE_FOUND
    episode.closed_on = record.decided_on
    record.noncompliance_id = episode.id
    record_event(
        db,
        case.id,
        user_id,
        "noncompliance",
        "Good cause found: the noncompliance process ends with no sanction (R-GC-04)",
        [
            Change("status", "Noncompliance", before.label, episode.status.label),
            Change("closed_on", "Closed on", "", show(episode.closed_on)),
        ],
    )


def end_good_cause(
    db: Session, case: MutualCase, record: GoodCause, ends_on: date, user_id: int, today: date
) -> None:
    """End a good cause early (the last day it covers). When it made the participant GOOD_CAUSE
    and no other period covers today, the status goes back to MANDATORY."""
    if not in_effect_on(record, today):
        raise CannotEnd("This good cause is not in effect: there is nothing to end.")
    if ends_on < record.start_on:
        raise CannotEnd(f"It cannot end before it started ({record.start_on:%m/%d/%Y}).")
    before_end, before_review = record.end_on, record.next_review_on
    record.end_on, record.next_review_on = ends_on, None
    record_event(
        db,
        case.id,
        user_id,
        "good_cause",
        f"Good cause ended: {', '.join(record.reason_labels)}",
        [
            Change("end_on", "Ends on", show(before_end), show(ends_on)),
            Change("next_review_on", "Next review", show(before_review), ""),
        ],
    )
    others = good_cause_periods_covering(db, case.participant_id, today, excluding=record.id)
    if case.participant.wtw_status == WtwStatus.GOOD_CAUSE and not others:
        set_wtw_status(
            db, case, WtwStatus.MANDATORY, user_id, "The good cause ended: the hours apply again."
        )
