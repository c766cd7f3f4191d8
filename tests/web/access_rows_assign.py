"""Access rows for the assign step (merged into access_matrix.MATRIX)."""

from __future__ import annotations

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/assign"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
}
