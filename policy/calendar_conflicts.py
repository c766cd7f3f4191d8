"""The client's calendar of both agencies (issue 15): weekly repeats, the plan's free-text schedules
read as weekly times, and the child-welfare obligations that fall on a WTW session.

A court date over a job-club session is good cause before it is missed (R-GC-01, R-GC-02); in
Orange the CM may grant it on the social worker's recommendation for court dates and visits
(R-GC-03). Pure: dates and times in, events and conflicts out; times are county wall-clock times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

PAST = timedelta(days=14)  # the page shows the past 2 weeks ...
AHEAD = timedelta(weeks=8)  # ... and the next 8
# An entry with a start and no end is counted as an hour, so it can still be seen to overlap.
DEFAULT_LENGTH = timedelta(hours=1)
# What the EC may not miss on the child-welfare side (the list); each has a suggestion.
CW_OBLIGATIONS = frozenset({"court", "visitation", "cft", "fup"})

_DAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_DAY_WORD = (
    r"(?:mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)s?\.?"
)
# "9", "9:30", "9am", "9:30 p.m."; an "a" that begins a word ("9-12 and ...") is not "am".
_CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?(?:\s*([ap])(?:\.?m\.?)?(?![a-z]))?"
_TOKEN = re.compile(
    rf"\b(?P<range>{_DAY_WORD})\s*(?:-|–|—|through|thru|to)\s*(?P<range_end>{_DAY_WORD})"
    rf"|\b(?P<day>{_DAY_WORD})(?![a-z])"
    r"|\b(?P<every>daily|every day|weekdays)\b"
    rf"|(?<![\d:])(?P<times>{_CLOCK}\s*(?:-|–|—|to)\s*{_CLOCK})",
    re.IGNORECASE,
)
_TIMES = re.compile(rf"{_CLOCK}\s*(?:-|–|—|to)\s*{_CLOCK}", re.IGNORECASE)


@dataclass(frozen=True)
class WeeklySlot:
    """A weekly session: weekday (0 = Monday) and wall-clock times (R-HR-01: the hours a week)."""

    weekday: int
    start: time
    end: time


@dataclass(frozen=True)
class Schedule:
    """What a plan activity's free-text schedule says, or that its times were not understood
    (then no conflict can be checked for it: R-GC-01 needs the day, so the page says so)."""

    slots: tuple[WeeklySlot, ...]
    understood: bool


def _day_number(word: str) -> int:
    return _DAY[word.lower()[:3]]


def _clock(hour: str, minute: str | None, half: str | None) -> time | None:
    h, m = int(hour), int(minute or 0)
    if half:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half.lower() == "p" else 0)
    return time(h, m) if h < 24 and m < 60 else None


def _times(text: str) -> tuple[time, time] | None:
    """ "9:00-13:00", "9-12", "9am-1pm", "6 to 9 pm"; an end before the start without am/pm is
    read as afternoon ("9-1" is 9 to 1 pm), as people write it."""
    match = _TIMES.fullmatch(text.strip())
    if match is None:
        return None
    h1, m1, p1, h2, m2, p2 = match.groups()
    if p2 and not p1 and int(h1) <= 12:  # "6-9 pm": the first time shares the second's half
        p1 = p2 if int(h1) <= int(h2) or p2.lower() == "a" else "a"
    start, end = _clock(h1, m1, p1), _clock(h2, m2, p2)
    if start is None or end is None:
        return None
    if end <= start and not p2 and end.hour < 12:
        end = time(end.hour + 12, end.minute)
    return (start, end) if start < end else None


def parse_schedule(text: str) -> Schedule:
    """Read "Mon/Wed 9:00-13:00", "Mon-Fri 9-12", "Tue 10:00-12:00, Sat 10:00-12:00" as weekly
    slots (R-HR-01). Anything with days but no times, times but no days, or a time that is not a
    time is not understood: better to say so than to guess a conflict (R-GC-01)."""
    slots: list[WeeklySlot] = []
    days: list[int] = []
    last: list[int] = []
    seen_any = False
    for token in _TOKEN.finditer(text or ""):
        seen_any = True
        if token["range"]:
            first, final = _day_number(token["range"]), _day_number(token["range_end"])
            days += [d % 7 for d in range(first, final + (7 if final < first else 0) + 1)]
        elif token["day"]:
            days.append(_day_number(token["day"]))
        elif token["every"]:
            days += list(range(5 if token["every"].lower() == "weekdays" else 7))
        else:
            found = _times(token["times"])
            targets = days or last
            if found is None or not targets:
                return Schedule((), False)
            slots += [WeeklySlot(d, *found) for d in dict.fromkeys(targets)]
            last, days = targets, []
    if not seen_any or days or not slots:
        return Schedule((), False)
    return Schedule(tuple(sorted(set(slots), key=lambda s: (s.weekday, s.start))), True)


def calendar_window(today: date) -> tuple[date, date]:
    """The days the case calendar shows: the past 2 weeks and the next 8 (R-GC-06: good cause
    is reviewed monthly, so a recent conflict still matters)."""
    return today - PAST, today + AHEAD


def weekly_dates(first: date, until: date | None, window: tuple[date, date]) -> list[date]:
    """``first`` and, when ``until`` is given, every 7 days through it, inside the window
    (R-GC-01: each occurrence is its own event)."""
    start, end = window
    last = min(until, end) if until else first
    if first > end or last < start:
        return []
    day = first + timedelta(weeks=max(0, (start - first).days + 6) // 7)
    found = []
    while day <= last:
        found.append(day)
        day += timedelta(weeks=1)
    return found


def session_dates(
    slot: WeeklySlot, starts: date | None, ends: date | None, window: tuple[date, date]
) -> Iterator[date]:
    """The days a weekly slot falls on inside the window and the activity's dates (R-HR-01)."""
    start, end = max(window[0], starts or window[0]), min(window[1], ends or window[1])
    day = start + timedelta(days=(slot.weekday - start.weekday()) % 7)
    while day <= end:
        yield day
        day += timedelta(weeks=1)


