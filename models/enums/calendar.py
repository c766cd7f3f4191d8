"""Holiday calendars (R-WD-01..03)."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class HolidayCalendar(LabelledEnum):
    COURT = "court", "California courts"
    STATE = "state", "State of California"


class CalendarKind(LabelledEnum):
    """What a calendar entry the EC records is (issue 15): the child-welfare obligations the
    tables do not hold yet, and WTW appointments outside a noncompliance."""

    COURT = "court", "Court hearing"
    VISITATION = "visitation", "Visitation"
    CFT = "cft", "Child and Family Team (CFT) meeting"
    FUP = "fup", "Family Unification Program (FUP) meeting"
    WTW_APPOINTMENT = "wtw_appointment", "WTW appointment"
    OTHER = "other", "Other"


class CalendarAgency(LabelledEnum):
    """Whose obligation an entry is; pages say the county's division (CFS or DFCS) for CW."""

    CW = "cw", "Child welfare"
    WTW = "wtw", "WTW"

    def in_county(self, cw_division_label: str) -> str:
        return cw_division_label if self is CalendarAgency.CW else self.label
