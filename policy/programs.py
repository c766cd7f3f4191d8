"""Family reunification (AB 429 / AB 135) and family stabilization: who may get them, and when
they are redetermined or end (domain.md §b12). Re-exported by ``policy.compliance``.
"""

from __future__ import annotations

from datetime import date, timedelta

from policy.deadlines import add_months, fr_services_end

FR_REDETERMINATION_MONTHS = 6  # R-FR-08
FS_PLAN_MAX_MONTHS = 12  # R-FS-03
# R-FR-02, in the order they are checked.
FR_INELIGIBILITY_REASONS: tuple[str, ...] = ("ssi", "undocumented", "fleeing_felon", "timed_out")
FR_INELIGIBILITY_WORDS: dict[str, str] = {
    "ssi": "The parent receives SSI, so CalWORKs FR services are not available (R-FR-02).",
    "undocumented": "An undocumented parent cannot get CalWORKs FR services (R-FR-02).",
    "fleeing_felon": "A fleeing felon cannot get CalWORKs FR services (R-FR-02).",
    "timed_out": "The parent has used up the 60 months on aid, so FR services end (R-FR-02).",
}


def reunification_ineligibility(
    *, ssi: bool, undocumented: bool, fleeing_felon: bool, timed_out: bool
) -> str | None:
    """The first reason the parent cannot get CalWORKs FR services, or None (R-FR-02, E28).

    Checked in the order ssi, undocumented, fleeing_felon, timed_out. A WTW sanction is not a
    reason: a sanctioned parent may start AB 429 services at once (R-NC-10).
    """
    for reason, applies in zip(
        FR_INELIGIBILITY_REASONS, (ssi, undocumented, fleeing_felon, timed_out), strict=True
    ):
        if applies:
            return reason
    return None


def ab429_eligible(
    *, all_children_removed: bool, aided_at_removal: bool, sw_found_necessary: bool
) -> tuple[str, ...]:
    """What is still missing for AB 429 services-only FR, as sentences; empty means eligible
    (R-FR-01, E26). Pair with ``reunification_ineligibility`` for the excluded groups (R-FR-02).
    """
    missing: list[str] = []
    if not all_children_removed:
        missing.append(
            "Not every child is removed: AB 429 services need all the children in out-of-home "
            "care with a reunification plan (R-FR-01); if the rest of the AU loses eligibility, "
            "a reunification plan can still carry WTW services (R-FR-05)."
        )
    if not aided_at_removal:
        missing.append(
            "The AU was not getting CalWORKs when the child was removed, which AB 429 services "
            "need (R-FR-01)."
        )
    if not sw_found_necessary:
        missing.append(
            "The social worker (or the court) has not yet found CalWORKs services necessary "
            "for reunification (R-FR-01)."
        )
    return tuple(missing)


def ab429_services_end(removed_on: date) -> date:
    """Last day of AB 429 services before any extension: 180 days after the removal
    (R-FR-04; E26: removed 2026-02-10 -> 2026-08-09). No cash grant comes with them (R-FR-03).
    """
    return fr_services_end(program="ab429", removed_on=removed_on)


def fr_redetermination_due(plan_on: date) -> date:
    """The FR redetermination alert: 6 months after the FR plan date, the same day or that
    month's last day when it is shorter (R-FR-08)."""
    return add_months(plan_on, FR_REDETERMINATION_MONTHS)


def fs_plan_latest_end(starts_on: date) -> date:
    """Last day of a family-stabilization plan before any extension: 12 months counting the
    start, i.e. the day before the same date a year later (R-FS-03; E29: 2026-05-04 ->
    2027-05-03). A plan starting 29 February ends on 28 February of the next year.
    """
    anniversary = add_months(starts_on, FS_PLAN_MAX_MONTHS)
    if anniversary.day < starts_on.day:  # 29 Feb: the anniversary was clamped to 28 Feb
        return anniversary
    return anniversary - timedelta(days=1)
