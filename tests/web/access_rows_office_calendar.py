"""Access rows for the county's office calendar (Administration): administrators only."""

from __future__ import annotations

ADMIN_ONLY = {"anonymous": 302, "ec": 403, "supervisor": 403, "admin": 200}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/admin/county/calendar"): ADMIN_ONLY,
    # A POST without the fields re-renders the page with the form's errors (200).
    ("POST", "/admin/county/calendar/closures"): ADMIN_ONLY,
    ("POST", "/admin/county/calendar/open"): ADMIN_ONLY,
    # No such change in the admin's county: 404 (audited).
    ("POST", "/admin/county/calendar/changes/<int:change_id>/remove"): {
        "anonymous": 302,
        "ec": 403,
        "supervisor": 403,
        "admin": 404,
    },
}
