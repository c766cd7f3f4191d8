"""Stored moments (models.base.UTCDateTime) and the clock the server keeps. SQLite keeps no
offset; Python reads a value without one as the server's own clock. On a server set to Pacific
time, a signature made at 12:07 PM showed as 8:07 PM on the screens and on the signed WTW 2.
A moment now always comes back from the database aware and in UTC, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from sqlalchemy import select, text

from blueprints.documents.i18n import moment
from blueprints.wizard.common import local
from models.enums import Role
from models.users import User
from policy.county_time import COUNTY_ZONE
from tests import factories as f

UTC = timezone.utc
NOON_IN_THE_COUNTY = datetime(2026, 12, 3, 12, 7, tzinfo=COUNTY_ZONE)  # 20:07 UTC


@pytest.fixture
def pacific_server_clock() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    # The process really keeps Pacific time now: a value without a zone is read as PST.
    assert datetime(2026, 12, 3, 20, 7).astimezone(UTC).hour == 4
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def _stored_again(db, user: User) -> datetime:
    db.commit()
    db.expire_all()
    found = db.scalar(select(User.last_login_at).where(User.id == user.id))
    assert found is not None
    return found


def test_a_moment_comes_back_aware_in_utc_whatever_zone_it_was_given_in(db):
    user = f.user(db, "clock.ec@example.org")
    user.last_login_at = NOON_IN_THE_COUNTY
    back = _stored_again(db, user)
    assert back.tzinfo is not None and back.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert back == datetime(2026, 12, 3, 20, 7, tzinfo=UTC)
    raw = db.execute(text("SELECT last_login_at FROM user_account WHERE id = :id"), {"id": user.id})
    value = raw.scalar_one()
    if isinstance(value, str):  # SQLite: the UTC digits, not the county's wall clock
        assert value.startswith("2026-12-03 20:07")


def test_on_a_pacific_server_clock_screens_and_signed_forms_show_county_time(
    db, pacific_server_clock
):
    user = f.user(db, "pacific.ec@example.org")
    user.last_login_at = datetime(2026, 12, 3, 20, 7, tzinfo=UTC)
    back = _stored_again(db, user)
    assert local(back) == "12/03/2026 at 12:07 PM"
    assert moment(back, "en").replace("\xa0", " ") == "Dec 3, 2026, 12:07 PM PST"


@pytest.mark.parametrize("server_clock", ["UTC", "America/Los_Angeles"])
def test_the_accounts_page_shows_the_last_sign_in_in_county_time(
    db, client, auth, server_clock, request
):
    if server_clock != "UTC":
        request.getfixturevalue("pacific_server_clock")
    f.user(db, "admin.clock@example.org", role=Role.ADMIN)
    worker = f.user(db, "late.ec@example.org", name="Lena Late")
    # 4:30 PM on Dec 3 in the county: already Dec 4 in UTC.
    worker.last_login_at = datetime(2026, 12, 4, 0, 30, tzinfo=UTC)
    db.commit()
    auth.login("admin.clock@example.org")
    page = client.get("/admin/users").text
    row = page[page.index("Lena Late") :][:600]
    assert "12/03/2026 at 4:30 PM" in row
    assert "UTC" not in page and "2026-12-04" not in page


def test_today_is_the_countys_date_when_no_date_is_fixed(monkeypatch):
    from flask import Flask

    from blueprints.clock import today_of
    from policy import county_time

    # 5 PM on Dec 3 in the county; a server on UTC reads Dec 4 on its own clock.
    monkeypatch.setattr(county_time, "world_now", lambda: datetime(2026, 12, 4, 1, 0, tzinfo=UTC))
    assert today_of(Flask(__name__)).isoformat() == "2026-12-03"
