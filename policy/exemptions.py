"""WTW exemptions (W&I 11320.3(b)): when each one ends and when it is reviewed.

An exemption ends on the day its condition stops (the 16th birthday, the day a child reaches
6 or 24 months); ``None`` means no end can be computed (it ends when the facts change). Reviews
are reminders, never deadlines the client must meet (R-EX-10).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from policy.deadlines import add_months, exemption_review_date

EXEMPTION_KINDS: tuple[str, ...] = (
    "under_16",
    "school_16_18",
    "disability",
    "age_60",
    "nonparent_caretaker",
    "care_of_ill_member",
    "pregnancy",
    "child_0_23m_onetime",
    "child_under_6m_onetime",
    "subsequent_child_12w",
    "domestic_abuse",
)
ONE_TIME_EXEMPTIONS = frozenset({"child_0_23m_onetime", "child_under_6m_onetime"})  # R-EX-08
YOUNG_CHILD_MONTHS_DEFAULT = 6  # R-EX-08(b), §e Q12
YOUNG_CHILD_MONTHS_MIN, YOUNG_CHILD_MONTHS_MAX = 3, 12  # 3 stands for the 12-week option
ONE_TIME_0_23M_MONTHS = 24  # R-EX-08(a): ends the day the child turns 24 months
SUBSEQUENT_CHILD_WEEKS = 12  # R-EX-08(c)
DA_REVIEW_MONTHS = 3  # R-DA-02 (Santa Clara today), §e Q11
DA_REVIEW_MONTHS_AB969 = 6  # R-DA-02: AB 969, no more often than every 6 months
# Kinds whose end comes from the facts the worker enters (a doctor's estimate, a school term).
_END_FROM_FACTS = frozenset(
    {"disability", "nonparent_caretaker", "care_of_ill_member", "school_16_18", "pregnancy"}
)


def check_kind(kind: str) -> str:
    """The exemption kind, trimmed and lower-case; an unknown kind raises (R-EX-01..08, R-DA-01)."""
    key = kind.strip().lower() if isinstance(kind, str) else None
    if key is None or key not in EXEMPTION_KINDS:
        raise ValueError(f"unknown exemption kind {kind!r}; expected one of {EXEMPTION_KINDS}")
    return key


def _birthday(born: date, years: int) -> date:
    # A 29 February birthday falls on 1 March in a common year: the person is not yet older.
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def young_child_end(child_birthdate: date, months: int = YOUNG_CHILD_MONTHS_DEFAULT) -> date:
    """The day a child reaches the county's young-child standard (R-EX-08(b), §e Q12, E31).

    ``months`` is the county's written standard, 3 to 12; 3 means the 12-week option, so the
    exemption ends 12 weeks (84 days) after the birth; 4 to 12 add calendar months (a 31st
    falls back to the month's last day).
    """
    if isinstance(months, bool) or not isinstance(months, int):
        raise ValueError(f"young_child_months must be a whole number, got {months!r}")
    if not YOUNG_CHILD_MONTHS_MIN <= months <= YOUNG_CHILD_MONTHS_MAX:
        raise ValueError(f"young_child_months must be 3 (12 weeks) to 12, got {months}")
    if months == YOUNG_CHILD_MONTHS_MIN:
        return child_birthdate + timedelta(weeks=SUBSEQUENT_CHILD_WEEKS)
    return add_months(child_birthdate, months)


def _need(value: date | None, name: str, kind: str) -> date:
    if value is None:
        raise ValueError(f"a {kind} exemption needs {name}")
    return value


def _own_birthdate(person_birthdate: date | None, child_birthdate: date | None) -> date | None:
    if person_birthdate and child_birthdate and person_birthdate != child_birthdate:
        raise ValueError("person_birthdate and child_birthdate disagree for the person's own age")
    return person_birthdate or child_birthdate


def exemption_ends_on(
    kind: str,
    *,
    starts_on: date,
    child_birthdate: date | None = None,
    young_child_months: int = YOUNG_CHILD_MONTHS_DEFAULT,
    person_birthdate: date | None = None,
    expected_end_on: date | None = None,
) -> date | None:
    """The day an exemption stops applying, or None when it has no computable end (R-EX-01..08).

    - child_under_6m_onetime: the child reaches the county standard (``young_child_end``;
      E31: born 2026-01-20 -> 2026-07-20). child_0_23m_onetime: the child turns 24 months.
      Both need ``child_birthdate`` (R-EX-08).
    - subsequent_child_12w: 12 weeks after ``starts_on`` (R-EX-08(c)).
    - under_16: the exempt person's own 16th birthday; pass ``person_birthdate`` (the person
      is a child of the AU, so ``child_birthdate`` is accepted as the same date) (R-EX-01).
    - school_16_18: the earlier of the person's 19th birthday (when known) and the school end
      in ``expected_end_on`` (R-EX-02).
    - disability, nonparent_caretaker, care_of_ill_member, pregnancy: ``expected_end_on`` as
      the worker enters it (a doctor's estimate, the expected delivery), else None
      (R-EX-03, R-EX-05..07).
    - age_60 and domestic_abuse: None; no end (R-EX-04, R-DA-01).

    An end on or before ``starts_on`` means the exemption is not available: ``ValueError``.
    """
    key = check_kind(kind)
    end: date | None
    if key == "child_under_6m_onetime":
        end = young_child_end(_need(child_birthdate, "child_birthdate", key), young_child_months)
    elif key == "child_0_23m_onetime":
        end = add_months(_need(child_birthdate, "child_birthdate", key), ONE_TIME_0_23M_MONTHS)
    elif key == "subsequent_child_12w":
        end = starts_on + timedelta(weeks=SUBSEQUENT_CHILD_WEEKS)
    elif key == "under_16":
        own = _need(_own_birthdate(person_birthdate, child_birthdate), "person_birthdate", key)
        end = _birthday(own, 16)
    elif key == "school_16_18":
        own = _own_birthdate(person_birthdate, child_birthdate)
        candidates = [d for d in (expected_end_on, own and _birthday(own, 19)) if d is not None]
        end = min(candidates) if candidates else None
    elif key in _END_FROM_FACTS:
        end = expected_end_on
    else:
        end = None
    if end is not None and end <= starts_on:
        raise ValueError(
            f"a {key} exemption starting {starts_on.isoformat()} would already have ended "
            f"on {end.isoformat()}"
        )
    return end


def exemption_review_on(
    kind: str,
    *,
    ends_on: date | None,
    starts_on: date,
    da_review_months: int = DA_REVIEW_MONTHS,
    expected_delivery_on: date | None = None,
    after: date | None = None,
) -> date | None:
    """The next review of an exemption, or None when none is due (R-EX-01..08, R-DA-02).

    - age_60: None, age is verified once (R-EX-04).
    - domestic_abuse: every ``da_review_months`` from ``starts_on`` (3 by default; 6 under
      AB 969; §e Q11; E30: 2026-01-15 -> 2026-04-15); with ``after``, the first such date after
      it (each counted from the start, month-end clamped) (R-DA-02).
    - pregnancy: the expected delivery date, ``expected_delivery_on`` or else ``ends_on``
      (R-EX-07); neither raises ``ValueError``.
    - every other kind: 30 days before ``ends_on`` (``policy.deadlines.exemption_review_date``;
      R-EX-01, R-EX-08), never before ``starts_on`` (a short exemption is reviewed at once);
      None when the end is unknown, so the exemption is reviewed when a change is reported
      (R-EX-10).
    """
    key = check_kind(kind)
    if key == "age_60":
        return None
    if key == "domestic_abuse":
        if isinstance(da_review_months, bool) or not isinstance(da_review_months, int):
            raise ValueError(f"da_review_months must be a whole number, got {da_review_months!r}")
        if da_review_months < 1:
            raise ValueError(f"da_review_months must be 1 or more, got {da_review_months}")
        step = 1
        review = add_months(starts_on, da_review_months)
        while after is not None and review <= after:
            step += 1
            review = add_months(starts_on, da_review_months * step)
        return review
    if key == "pregnancy":
        due = expected_delivery_on or ends_on
        if due is None:
            raise ValueError("a pregnancy exemption is reviewed at the expected delivery date")
        return due
    if ends_on is None:
        return None
    if ends_on < starts_on:
        raise ValueError(
            f"the exemption ends {ends_on.isoformat()}, before it starts {starts_on.isoformat()}"
        )
    return max(exemption_review_date(ends_on), starts_on)


def one_time_exemption_available(kind: str, *, already_used: Collection[str]) -> bool:
    """False for a once-in-a-lifetime young-child exemption already used; every other kind may
    be granted again (R-EX-08; E31: a later baby gets the 12-week exemption instead)."""
    key = check_kind(kind)
    used = {check_kind(k) for k in already_used}
    return key not in ONE_TIME_EXEMPTIONS or key not in used
