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
