"""The county's clock. Both counties keep Pacific time, whatever the server's own clock says:
servers usually run on UTC, where "today" turns into tomorrow at 4 PM in winter (5 PM in
summer), while the EC is still at work. Moments are stored in UTC; the day a thing happened, a
deadline's "today" and every time shown are the county's."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

COUNTY_ZONE = ZoneInfo("America/Los_Angeles")


def world_now() -> datetime:
    """The moment now, aware: the one seam the tests move to a chosen hour, for the deadlines
    counted from today (R-MT-01, R-PL-02, R-PL-04)."""
    return datetime.now(timezone.utc)


def county_today() -> date:
    """The county's date now: the "today" every deadline is counted from (R-MT-01's 5 working
    days, R-PL-04's 3, R-PL-02's 90 days) and that a signature or a contact is dated."""
    return county_date(world_now())


def as_utc(value: datetime) -> datetime:
    """A stored moment, aware: SQLite hands back naive datetimes, the UTC that was stored. The
    signature moments of R-PL-03, and every moment a deadline counts from, are read this way."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def county_moment(moment: datetime) -> datetime:
    """The same moment on the county's clock; a naive value is read as UTC (as stored). A
    signature's time on the WTW 2 (R-PL-03) and every time on a screen are county time."""
    return as_utc(moment).astimezone(COUNTY_ZONE)


def county_date(moment: datetime) -> date:
    """The county's calendar day of a moment: a plan signed at 5 PM on Dec 3 was signed on
    Dec 3, though it was Dec 4 in UTC; its 3 working days to ask for changes (R-PL-04) start
    from that day."""
    return county_moment(moment).date()
