"""Tandem's rules engine: pure functions over dates, hours and plain data.

Nothing here imports Flask, SQLAlchemy or any part of the app, reads a clock or touches a
database, so the same function computes the number on the screen, in the htmx preview, in the
PDF and on the share page, and every rule is unit-testable on its own. A test enforces this.
Rule ids (R-HR-.., R-CF-.., R-WD-..) refer to the domain reference (domain.md §b).
"""

from policy import (
    calendar,
    compliance,
    deadlines,
    exemptions,
    federal,
    findings,
    hours,
    plan_findings,
    programs,
    requirement,
)

__all__ = [
    "calendar",
    "compliance",
    "deadlines",
    "exemptions",
    "federal",
    "findings",
    "hours",
    "plan_findings",
    "programs",
    "requirement",
]
