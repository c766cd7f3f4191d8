"""The facts a case's due dates are computed from (policy.due), read for many cases at once.

A fixed number of queries for any number of cases (the cases with their county settings and
child-welfare case; the plan versions; good causes and exemptions under review; notices and
cures; the youngest child; reunification, FS plans and changes; attendance weeks:
models.queries.due_facts), so refreshing due items after a save or rebuilding them for a
county costs the same per case. Also the one-case form for the meeting step and the demo
builder."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.cases import ChildWelfareCase, MutualCase
from models.compliance import Exemption, GoodCause, NoncomplianceEpisode
from models.county import CountyProfile
from models.enums import NoncomplianceStatus
from models.queries.due_facts import (
    CurrentVersion,
    attendance_weeks,
    current_versions,
    held_messages_of,
    open_changes_of,
    programs_of,
    youngest_born,
)
from policy.due import DueFacts, meeting_target


def facts_of_cases(
    db: Session, case_ids: Collection[int], today: date | None = None
) -> dict[int, tuple[int, DueFacts]]:
    """{case id: (county id, facts)} for the cases that exist among ``case_ids``; ``today``
    (the caller's clock) for the items that come and go with the date."""
    if not case_ids:
        return {}
    ids = list(case_ids)
    cw = ChildWelfareCase
    rows = db.execute(
        select(
            MutualCase.id,
            MutualCase.county_id,
            MutualCase.stage,
            MutualCase.identified_on,
            MutualCase.assigned_on,
            CountyProfile.meeting_anchor,
            CountyProfile.meeting_deadline_applies,
            CountyProfile.day20_roll_forward,
            cw.id,
            cw.protective_custody,
            cw.removed_on,
            cw.jurisdiction_hearing_on,
            CountyProfile.code,
            CountyProfile.sw_message_hold_days,
        )
        .join(CountyProfile, CountyProfile.id == MutualCase.county_id)
        .outerjoin(cw, cw.id == MutualCase.child_welfare_case_id)
        .where(MutualCase.id.in_(ids))
    )
    rows = list(rows)
    plans = current_versions(db, ids)
    good_cause = _reviews(db, GoodCause, GoodCause.next_review_on, ids)
    exemptions = _reviews(db, Exemption, Exemption.review_on, ids)
    notices, cures = _episodes(db, ids)
    youngest = youngest_born(db, ids)
    reunification, fs_plans = programs_of(db, ids)
    changes = open_changes_of(db, ids)
    held = held_messages_of(db, ids)
    counties = {row[0]: row[12] for row in rows}
    recorded, unverified = attendance_weeks(db, ids, counties, today)
    found = {}
    for row in rows:
        plan = plans.get(row[0], CurrentVersion())
        facts = DueFacts(
            stage=str(row[2]),
            identified_on=row[3],
            assigned_on=row[4],
            meeting_anchor=row[5],
            meeting_deadline_applies=bool(row[6]),
            day20_roll_forward=bool(row[7]),
            has_cw=row[8] is not None,
            protective_custody=bool(row[9]),
            removed_on=row[10],
            jurisdiction_hearing_on=row[11],
            open_notices=notices.get(row[0], ()),
            plan_required_from=plan.required_from,
            plan_period_end=plan.period_end,
            good_cause_reviews=good_cause.get(row[0], ()),
            exemption_reviews=exemptions.get(row[0], ()),
            today=today,
            change_window_ends=plan.change_window_ends,
            plan_period_start=plan.period_start,
            plan_requirement=plan.requirement,
            youngest_born=youngest.get(row[0]),
            cures=cures.get(row[0], ()),
            reunification=reunification.get(row[0], ()),
            fs_plans=fs_plans.get(row[0], ()),
            open_changes=changes.get(row[0], ()),
            attendance_from=plan.attendance_from,
            recorded_weeks=recorded.get(row[0], frozenset()),
            unverified_weeks=unverified.get(row[0], ()),
            held_messages=held.get(row[0], ()),
            hold_days=row[13],
        )
        found[row[0]] = (row[1], facts)
    return found


def _reviews(
    db: Session, table: type[GoodCause] | type[Exemption], column: Any, case_ids: list[int]
) -> dict[int, tuple[tuple[int, date], ...]]:
    """{case id: ((record id, review date), ...)} of the records with a review set."""
    found: dict[int, list[tuple[int, date]]] = defaultdict(list)
    stmt = select(table.case_id, table.id, column).where(
        table.case_id.in_(case_ids), column.is_not(None)
    )
    for case_id, record_id, on in db.execute(stmt.order_by(table.id)):
        found[case_id].append((record_id, on))
    return {case_id: tuple(items) for case_id, items in found.items()}


def _episodes(
    db: Session, case_ids: list[int]
) -> tuple[
    dict[int, tuple[tuple[int, date, date | None], ...]], dict[int, tuple[tuple[int, date], ...]]
]:
    """{case id: ((episode id, notice issued on, appointment on), ...)} still in the 20 days,
    and {case id: ((episode id, cure complete on), ...)} of cure plans running (R-NC-08)."""
    ep = NoncomplianceEpisode
    notices: dict[int, list[tuple[int, date, date | None]]] = defaultdict(list)
    cures: dict[int, list[tuple[int, date]]] = defaultdict(list)
    stmt = select(
        ep.case_id,
        ep.id,
        ep.status,
        ep.notice_issued_on,
        ep.appointment_on,
        ep.cure_complete_on,
        ep.cure_activity_ends_on,
    ).where(
        ep.case_id.in_(case_ids),
        ep.status.in_([NoncomplianceStatus.OPEN, NoncomplianceStatus.CURE_PLAN]),
    )
    for case_id, episode_id, status, issued_on, appointment_on, complete, ends in db.execute(
        stmt.order_by(ep.id)
    ):
        if status == NoncomplianceStatus.OPEN:
            notices[case_id].append((episode_id, issued_on, appointment_on))
        elif complete or ends:
            cures[case_id].append((episode_id, complete or ends))
    return (
        {case_id: tuple(items) for case_id, items in notices.items()},
        {case_id: tuple(items) for case_id, items in cures.items()},
    )


def facts_of(case: MutualCase, county: CountyProfile) -> DueFacts:
    """One loaded case's facts (no plan: the meeting step and the demo builder ask about the
    meeting only)."""
    cw = case.child_welfare_case
    return DueFacts(
        stage=str(case.stage),
        identified_on=case.identified_on,
        assigned_on=case.assigned_on,
        meeting_anchor=county.meeting_anchor,
        meeting_deadline_applies=county.meeting_deadline_applies,
        has_cw=cw is not None,
        protective_custody=bool(cw and cw.protective_custody),
        removed_on=cw.removed_on if cw else None,
        jurisdiction_hearing_on=cw.jurisdiction_hearing_on if cw else None,
    )


def meeting_due_for(
    case: MutualCase, county: CountyProfile, office: Collection[date], court: Collection[date]
) -> date | None:
    """R-MT-01/02 with the county's anchor (§e Q1); None where the county sets no target (§e Q3).

    Raises policy.calendar.CalendarNotLoaded when the count needs a year not loaded."""
    return meeting_target(facts_of(case, county), office, court)
