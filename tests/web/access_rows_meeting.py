"""Access rows for the meeting step (merged into access_matrix.MATRIX). An empty POST re-renders
the form with its errors (200), nothing saved."""

from __future__ import annotations

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/meeting"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
    ("POST", "/cases/<int:case_id>/meeting"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
}
