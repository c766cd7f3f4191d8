"""An EC's private iCalendar feed (issue 15): made on the account page and shown once, stored
hashed, revocable; the .ics holds only that EC's open cases, no client name unless the county
allows it; unknown or revoked tokens are 404, throttled per address, never logged."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from blueprints.gunicorn_logging import RedactingLogger
from models import AuditEvent, CalendarEntry, CalendarFeed
from models.enums import Role, Stage
from models.operations.share_links import token_hash
from tests import factories as f
from tests.factories import make_plan
from tests.helpers import statements_for
from tests.html import csrf_token, text_of

FEED_URL = re.compile(r'value="(http://localhost/calendar/([A-Za-z0-9_-]{43})\.ics)"')


@pytest.fixture
def cases(db, team):
    ana, ben = team["ana"], team["ben"]
    mine = f.case(db, ana, stage=Stage.PLAN_ACTIVE, first="Rosa", last="Delgado")
    version = make_plan(db, mine)
    for activity in version.activities:
        activity.schedule = "Mon-Fri 9:00-12:00" if activity.name == "Job club" else ""
    mine.child_welfare_case.next_court_on = date(2026, 12, 2)
    closed = f.case(db, ana, stage=Stage.CLOSED, first="Grace", last="Okafor")
    closed.child_welfare_case.next_court_on = date(2026, 12, 3)
    bens = f.case(db, ben, first="Linh", last="Nguyen")
    bens.child_welfare_case.next_court_on = date(2026, 12, 4)
    db.add(
        CalendarEntry(
            case_id=mine.id,
            kind="visitation",
            agency="cw",
            on=date(2026, 11, 25),
            starts_at=datetime(2026, 1, 1, 15).time(),
            ends_at=datetime(2026, 1, 1, 16).time(),
            repeats_weekly=True,
            repeat_until=date(2026, 12, 9),
            place="Visitation center, 12 Elm St",
            note="Aunt drives Mia",
        )
    )
    db.commit()
    return {"mine": mine, "closed": closed, "bens": bens}


def make_feed(client, auth):
    auth.login("ana.ec@example.org")
    token = csrf_token(client.get("/account").text)
    page = client.post("/account/calendar-feed", data={"csrf_token": token}).text
    url, feed_token = FEED_URL.search(page).groups()
    return page, url.removeprefix("http://localhost"), feed_token


def events(body: bytes):
    return [c for c in Calendar.from_ical(body).walk("VEVENT")]


def test_an_ec_gets_a_feed_url_shown_once_and_stored_hashed(client, auth, db, cases):
    page, path, token = make_feed(client, auth)
    assert "shown this once" in text_of(page, "#feed-url-shown")
    feed = db.scalars(select(CalendarFeed)).one()
    assert feed.token_sha256 == token_hash(token) and token not in feed.token_sha256
    again = client.get("/account").text
    assert token not in again and "On since" in text_of(again, "#feed-status")
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "calendar_feed_create")).one()


def test_the_feed_has_only_the_ecs_open_cases_and_no_client_name(client, auth, db, cases):
    _, path, _ = make_feed(client, auth)
    client.post("/logout", headers={"X-CSRFToken": csrf_token(client.get("/account").text)})
    response = client.get(path)  # no session: the token is the credential
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    found = {(str(e["summary"]), e.decoded("dtstart")) for e in events(response.data)}
    mine = cases["mine"].id
    assert (
        f"Next court date (DFCS) · Tandem case {mine} · conflict with a WTW session",
        date(2026, 12, 2),
    ) in found
    visits = sorted(d for s, d in found if s.startswith("Visitation (DFCS)"))
    assert [d.date() for d in visits] == [date(2026, 11, 25), date(2026, 12, 2), date(2026, 12, 9)]
    assert visits[0].hour == 15 and str(visits[0].tzinfo) == "America/Los_Angeles"
    body = response.data.decode()
    for secret in ("Rosa", "Delgado", "Grace", "Okafor", "Linh", "Nguyen", "Elm St", "Mia"):
        assert secret not in body
    assert date(2026, 12, 3) not in {d for _, d in found}  # the closed case
    assert date(2026, 12, 4) not in {d for _, d in found}  # Ben's case
    assert not [s for s, _ in found if "Job club" in s]  # weekly sessions stay out
    court = next(e for e in events(response.data) if "court" in str(e["summary"]))
    assert "A required court appearance is good cause (R-GC-02)" in str(court["description"])
    assert f"/cases/{mine}/calendar" in str(court["url"])
    fetch = db.scalars(select(AuditEvent).where(AuditEvent.action == "calendar_feed_fetch")).one()
    assert fetch.actor_user_id == cases["mine"].assigned_worker_id and fetch.outcome == "ok"


def test_a_county_that_allows_names_gets_them_in_titles(client, auth, db, cases):
    cases["mine"].county.feed_client_names = True
    db.commit()
    _, path, _ = make_feed(client, auth)
    assert "allows them" in text_of(client.get("/account").text, "#feed-names-setting")
    titles = [str(e["summary"]) for e in events(client.get(path).data)]
    assert "Visitation (DFCS) · Rosa Delgado" in titles


def test_the_account_page_says_names_are_off_by_default(client, auth, db, cases):
    auth.login("ana.ec@example.org")
    setting = text_of(client.get("/account").text, "#feed-names-setting")
    assert "does not allow them (the proposed default)" in setting


def test_the_accounts_page_shows_the_county_setting(client, auth, db, cases):
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    db.commit()
    auth.login("ada.admin@example.org")
    setting = text_of(client.get("/admin/users").text, "#feed-names-setting")
    assert "Santa Clara" in setting and "does not allow them, the proposed default" in setting


def test_a_revoked_or_replaced_feed_is_404_with_no_detail(client, auth, db, cases):
    _, first, _ = make_feed(client, auth)
    token = csrf_token(client.get("/account").text)
    page = client.post("/account/calendar-feed", data={"csrf_token": token}).text
    second = FEED_URL.search(page).group(1).removeprefix("http://localhost")
    assert client.get(first).status_code == 404  # a new address stops the old one
    assert client.get(second).status_code == 200
    assert "; last read by a calendar program " in text_of(
        client.get("/account").text, "#feed-status"
    )
    revoked = client.post("/account/calendar-feed/revoke", data={"csrf_token": token})
    assert revoked.status_code == 303
    response = client.get(second)
    assert response.status_code == 404 and response.data == b"Not found\n"
    assert "Off." in text_of(client.get("/account").text, "#feed-status")
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "calendar_feed_revoke")).one()


def test_a_disabled_ecs_feed_stops(client, auth, db, cases, team):
    _, path, _ = make_feed(client, auth)
    team["ana"].active = False
    db.commit()
    assert client.get(path).status_code == 404


def test_unknown_tokens_are_throttled_per_address(make_app, db, cases):
    app = make_app(CALENDAR_BAD_TOKEN_LIMIT="3 per minute")
    client = app.test_client()
    for _ in range(3):
        assert client.get(f"/calendar/{'B' * 43}.ics").status_code == 404
    assert client.get(f"/calendar/{'B' * 43}.ics").status_code == 429
    refused = db.scalars(select(AuditEvent).where(AuditEvent.object_type == "calendar_feed"))
    assert len(refused.all()) == 2  # one row per minute per address and kind, not per attempt


def test_supervisors_have_no_feed(client, auth, db, cases):
    auth.login("sam.sup@example.org")
    assert "calendar-feed" not in client.get("/account").text
    token = csrf_token(client.get("/account").text)
    assert client.post("/account/calendar-feed", data={"csrf_token": token}).status_code == 403


def test_the_token_stays_out_of_app_and_access_logs(app, client, auth, db, cases, caplog):
    _, path, token = make_feed(client, auth)
    caplog.set_level(logging.DEBUG)
    client.get(path)
    logging.getLogger("werkzeug").info('127.0.0.1 - - "GET %s HTTP/1.1" 200 -', path)
    app.logger.warning("fetched %s", path)
    assert token not in caplog.text
    assert "/calendar/[redacted].ics" in caplog.text

    class Cfg:
        access_log_format = '%(h)s "%(r)s" %(U)s %(s)s'

    logger = RedactingLogger.__new__(RedactingLogger)
    logger.cfg = Cfg()

    class Resp:
        status, headers, sent, response_length = "200 OK", (), 10, 10

    feed_path = path

    class Req:
        headers = ()
        method, path, query, uri, version = "GET", feed_path, "", feed_path, (1, 1)

    environ = {
        "REMOTE_ADDR": "1.2.3.4",
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": path,
        "QUERY_STRING": "",
    }
    atoms = logger.atoms(Resp(), Req(), environ, timedelta(seconds=0.01))
    assert all(token not in str(v) for v in atoms.values())
    assert "/calendar/[redacted].ics" in atoms["U"]


def test_the_feed_starts_today_so_past_visits_drop_out(app, client, auth, db, cases):
    _, path, _ = make_feed(client, auth)
    starts = {e.decoded("dtstart").date() for e in events(client.get(path).data)
              if str(e["summary"]).startswith("Visitation")}  # fmt: skip
    assert date(2026, 11, 25) in starts
    app.config["TODAY"] = date(2026, 11, 26)
    starts = {e.decoded("dtstart").date() for e in events(client.get(path).data)
              if str(e["summary"]).startswith("Visitation")}  # fmt: skip
    assert starts == {date(2026, 12, 2), date(2026, 12, 9)}


def test_a_feed_costs_the_same_queries_for_one_case_or_twelve(app, client, auth, db, cases):
    """The feed reads every open case's dates at once (issue 14): its SQL does not grow with the
    caseload, and the twelve cases' dates are all in it."""
    _, path, _ = make_feed(client, auth)
    one = len(statements_for(app, client, path))
    ana = cases["mine"].assigned_worker
    for n in range(11):
        extra = f.case(db, ana, stage=Stage.PLAN_ACTIVE, first=f"Extra{n}", cw_number=f"C77{n:05d}")
        make_plan(db, extra)
        extra.child_welfare_case.next_court_on = date(2026, 12, 7) + timedelta(days=n)
    db.commit()
    twelve = statements_for(app, client, path)
    assert len(twelve) == one
    body = client.get(path).data
    courts = [e.decoded("dtstart") for e in events(body) if "Next court date" in str(e["summary"])]
    assert len(courts) == 12
