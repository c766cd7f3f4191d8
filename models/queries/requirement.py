"""The weekly requirement of a plan in words, from the household (R-HR-01..05, R-HR-11, §e Q7).

Split from operations.plan so that the rules about who counts stay in one short file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from models.cases import MutualCase
from models.enums import WtwStatus
from policy.findings import Finding
from policy.requirement import requirement_changes_during, sixth_birthday, weekly_requirement

SIX_RULE_WORDS = {
    "month_after": "the change takes effect on the 1st of the month after the birthday",
    "on_birthday": "the change takes effect on the birthday",
}


@dataclass(frozen=True)
class Requirement:
    hours: int
    basis: str
    findings: tuple[Finding, ...] = ()


def first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _change_on(turns_six: date, rule: str) -> date:
    # §e Q7: the county decides whether 20 → 30 applies on the birthday or the month after.
    return turns_six if rule == "on_birthday" else first_of_next_month(turns_six)


def requirement_for(case: MutualCase, start: date, end: date | None) -> Requirement:
    """The weekly requirement on the plan start, with its basis in words (R-HR-01..05, R-HR-11).

    Every aided child counts as "a child under 6", also one temporarily out of the home: a child
    removed for reunification stays in the assistance unit (R-HR-02, R-FR-06).
    """
    household = case.participant.household
    adults = household.aided_adults if household else 1
    disabled = bool(household and household.disabled_adult)
    born = [
        c for c in (household.children if household else []) if c.aided and c.birth_date <= start
    ]
    youngest = max((c.birth_date for c in born), default=None)
    away = bool(youngest) and any(
        not c.in_home and c.birth_date == youngest and start < sixth_birthday(c.birth_date)
        for c in born
    )
    exempt = case.participant.wtw_status in (WtwStatus.EXEMPT, WtwStatus.EXEMPT_VOLUNTEER)
    pregnant = bool(household and household.pregnant_only) and youngest is None and adults == 1
    rule = case.county.age_six_change_rule
    turns_six = sixth_birthday(youngest) if youngest else None

    def hours_on(day: date) -> int:
        if turns_six and turns_six <= day < _change_on(turns_six, rule):
            day = turns_six - timedelta(days=1)  # counted as under 6 until the change date
        return weekly_requirement(
            aided_adults=adults,
            youngest_child_birthdate=youngest,
            on=day,
            disabled_adult=disabled,
            pregnant_only=pregnant,
            exempt=exempt,
        )

    hours = hours_on(start)
    one_adult = not exempt and (adults == 1 or (adults >= 2 and disabled))
    basis = _basis(hours, adults, exempt, one_adult, pregnant, away)
    findings: tuple[Finding, ...] = ()
    if one_adult and turns_six and end and end > start:
        change_on = _change_on(turns_six, rule)
        inside = requirement_changes_during(
            youngest_child_birthdate=youngest, period_start=start, period_end=end
        )
        after = hours_on(change_on)
        if (inside or turns_six <= start) and start < change_on <= end and after != hours:
            findings = (_six_warning(turns_six, change_on, hours, after, rule),)
    return Requirement(hours, basis, findings)


def _basis(
    hours: int, adults: int, exempt: bool, one_adult: bool, pregnant: bool, away: bool
) -> str:
    if exempt:
        return "Exempt from Welfare-to-Work: activities are voluntary → 0 hours (R-EX-09)"
    if adults == 0:
        return "No aided adult on the grant → 0 hours"
    if not one_adult:
        return "Two aided adults (two-parent family) → 35 hours combined (R-HR-05)"
    who = "Two aided adults, one disabled (counted as one)" if adults >= 2 else "One aided adult"
    if pregnant:
        return f"{who}, pregnant-only assistance unit → 20 hours (R-HR-04)"
    if hours == 20:
        rule = "R-HR-03" if adults >= 2 else "R-HR-02"
        if away:
            return (
                f"{who}, youngest child under 6, temporarily out of the home and still in the "
                f"assistance unit → 20 hours ({rule}, R-FR-06)"
            )
        return f"{who}, youngest child under 6 → 20 hours ({rule})"
    rule = "R-HR-03" if adults >= 2 else "R-HR-01"
    return f"{who}, no aided child under 6 → 30 hours ({rule})"


def _six_warning(turns_six: date, change_on: date, hours: int, after: int, rule: str) -> Finding:
    return Finding(
        "turns_six",
        "warning",
        f"The youngest child in the home turns 6 on {turns_six:%m/%d/%Y}: the requirement goes "
        f"from {hours} to {after} hours a week on {change_on:%m/%d/%Y}. End the plan before then "
        "or plan an amendment. County setting (proposed default, to confirm): "
        f"{SIX_RULE_WORDS.get(rule, rule)} (§e Q7)",
        "R-HR-11",
    )
