"""Access rows for the administrator's audit trail search and its CSV export: administrators
only (their own county's rows); an EC or a supervisor is refused (403, audited)."""

from __future__ import annotations

ADMIN_ONLY = {"anonymous": 302, "ec": 403, "supervisor": 403, "admin": 200}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/admin/audit"): ADMIN_ONLY,
    ("GET", "/admin/audit.csv"): ADMIN_ONLY,
}
