"""Access rows for noncompliance and the supervisor's sanction review (R-NC, R-GC-08).

The matrix case is Ana's, assigned, mandatory: an empty opening form re-renders with its errors
(200); an episode that is not on the case is 404; the review queue is for supervisors only
(EC and admin 403), and an episode outside the supervisor's unit is 404.
"""

from __future__ import annotations

PAGE = {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403}
NOT_ON_CASE = {"anonymous": 302, "ec": 404, "supervisor": 404, "admin": 403}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/noncompliance"): PAGE,
    ("POST", "/cases/<int:case_id>/noncompliance"): PAGE,
    ("GET", "/cases/<int:case_id>/noncompliance/<int:episode_id>"): NOT_ON_CASE,
    ("POST", "/cases/<int:case_id>/noncompliance/<int:episode_id>"): NOT_ON_CASE,
    ("GET", "/review/sanctions"): {"anonymous": 302, "ec": 403, "supervisor": 200, "admin": 403},
    ("POST", "/review/sanctions/<int:episode_id>"): {
        "anonymous": 302,
        "ec": 403,
        "supervisor": 404,
        "admin": 403,
    },
}
