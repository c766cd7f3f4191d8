"""Access rows for the Reunification and stabilization page (family reunification, FSP).

The matrix case is Santa Clara's, assigned, integration not decided: an empty FR form re-renders
with its errors (200); an FSP referral is refused before integration is agreed (409, R-MT-05);
a family-reunification record that is not on the case is 404.
"""

from __future__ import annotations

PAGE = {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403}
NOT_ON_CASE = {"anonymous": 302, "ec": 404, "supervisor": 404, "admin": 403}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/programs"): PAGE,
    ("POST", "/cases/<int:case_id>/programs/reunification"): PAGE,
    ("POST", "/cases/<int:case_id>/programs/reunification/<int:record_id>/extension"): NOT_ON_CASE,
    ("POST", "/cases/<int:case_id>/programs/reunification/<int:record_id>/end"): NOT_ON_CASE,
    (
        "POST",
        "/cases/<int:case_id>/programs/reunification/<int:record_id>/redetermined",
    ): NOT_ON_CASE,
    ("POST", "/cases/<int:case_id>/programs/stabilization"): {
        "anonymous": 302,
        "ec": 409,
        "supervisor": 409,
        "admin": 403,
    },
}
