"""Access rows for the plan step (merged into access_matrix.MATRIX)."""

from __future__ import annotations

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/plan"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
    # The matrix case is only assigned: a plan before the joint meeting is refused (409,
    # security.md 12); nothing is saved.
    ("POST", "/cases/<int:case_id>/plan"): {
        "anonymous": 302,
        "ec": 409,
        "supervisor": 409,
        "admin": 403,
    },
    # Without HX-Request the preview sends the browser back to the plan page (303).
    ("POST", "/cases/<int:case_id>/plan/preview"): {
        "anonymous": 302,
        "ec": 303,
        "supervisor": 303,
        "admin": 403,
    },
    # htmx only: the "Kind of activity" list for what "Comes from" says; without HX-Request
    # the browser is sent back to the plan page (303).
    ("POST", "/cases/<int:case_id>/plan/kind"): {
        "anonymous": 302,
        "ec": 303,
        "supervisor": 303,
        "admin": 403,
    },
}
