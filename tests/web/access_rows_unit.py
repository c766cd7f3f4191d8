"""Access rows for the supervisor's view of the unit (issue 15): supervisors only."""

from __future__ import annotations

SUPERVISOR_PAGE = {"anonymous": 302, "ec": 403, "supervisor": 200, "admin": 403}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/unit"): SUPERVISOR_PAGE,
    ("GET", "/unit/cases"): SUPERVISOR_PAGE,
}