@dataclass(frozen=True)
class Event:
    """One dated item on the client's calendar (R-GC-01): ``side`` "cw", "wtw" or "both" (the
    joint meeting); ``kind`` says what it is; no time = all day; ``ref`` is a stable identity."""

    day: date
    start: time | None
    end: time | None
    kind: str
    side: str
    title: str
    ref: str
    detail: str = ""

    @property
    def is_obligation(self) -> bool:
        return self.side == "cw" and self.kind in CW_OBLIGATIONS

    def span(self) -> tuple[datetime, datetime] | None:
        if self.start is None:
            return None
        begin = datetime.combine(self.day, self.start)
        end = datetime.combine(self.day, self.end) if self.end else begin + DEFAULT_LENGTH
        return begin, max(end, begin + timedelta(minutes=1))


@dataclass(frozen=True)
class Suggestion:
    """What to do about a conflict, with the good-cause reason to record (R-GC-02, R-GC-03)."""

    reason: str  # a GoodCauseReason value; "" when no category fits by itself
    text: str


@dataclass(frozen=True)
class Conflict:
    """A child-welfare obligation on the same day as a WTW session or appointment, overlapping
    in time or with a time missing (``whole_day``: may overlap). R-GC-01, R-GC-02, R-GC-03."""

    obligation: Event
    wtw: Event
    whole_day: bool
    suggestion: Suggestion


def suggestion(kind: str, county_code: str, cw: str) -> Suggestion:
    """The good-cause route for an obligation over a WTW session: a required court appearance is
    a recognised category (R-GC-02); visits and team meetings are temporary events that stop the
    client taking part (R-GC-01); in Orange the CM may grant it on the social worker's
    recommendation (R-GC-03)."""
    orange = county_code == "orange"
    sw = f" on the {cw} social worker's recommendation (R-GC-03)" if orange else ""
    if kind == "court":
        return Suggestion(
            "cfs_court_dates" if orange else "court",
            "A required court appearance is good cause (R-GC-02): record it before the session "
            f"is missed{sw}, or move the session.",
        )
    if kind == "visitation":
        return Suggestion(
            "cfs_out_of_county_visitation" if orange else "",
            f"Visitation is part of the {cw} case plan: move the session, or consider good cause "
            f"for it (R-GC-01){sw}.",
        )
    return Suggestion(
        "",
        f"A {cw} team meeting is a temporary event that stops the client taking part: move the "
        f"session, or consider good cause for it (R-GC-01){sw}.",
    )


def overlap(a: Event, b: Event) -> tuple[bool, bool]:
    """(overlapping, whole_day): two events of one day overlap when their times meet, or may
    overlap when either has no time (R-GC-01)."""
    if a.day != b.day:
        return False, False
    span_a, span_b = a.span(), b.span()
    if span_a is None or span_b is None:
        return True, True
    return span_a[0] < span_b[1] and span_b[0] < span_a[1], False


def find_conflicts(events: Iterable[Event], county_code: str, cw: str) -> list[Conflict]:
    """Every child-welfare obligation against every WTW session or appointment of its day, by
    day and time (R-GC-01, R-GC-02, R-GC-03)."""
    by_day: dict[date, list[Event]] = {}
    for event in events:
        by_day.setdefault(event.day, []).append(event)
    found = []
    for day in sorted(by_day):
        items = by_day[day]
        for duty in (e for e in items if e.is_obligation):
            for other in (e for e in items if e.side == "wtw"):
                hit, whole_day = overlap(duty, other)
                if hit:
                    found.append(
                        Conflict(duty, other, whole_day, suggestion(duty.kind, county_code, cw))
                    )
    return found
