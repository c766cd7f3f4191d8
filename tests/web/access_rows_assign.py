"""Access rows for the assign step and the bulk reassignment (merged into access_matrix.MATRIX).
An empty POST to the step re-renders the form with its errors (200); an empty bulk
reassignment goes back to the caseload with the errors (302); only supervisors reassign."""

from __future__ import annotations

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/assign"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
    ("POST", "/cases/<int:case_id>/assign"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
    ("POST", "/cases/reassign"): {
        "anonymous": 302,
        "ec": 403,
        "supervisor": 302,
        "admin": 403,
    },
}
