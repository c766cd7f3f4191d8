"""Access rows for the meeting step's two forms, "Schedule the meeting" and "Record the meeting
held" (merged into access_matrix.MATRIX). An empty POST re-renders the form with its errors
(200), nothing saved."""

from __future__ import annotations

_PAGE = {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/meeting"): _PAGE,
    ("POST", "/cases/<int:case_id>/meeting"): _PAGE,
    ("GET", "/cases/<int:case_id>/meeting/held"): _PAGE,
    ("POST", "/cases/<int:case_id>/meeting/held"): _PAGE,
}
