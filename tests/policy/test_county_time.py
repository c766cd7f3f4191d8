"""The county's clock (policy/county_time.py): the day and the time of a moment as Orange and
Santa Clara read them, whatever clock the server keeps."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from policy import county_time
from policy.county_time import COUNTY_ZONE, county_date, county_moment, county_today

pytestmark = pytest.mark.pure

UTC = timezone.utc


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        # 4:30 PM on Dec 3 in the county (PST, UTC-8) is already Dec 4 in UTC.
        (datetime(2026, 12, 4, 0, 30, tzinfo=UTC), date(2026, 12, 3)),
        (datetime(2026, 12, 4, 7, 59, tzinfo=UTC), date(2026, 12, 3)),
        (datetime(2026, 12, 4, 8, 0, tzinfo=UTC), date(2026, 12, 4)),
        # Summer time (PDT, UTC-7): 5 PM on June 30 is July 1 in UTC.
        (datetime(2026, 7, 1, 0, 0, tzinfo=UTC), date(2026, 6, 30)),
        (datetime(2026, 7, 1, 7, 0, tzinfo=UTC), date(2026, 7, 1)),
        # What SQLite hands back has no zone: it is the UTC that was stored.
        (datetime(2026, 12, 4, 0, 30), date(2026, 12, 3)),
    ],
)
def test_a_moment_falls_on_the_countys_day(moment, day):
    assert county_date(moment) == day


def test_a_moment_reads_on_the_countys_clock_in_winter_and_summer():
    assert county_moment(datetime(2026, 12, 3, 20, 7, tzinfo=UTC)).strftime("%H:%M %Z") == (
        "12:07 PST"
    )
    assert county_moment(datetime(2026, 7, 3, 20, 7)).strftime("%H:%M %Z") == "13:07 PDT"
    other_zone = datetime(2026, 12, 3, 23, 7, tzinfo=timezone(timedelta(hours=-5)))
    assert county_moment(other_zone).strftime("%m/%d %H:%M") == "12/03 20:07"


def test_today_is_the_countys_date_after_four_in_the_afternoon(monkeypatch):
    monkeypatch.setattr(county_time, "world_now", lambda: datetime(2026, 12, 4, 1, 0, tzinfo=UTC))
    assert county_today() == date(2026, 12, 3)  # 5 PM on Dec 3 in the county
    monkeypatch.setattr(county_time, "world_now", lambda: datetime(2026, 12, 4, 9, 0, tzinfo=UTC))
    assert county_today() == date(2026, 12, 4)
    assert COUNTY_ZONE.key == "America/Los_Angeles"
