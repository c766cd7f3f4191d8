"""Access rows for the county settings (Administration): administrators only."""

from __future__ import annotations

ADMIN_ONLY = {"anonymous": 302, "ec": 403, "supervisor": 403, "admin": 200}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/admin/county"): ADMIN_ONLY,
    # A POST without the fields re-renders the form with its errors (200).
    ("POST", "/admin/county"): ADMIN_ONLY,
}
