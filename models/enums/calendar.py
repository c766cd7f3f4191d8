"""Holiday calendars (R-WD-01..03)."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class HolidayCalendar(LabelledEnum):
    COURT = "court", "California courts"
    STATE = "state", "State of California"
