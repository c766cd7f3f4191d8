"""Access rows for the close step (merged into access_matrix.MATRIX)."""

from __future__ import annotations

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/close"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
    # An empty POST re-renders the form with "Choose the closure route" (200), nothing saved.
    ("POST", "/cases/<int:case_id>/close"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
}
