"""Findings about the plan as a whole: shortfall, surplus, stacking, voluntary hours.

Split from ``policy.hours`` (which counts the rows) so each file stays small. Whether a shortfall
blocks the plan depends on how the client takes part (§c6.3): only a mandatory participant is
held to the hours; a client with good cause, an exempt volunteer or a family in family
stabilization still sees the gap, as information.
"""

from __future__ import annotations

from policy.findings import Finding, fmt_hours

MANDATORY = "mandatory"
# Participation -> (rule, why the shortfall is not an error). §c6.3; E29.
NOT_HELD_TO_HOURS: dict[str, tuple[str, str]] = {
    "good_cause": ("R-GC-01", "not required while the client has good cause"),
    "exempt_volunteer": (
        "R-EX-09",
        "not required of an exempt volunteer, who is closed from WTW, not sanctioned, on stopping",
    ),
    "family_stabilization": (
        "R-FS-02",
        "not required while the client is in family stabilization",
    ),
}
PARTICIPATIONS: tuple[str, ...] = (MANDATORY, *NOT_HELD_TO_HOURS)


def check_participation(participation: str) -> str:
    """The participation code, trimmed and lower-case; anything but mandatory, good_cause,
    exempt_volunteer or family_stabilization raises ``ValueError`` (§c6.3, R-FS-02, R-EX-09)."""
    key = participation.strip().lower() if isinstance(participation, str) else None
    if key is None or key not in PARTICIPATIONS:
        raise ValueError(
            f"participation must be one of {', '.join(PARTICIPATIONS)}, got {participation!r}"
        )
    return key


def _shortfall(requirement: int, total: float, participation: str) -> Finding:
    missing = fmt_hours(round(requirement - total, 2))
    message = (
        f"The plan is {missing} hours short of the {requirement}-hour weekly requirement "
        f"({fmt_hours(total)} countable hours)"
    )
    if participation == MANDATORY:
        return Finding("shortfall", "error", message, "R-HR-06")
    rule, why = NOT_HELD_TO_HOURS[participation]
    return Finding("shortfall", "info", f"{message}: {why} ({rule})", rule)


def _stacked(
    cfs: float, wtw: float, other_needed: float, full_time: float, cw: str
) -> Finding | None:
    """Stacking among the WTW hours the EC assigns; a full-time job is never the stacked part."""
    if not full_time:
        if wtw <= other_needed:
            return None
        message = (
            f"WTW hours ({fmt_hours(wtw)}) go beyond the {fmt_hours(other_needed)} still needed "
            f"after {fmt_hours(cfs)} {cw} hours are counted; requirements must not be stacked"
        )
        return Finding("stacked_hours", "warning", message, "R-CF-04")
    assigned = round(wtw - full_time, 2)
    still_needed = max(0.0, round(other_needed - full_time, 2))
    if assigned <= still_needed:
        return None
    message = (
        f"WTW hours other than the full-time job ({fmt_hours(assigned)}) go beyond the "
        f"{fmt_hours(still_needed)} still needed after {fmt_hours(cfs)} {cw} hours and "
        f"{fmt_hours(full_time)} hours of full-time work are counted; requirements must not be "
        "stacked"
    )
    return Finding("stacked_hours", "warning", message, "R-CF-04")


def plan_findings(
    requirement: int,
    cfs: float,
    wtw: float,
    other_needed: float,
    total: float,
    cw: str,
    *,
    participation: str = MANDATORY,
    full_time: float = 0.0,
) -> list[Finding]:
    """Whole-plan findings: shortfall, surplus, stacking, voluntary (R-HR-06, R-CF-04, R-EX-09).

    ``cw`` is the county's child-welfare label (CFS or DFCS). A shortfall is an error only for a
    mandatory participant (R-HR-06); for good cause (R-GC-01), an exempt volunteer (R-EX-09) or
    family stabilization (R-FS-02, E29) it is an info saying why. ``full_time`` is the countable
    hours of full-time employment (R-HR-10): those are never the stacked part (R-CF-04), so a
    full-time job alone never draws the "must not be stacked" warning.
    """
    participation = check_participation(participation)
    if requirement == 0:
        message = "No hourly requirement applies; every activity is voluntary"
        return [Finding("no_requirement", "info", message, "R-EX-09")]
    found: list[Finding] = []
    if total < requirement:
        found.append(_shortfall(requirement, total, participation))
    if cfs > requirement:
        found.append(
            Finding(
                "cfs_exceeds_requirement",
                "info",
                f"{cw} hours exceed the requirement; no additional WTW hours may be required "
                f"({fmt_hours(cfs)} {cw} hours against {requirement} required)",
                "R-CF-04",
            )
        )
    stacked = _stacked(cfs, wtw, other_needed, full_time, cw)
    if stacked is not None:
        found.append(stacked)
    return found
