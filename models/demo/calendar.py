"""The demo's calendar entries (issue 15): a CFT meeting next week and the time of the next
hearing on each active plan, so the calendar shows both agencies' dates and a conflict or two."""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy.orm import Session

from models.calendar import CalendarEntry
from models.cases import MutualCase
from models.enums import CalendarAgency, CalendarKind, Stage


def add_calendar_entries(db: Session, cases: list[MutualCase], today: date) -> None:
    for number, case in enumerate(c for c in cases if c.stage == Stage.PLAN_ACTIVE):
        cft_day = today + timedelta(days=7 + number % 5)
        db.add(
            CalendarEntry(
                case_id=case.id,
                kind=CalendarKind.CFT,
                agency=CalendarAgency.CW,
                on=cft_day - timedelta(days=cft_day.weekday() // 5 * 2),  # Sat/Sun: Thu/Fri
                starts_at=time(10),
                ends_at=time(11, 30),
                place=f"{case.county.cw_division_label} office",
                recorded_by_id=case.assigned_worker_id,
            )
        )
        cw_case = case.child_welfare_case
        if cw_case is not None and cw_case.next_court_on and cw_case.next_court_on > today:
            db.add(
                CalendarEntry(
                    case_id=case.id,
                    kind=CalendarKind.COURT,
                    agency=CalendarAgency.CW,
                    on=cw_case.next_court_on,
                    starts_at=time(8, 30),
                    ends_at=time(12),
                    place="Juvenile dependency court",
                    recorded_by_id=case.assigned_worker_id,
                )
            )
