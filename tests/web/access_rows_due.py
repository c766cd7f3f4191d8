"""Access rows for the due list (issue 15): ECs and supervisors see their own cases' items."""

from __future__ import annotations

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/due"): {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403},
}
