"""The client's calendar entries and the EC's private iCalendar feed (issue 15). Flush, never
commit; every change to an entry is a history row with the values in words.

A feed token is 32 random bytes (43 URL-safe characters) and says nothing about the EC; only its
SHA-256 is stored, as for share links (models/operations/share_links.py), so a copy of the
database yields no usable feed. One working feed per EC: a new one revokes the old.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.base import utcnow
from models.calendar import CalendarEntry, CalendarFeed
from models.cases import MutualCase
from models.enums import CalendarAgency, CalendarKind
from models.history import Change
from models.operations.history import record_event
from models.operations.share_links import TOKEN_BYTES, TOKEN_SHAPE, token_hash
from models.queries.calendar import feed_of
from models.users import User

PLACE_MAX = 200
NOTE_MAX = 1000


@dataclass(frozen=True)
class EntryInput:
    kind: CalendarKind
    agency: CalendarAgency
    on: date
    starts_at: time | None
    ends_at: time | None
    repeat_until: date | None  # weekly through this day; None = once
    place: str
    note: str


def _words(entry: CalendarEntry, cw: str) -> dict[str, tuple[str, str]]:
    """Each field as the page shows it: (label, value)."""

    def clock(t: time | None) -> str:
        return t.strftime("%-I:%M %p") if t else ""

    agency = CalendarAgency(entry.agency)
    return {
        "kind": ("What", entry.kind_label),
        "agency": ("Whose", agency.in_county(cw)),
        "on": ("Date", f"{entry.on:%m/%d/%Y}"),
        "starts_at": ("Starts", clock(entry.starts_at)),
        "ends_at": ("Ends", clock(entry.ends_at)),
        "repeat_until": (
            "Every week until",
            f"{entry.repeat_until:%m/%d/%Y}" if entry.repeats_weekly and entry.repeat_until else "",
        ),
        "place": ("Place", entry.place),
        "note": ("Note", entry.note),
    }


def _apply(entry: CalendarEntry, values: EntryInput) -> None:
    entry.kind = values.kind
    entry.agency = values.agency
    entry.on = values.on
    entry.starts_at = values.starts_at
    entry.ends_at = values.ends_at
    entry.repeats_weekly = values.repeat_until is not None
    entry.repeat_until = values.repeat_until
    entry.place = values.place.strip()[:PLACE_MAX]
    entry.note = values.note.strip()[:NOTE_MAX]


def add_entry(db: Session, case: MutualCase, values: EntryInput, user_id: int) -> CalendarEntry:
    entry = CalendarEntry(case_id=case.id, recorded_by_id=user_id)
    _apply(entry, values)
    db.add(entry)
    db.flush()
    words = _words(entry, case.county.cw_division_label)
    record_event(
        db,
        case.id,
        user_id,
        "calendar_add",
        f"Calendar: {entry.kind_label}, {entry.on:%m/%d/%Y}",
        [Change(name, label, "", value) for name, (label, value) in words.items() if value],
    )
    return entry


def update_entry(
    db: Session, case: MutualCase, entry: CalendarEntry, values: EntryInput, user_id: int
) -> list[Change]:
    """Save the entry's new values; the history row lists what changed (nothing: no row)."""
    cw = case.county.cw_division_label
    before = _words(entry, cw)
    _apply(entry, values)
    after = _words(entry, cw)
    changes = [
        Change(name, label, before[name][1], value)
        for name, (label, value) in after.items()
        if before[name][1] != value
    ]
    if changes:
        record_event(
            db,
            case.id,
            user_id,
            "calendar_edit",
            f"Calendar: {entry.kind_label}, {entry.on:%m/%d/%Y} changed",
            changes,
        )
    return changes


def delete_entry(db: Session, case: MutualCase, entry: CalendarEntry, user_id: int) -> None:
    words = _words(entry, case.county.cw_division_label)
    record_event(
        db,
        case.id,
        user_id,
        "calendar_delete",
        f"Calendar: {entry.kind_label}, {entry.on:%m/%d/%Y} removed",
        [Change(name, label, value, "") for name, (label, value) in words.items() if value],
    )
    db.delete(entry)


def create_feed(db: Session, user: User) -> tuple[CalendarFeed, str]:
    """A new feed and its token (returned once, never stored); the EC's earlier feed stops."""
    revoke_feeds(db, user)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed = CalendarFeed(user_id=user.id, token_sha256=token_hash(token))
    db.add(feed)
    db.flush()
    return feed, token


def revoke_feeds(db: Session, user: User) -> int:
    stmt = select(CalendarFeed).where(
        CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None)
    )
    feeds = list(db.scalars(stmt))
    for feed in feeds:
        feed.revoked_at = utcnow()
    return len(feeds)


def find_feed(db: Session, token: str) -> CalendarFeed | None:
    """The working feed of a token, or None (unknown, malformed or revoked)."""
    if not TOKEN_SHAPE.match(token):
        return None
    feed = feed_of(db, token_hash(token))
    return feed if feed is not None and feed.revoked_at is None else None
