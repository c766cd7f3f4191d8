"""Good cause, time on aid, and what stops a sanction (domain.md §b9, §b6, §b11).

``sanction_blockers(facts)`` answers "may this noncompliance go on to a sanction?" with the
rule ids that stop it, in a fixed order, and ``BLOCKER_WORDS`` says each one in the EC's words.
Exemption dates live in ``policy.exemptions`` and FR/FS dates in ``policy.programs``; both are
re-exported here so one import serves a compliance screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from policy.deadlines import NONCOMPLIANCE_WINDOW_DAYS, add_months
from policy.exemptions import (
    DA_REVIEW_MONTHS,
    EXEMPTION_KINDS,
    ONE_TIME_EXEMPTIONS,
    exemption_ends_on,
    exemption_review_on,
    one_time_exemption_available,
)
from policy.programs import (
    FR_INELIGIBILITY_WORDS,
    ab429_eligible,
    ab429_services_end,
    fr_redetermination_due,
    fs_plan_latest_end,
    reunification_ineligibility,
)

__all__ = [
    "BLOCKER_WORDS",
    "COUNTIES",
    "DA_REVIEW_MONTHS",
    "EXEMPTION_KINDS",
    "FR_INELIGIBILITY_WORDS",
    "GOOD_CAUSE_ROUTES",
    "ONE_TIME_EXEMPTIONS",
    "TIME_LIMIT_MONTHS",
    "TRANSPORTATION_ADVANCE_FROM",
    "NoncomplianceFacts",
    "ab429_eligible",
    "ab429_services_end",
    "counts_toward_time_limit",
    "exemption_ends_on",
    "exemption_review_on",
    "fr_redetermination_due",
    "fs_plan_latest_end",
    "good_cause_review_on",
    "good_cause_route",
    "one_time_exemption_available",
    "reunification_ineligibility",
    "sanction_blockers",
    "sanction_notice",
]

COUNTIES: tuple[str, ...] = ("orange", "santa_clara")
TIME_LIMIT_MONTHS = 60  # R-TC-02
GOOD_CAUSE_EXEMPTION_DAYS = 30  # R-GC-05
GOOD_CAUSE_REVIEW_MONTHS = 1  # R-GC-06
GOOD_CAUSE_SHARE_FOR_TOA = 0.5  # R-TC-03, R-GC-09
GOOD_CAUSE_ROUTES: tuple[str, ...] = ("resume", "re_refer", "exemption_request")
# R-SS-02 / R-TC-06: transportation must be advanced from 1 July 2026 (§e Q17).
TRANSPORTATION_ADVANCE_FROM = date(2026, 7, 1)

BLOCKER_WORDS: dict[str, str] = {
    "R-GC-04": "Good cause was found, so the noncompliance ends here with no sanction.",
    "R-NC-02": "The 20-day period after the NA 840 has not ended; the client can still show "
    "good cause or agree to a compliance plan.",
    "R-NC-06": "The client agreed to a compliance plan (WTW 32); no sanction unless that plan "
    "fails.",
    "R-NC-09": "In Orange, talk with the CFS social worker about good cause before a CFS "
    "activity's noncompliance goes further.",
    "R-HR-09": "The client met the state minimum hours, so there can be no sanction.",
    "R-EX-12": "The client was exempt during this period, so a sanction would be void.",
    "R-FS-02": "The client is in family stabilization and is not held to the WTW hours.",
    "R-FR-03": "The client gets FR services only, with no cash grant to reduce; do not start a "
    "sanction until the county confirms the rule.",
    "R-SS-02": "Transportation was not paid in advance; from 1 July 2026 there is no sanction "
    "for an activity missed for that reason.",
    "R-GC-08": "A needed supportive service (transportation) was not provided; that is good "
    "cause, so restore active status instead of sanctioning.",
}


def _check_county(county: str) -> str:
    key = county.strip().lower() if isinstance(county, str) else None
    if key is None or key not in COUNTIES:
        raise ValueError(f"county must be 'orange' or 'santa_clara', got {county!r}")
    return key


def _check_hours(value: float, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} cannot be negative, got {value}")
    return float(value)


def good_cause_route(
    *, starts_on: date, expected_end_on: date | None, isolated: bool, share_of_month: float
) -> str:
    """What follows a good-cause finding (R-GC-05, E19, E24).

    "exemption_request" when it is expected to last 30 calendar days or more, counting both
    the first and the last day (an unknown end is not 30 days); otherwise "resume" for an
    isolated incident; otherwise "re_refer" when it covers at least half of the month's
    requirement (``share_of_month`` >= 0.5), else "resume". An end before the start or a share
    outside 0..1 raises ``ValueError``.
    """
    if expected_end_on is not None and expected_end_on < starts_on:
        raise ValueError(
            f"good cause cannot end {expected_end_on.isoformat()}, "
            f"before it starts {starts_on.isoformat()}"
        )
    share = _check_hours(share_of_month, "share_of_month")
    if share > 1:
        raise ValueError(f"share_of_month must be between 0 and 1, got {share_of_month}")
    if expected_end_on is not None:
        days = (expected_end_on - starts_on).days + 1
        if days >= GOOD_CAUSE_EXEMPTION_DAYS:
            return "exemption_request"
    if isolated:
        return "resume"
    return "re_refer" if share >= GOOD_CAUSE_SHARE_FOR_TOA else "resume"


def good_cause_review_on(decided_on: date) -> date:
    """Good cause is reviewed monthly: the same day next month, or that month's last day when
    it is shorter (R-GC-06; Jan 31 -> Feb 28, or Feb 29 in a leap year)."""
    return add_months(decided_on, GOOD_CAUSE_REVIEW_MONTHS)


def counts_toward_time_limit(
    *, month_requirement_hours: float, good_cause_hours: float, sanctioned: bool
) -> bool:
    """Whether a month counts toward the 60 months on aid (R-TC-02, R-TC-03, R-TC-05, R-GC-09).

    A sanctioned month does not count (R-TC-05); nor does a month in which good cause excuses
    at least half of the requirement (R-TC-03, §e Q9: the 2022 state guidance). Give both
    hours in the same unit (the month's total or the weekly average). A month with no
    requirement counts: good cause has nothing to excuse there, and whether an exemption stops
    the clock (a DA waiver does, R-DA-01; pregnancy does not, R-EX-07) is the exemption's
    question, not this one. Negative or non-numeric hours raise ``ValueError``.
    """
    required = _check_hours(month_requirement_hours, "month_requirement_hours")
    excused = _check_hours(good_cause_hours, "good_cause_hours")
    if sanctioned:
        return False
    if required == 0:
        return True
    return excused < required * GOOD_CAUSE_SHARE_FOR_TOA


@dataclass(frozen=True, kw_only=True)
class NoncomplianceFacts:
    """What the EC knows about one noncompliance episode (R-NC-01..09, §c5 NoncomplianceEpisode).

    ``county`` is "orange" or "santa_clara" (trimmed, case-insensitive; anything else raises).
    ``missed_on`` is the day of the missed activity and ``transportation_advanced`` whether
    transportation for it was paid before it (R-SS-02, R-GC-08). ``today`` is passed in, never
    read from a clock, and cannot be before the notice.
    """

    county: str
    notice_issued_on: date
    today: date
    about_cfs_activity: bool = False
    sw_consulted: bool = False
    good_cause_found: bool = False
    compliance_plan_agreed: bool = False
    compliance_plan_failed: bool = False
    met_state_minimum: bool = False
    exempt_during_period: bool = False
    fs_active: bool = False
    fr_services_only: bool = False
    missed_on: date | None = None
    transportation_advanced: bool = True
    day_20_on: date | None = None  # a day 20 rolled forward (deadlines.noncompliance_schedule)

    def __post_init__(self) -> None:
        object.__setattr__(self, "county", _check_county(self.county))
        if self.today < self.notice_issued_on:
            raise ValueError(
                f"today {self.today.isoformat()} is before the notice was issued on "
                f"{self.notice_issued_on.isoformat()}"
            )
        calendar_day = self.notice_issued_on + timedelta(days=NONCOMPLIANCE_WINDOW_DAYS)
        if self.day_20_on is not None and self.day_20_on < calendar_day:
            raise ValueError(f"day 20 cannot be before {calendar_day.isoformat()}")

    @property
    def day_20(self) -> date:
        """The last day of the 20-day period: notice + 20 calendar days (R-NC-02, R-NC-03), or
        ``day_20_on`` when the county rolls it forward off a weekend or holiday (§e Q10)."""
        return self.day_20_on or self.notice_issued_on + timedelta(days=NONCOMPLIANCE_WINDOW_DAYS)


def sanction_blockers(facts: NoncomplianceFacts) -> tuple[str, ...]:
    """The rule ids that stop a sanction, in a fixed order; empty when it may go ahead.

    R-GC-04 good cause found; R-NC-02 the 20-day period still runs (today on or before day 20)
    unless a compliance plan failed, which goes to sanction by NA 817 with no new period
    (R-NC-05); R-NC-06 a compliance plan is agreed and has not failed; R-NC-09 Orange, a CFS
    activity, SW not yet consulted; R-HR-09 the state minimum was met; R-EX-12 an exemption
    existed in the period; R-FS-02 family stabilization; R-FR-03 FR services only (no grant,
    §e Q14); for a missed activity whose transportation was not advanced, R-SS-02 from
    2026-07-01, R-GC-08 before (E25).
    """
    failed = facts.compliance_plan_failed
    found: list[str] = []
    if facts.good_cause_found:
        found.append("R-GC-04")
    if not failed and facts.today <= facts.day_20:
        found.append("R-NC-02")
    if facts.compliance_plan_agreed and not failed:
        found.append("R-NC-06")
    if facts.county == "orange" and facts.about_cfs_activity and not facts.sw_consulted:
        found.append("R-NC-09")
    if facts.met_state_minimum:
        found.append("R-HR-09")
    if facts.exempt_during_period:
        found.append("R-EX-12")
    if facts.fs_active:
        found.append("R-FS-02")
    if facts.fr_services_only:
        found.append("R-FR-03")
    if facts.missed_on is not None and not facts.transportation_advanced:
        found.append("R-SS-02" if facts.missed_on >= TRANSPORTATION_ADVANCE_FROM else "R-GC-08")
    return tuple(found)


def sanction_words(facts: NoncomplianceFacts) -> tuple[str, ...]:
    """``sanction_blockers`` as sentences for the EC, same order (R-NC-02, R-NC-09, ...)."""
    return tuple(BLOCKER_WORDS[rule] for rule in sanction_blockers(facts))


def sanction_notice(facts: NoncomplianceFacts) -> str:
    """The notice a sanction goes out on: "NA 817" after a failed compliance plan (R-NC-05),
    else "NA 840" (R-NC-02, R-NC-04). The NA 845 for the other parent is not modelled here."""
    return "NA 817" if facts.compliance_plan_failed else "NA 840"
