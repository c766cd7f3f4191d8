"""Access rows for weekly attendance, the contact log and significant changes (issue 10).

The matrix case is assigned and has no signed plan: saving a week sends the EC back to Track with
a message (303); an empty contact or change form re-renders with its errors (200); resolving a
change that is not on the case is 404.
"""

from __future__ import annotations

EDIT = {"anonymous": 302, "ec": 303, "supervisor": 303, "admin": 403}
PAGE = {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("POST", "/cases/<int:case_id>/track/week/<isodate:monday>"): EDIT,
    ("POST", "/cases/<int:case_id>/track/week/<isodate:monday>/preview"): EDIT,
    ("POST", "/cases/<int:case_id>/track/week/<isodate:monday>/row/<int:activity_id>"): EDIT,
    ("GET", "/cases/<int:case_id>/contacts"): PAGE,
    ("POST", "/cases/<int:case_id>/contacts"): PAGE,
    ("POST", "/cases/<int:case_id>/contacts/plan-description"): PAGE,
    ("GET", "/cases/<int:case_id>/changes"): PAGE,
    ("POST", "/cases/<int:case_id>/changes"): PAGE,
    ("POST", "/cases/<int:case_id>/changes/<int:change_id>/resolve"): {
        "anonymous": 302,
        "ec": 404,
        "supervisor": 404,
        "admin": 403,
    },
}
