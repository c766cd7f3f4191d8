"""An EC's private iCalendar feed (issue 15): the dates of their open cases in their own calendar.

The feed URL carries a random token (only its SHA-256 is stored, as for share links) and is the
only credential, since calendar programs cannot sign in. So, as for share links (security.md A2):
unknown or revoked tokens are 404 with no detail and count toward a per-address limit (429 beyond
it); the token never reaches a log line (blueprints/logs.py); answers are never cached. Event
titles carry no client name unless the county allows it (CountyProfile.feed_client_names), and
never a place or a note: the EC's calendar may sync to services the county does not run (R-CO-01).
Weekly activity sessions stay out (they would bury the dates); a session a court date or visit
falls on is named in that event instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Blueprint, Flask, Response, current_app, flash, redirect, request, url_for
from flask_login import current_user
from icalendar import Calendar
from icalendar import Event as IcsEvent

from models.base import utcnow
from models.cases import MutualCase
from models.db import get_db
from models.enums import Role
from models.operations.calendar import create_feed, find_feed, revoke_feeds
from models.queries.calendar import case_calendar, feed_cases
from models.queries.calendar_sources import calendar_sources
from models.users import User
from policy.calendar_conflicts import AHEAD, DEFAULT_LENGTH, Event
from policy.county_time import COUNTY_ZONE

from . import audit
from .access import roles_required
from .account import render_account
from .audit import client_ip
from .clock import today
from .throttle import SharedLimit

bp = Blueprint("calendar_feed", __name__)
PUBLIC = frozenset({"calendar_feed.feed"})
NOT_FOUND = ("Not found\n", 404, {"Content-Type": "text/plain; charset=utf-8"})


@bp.post("/account/calendar-feed")
@roles_required(Role.EC)
def create() -> Any:
    """A new feed URL, shown once on the page that answers; the earlier URL stops working."""
    db = get_db()
    feed, token = create_feed(db, current_user._get_current_object())
    audit.record(db, "calendar_feed_create", object_type="calendar_feed", object_id=feed.id)
    db.commit()
    url = url_for("calendar_feed.feed", token=token, _external=True)
    return render_account(feed_url=url)


@bp.post("/account/calendar-feed/revoke")
@roles_required(Role.EC)
def revoke() -> Any:
    db = get_db()
    stopped = revoke_feeds(db, current_user._get_current_object())
    audit.record(
        db, "calendar_feed_revoke", object_type="calendar_feed", detail={"stopped": stopped}
    )
    db.commit()
    flash("Your calendar feed is stopped: its URL no longer works." if stopped else "No feed.")
    return redirect(url_for("account.show", _anchor="calendar-feed"), 303)


def _refused(action: str, outcome: str) -> None:
    once = current_app.extensions["tandem_feed_refusal_audit"]
    audit.record_refusal(get_db(), once, action, outcome, "calendar_feed")


def _summary(event: Event, case: MutualCase, names: bool, conflicted: bool) -> str:
    who = case.participant.display_name if names else f"Tandem case {case.id}"
    flag = " · conflict with a WTW session" if conflicted else ""
    return f"{event.title} · {who}{flag}"


def _ics_event(event: Event, case: MutualCase, names: bool, notes: list[str]) -> IcsEvent:
    item = IcsEvent()
    item.add("uid", f"{case.id}-{event.ref.replace(':', '-')}-{event.day:%Y%m%d}@tandem")
    item.add("dtstamp", utcnow())
    if event.start is None:
        item.add("dtstart", event.day)
        item.add("dtend", event.day + timedelta(days=1))
    else:
        begin = datetime.combine(event.day, event.start, tzinfo=COUNTY_ZONE)
        end = datetime.combine(event.day, event.end, tzinfo=COUNTY_ZONE) if event.end else None
        item.add("dtstart", begin)
        item.add("dtend", end if end and end > begin else begin + DEFAULT_LENGTH)
    item.add("summary", _summary(event, case, names, bool(notes)))
    link = url_for("wizard.calendar", case_id=case.id, _external=True)
    item.add("description", "\n".join([*notes, f"In Tandem: {link}"]))
    item.add("url", link)
    item.add("transp", "OPAQUE")
    return item


def feed_calendar(user: User) -> tuple[bytes, int]:
    """The .ics of the EC's open cases from today for eight weeks, and how many cases."""
    db = get_db()
    start = today()
    cal = Calendar()
    cal.add("prodid", "-//Tandem//Calendar of both agencies//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Tandem: my cases")
    cases = feed_cases(db, user)
    sources = calendar_sources(db, [case.id for case in cases])  # a few queries for them all
    for case in cases:
        names = bool(case.county.feed_client_names)
        calendar = case_calendar(db, case, start, window=(start, start + AHEAD), sources=sources)
        for event in calendar.events:
            if event.ref.startswith("activity:"):
                continue
            notes = [
                f"May overlap {c.wtw.title}. {c.suggestion.text}"
                for c in calendar.conflicts_of(event)
                if c.obligation == event
            ]
            cal.add_component(_ics_event(event, case, names, notes))
    cal.add_missing_timezones()
    return cal.to_ical(), len(cases)


@bp.get("/calendar/<token>.ics")
def feed(token: str) -> Any:
    db = get_db()
    guesses: SharedLimit = current_app.extensions["tandem_feed_throttle"]
    ip = client_ip()
    if not guesses.allowed(ip):
        _refused("calendar_feed_throttled", "denied")
        return "Too many requests\n", 429, {"Content-Type": "text/plain; charset=utf-8"}
    found = find_feed(db, token)
    user = db.get(User, found.user_id) if found is not None else None
    if found is None or user is None or not user.active or user.role != Role.EC:
        guesses.hit(ip)
        _refused("calendar_feed_fetch", "unknown")
        return NOT_FOUND
    body, count = feed_calendar(user)
    if request.method != "HEAD":  # a HEAD is a program checking the URL, not a fetch
        found.last_used_at = utcnow()
        audit.record(
            db,
            "calendar_feed_fetch",
            object_type="calendar_feed",
            object_id=found.id,
            user_id=user.id,
            detail={"cases": count},
        )
        db.commit()
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": 'inline; filename="tandem.ics"'},
    )


def init_app(app: Flask) -> None:
    app.extensions["tandem_feed_throttle"] = SharedLimit(
        "calendar_bad_token", app.config.get("CALENDAR_BAD_TOKEN_LIMIT", "20 per minute")
    )
    app.extensions["tandem_feed_refusal_audit"] = SharedLimit(
        "calendar_refusal_audit", "1 per minute"
    )
