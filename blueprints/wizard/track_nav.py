"""The pages of the Track step, in the order the sub-navigation shows them. A page appears once
its view exists, so an area can be added without touching the others."""

from __future__ import annotations

from flask import current_app

TRACK_PAGES: tuple[tuple[str, str], ...] = (
    ("wizard.track", "Attendance and plan"),
    ("wizard.contacts", "Contacts with the social worker"),
    ("wizard.changes", "Significant changes"),
    ("wizard.good_cause", "Good cause"),
    ("wizard.exemptions", "Exemptions"),
    ("wizard.noncompliance", "Noncompliance"),
    ("wizard.programs", "Reunification and stabilization"),
    ("wizard.calendar", "Calendar"),
    ("wizard.sw_messages", "Messages to the social worker"),
)


def track_pages() -> list[tuple[str, str]]:
    return [(e, words) for e, words in TRACK_PAGES if e in current_app.view_functions]


def track_tab(endpoint: str | None) -> str:
    """The tab a page belongs to: its own, or the tab whose endpoint starts its name (the
    calendar's entry form, wizard.calendar_entry, is under Calendar); "" for none."""
    names = [e for e, _ in TRACK_PAGES]
    if endpoint in names:
        return endpoint
    under = [e for e in names if endpoint and endpoint.startswith(e + "_")]
    return max(under, key=len, default="")
