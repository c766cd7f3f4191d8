"""Access rows for reopening a closed case (issue 13): supervisors of the case's unit only.

The matrix case is Ana's and open: a supervisor's page says there is nothing to reopen (200) and
an empty POST changes nothing (409); the EC of the case is told that a supervisor can (403).
"""

from __future__ import annotations

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/reopen"): {
        "anonymous": 302,
        "ec": 403,
        "supervisor": 200,
        "admin": 403,
    },
    ("POST", "/cases/<int:case_id>/reopen"): {
        "anonymous": 302,
        "ec": 403,
        "supervisor": 409,
        "admin": 403,
    },
}
