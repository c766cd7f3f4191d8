"""Record a week of attendance on the SCD/SCZ 1811 A (R-CF-03, R-HR-06, §c5).

The week's rows are checked by ``policy.tracking.week_totals`` before anything is written (no
negative hours, nothing over a week, a known reason), then each row is inserted or updated and
the history gets one event for the week with each changed row before and after.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.enums import ExcuseReason
from models.history import Change
from models.operations.history import record_event
from models.queries.attendance import GridRow, WeekGrid, entry_for_policy
from models.tracking import TrackingEntry
from policy.hours import fmt_hours
from policy.tracking import WeekEntry, week_totals


class AttendanceRefused(ValueError):
    """The week cannot be saved as sent; the message says why, in the EC's words."""


@dataclass(frozen=True)
class AttendanceInput:
    """What the EC recorded for one activity in one week."""

    activity_id: int
    attended: float
    excused: float = 0.0
    reason: str = ""
    provider_verified: bool = False
    verified_by: str = ""
    verified_on: date | None = None


def _as_policy(row: GridRow, given: AttendanceInput) -> WeekEntry:
    return WeekEntry(
        row.activity.name,
        row.counts,
        row.scheduled,
        given.attended,
        given.excused,
        given.reason or None,
        given.provider_verified,
    )


def _shown(entry: TrackingEntry | None) -> str:
    if entry is None:
        return ""
    text = f"{fmt_hours(entry.attended_hours)} attended"
    if entry.excused_hours:
        reason = ExcuseReason.label_of(entry.absence_reason, "no reason given").lower()
        text += f", {fmt_hours(entry.excused_hours)} excused ({reason})"
    if entry.provider_verified:
        who = f" by {entry.verified_by}" if entry.verified_by else ""
        text += f", verified{who}"
    return text


def record_week(
    db: Session,
    case: MutualCase,
    grid: WeekGrid,
    inputs: Sequence[AttendanceInput],
    user_id: int,
    now: datetime,
) -> list[Change]:
    """Insert or update the rows sent (others are left as they are); returns what changed.
    Raises AttendanceRefused for an activity that is not in the plan that week or for hours
    policy.tracking refuses. Flushes nothing itself; no commit."""
    rows = {row.activity.id: row for row in grid.rows}
    sent = {given.activity_id: given for given in inputs}
    for activity_id in sent:
        row = rows.get(activity_id)
        if row is None or not row.runs:
            raise AttendanceRefused("That activity is not in the plan that week.")
    merged = [
        _as_policy(row, sent[row.activity.id]) if row.activity.id in sent else entry_for_policy(row)
        for row in grid.rows
    ]
    try:
        week_totals(grid.requirement, merged)
    except ValueError as exc:
        raise AttendanceRefused(f"These hours cannot be saved: {exc}.") from None
    changes: list[Change] = []
    for activity_id, given in sent.items():
        row = rows[activity_id]
        entry = row.entry
        before = _shown(entry)
        if entry is None:
            entry = TrackingEntry(activity_id=activity_id, week_start=grid.monday)
            db.add(entry)
        entry.scheduled_hours = row.scheduled
        entry.attended_hours = given.attended
        entry.excused_hours = given.excused
        entry.absence_reason = given.reason if given.excused else ""
        entry.provider_verified = given.provider_verified
        entry.verified_by = given.verified_by.strip() if given.provider_verified else ""
        entry.verified_on = given.verified_on if given.provider_verified else None
        after = _shown(entry)
        if after != before:
            entry.recorded_by_id = user_id
            entry.recorded_at = now
            changes.append(Change(f"attendance_{activity_id}", row.activity.name, before, after))
    if changes:
        record_event(
            db,
            case.id,
            user_id,
            "attendance",
            f"Attendance, week of {grid.monday:%m/%d/%Y}",
            changes,
        )
    return changes
