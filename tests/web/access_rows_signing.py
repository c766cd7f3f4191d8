"""Access rows for signing, amendments and verification (merged into access_matrix.MATRIX)."""

from __future__ import annotations

ROWS: dict[tuple[str, str], dict[str, int]] = {
    # The EC's own case has no plan ready to sign: the page says so (200), nothing is signed.
    ("GET", "/cases/<int:case_id>/sign"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
    ("POST", "/cases/<int:case_id>/sign"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
    # The matrix case is only assigned: amending comes after the meeting and signing (409).
    ("POST", "/cases/<int:case_id>/plan/amend"): {
        "anonymous": 302,
        "ec": 409,
        "supervisor": 409,
        "admin": 403,
    },
    ("GET", "/documents/verify"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
    # No file sent: the form says to choose one (200).
    ("POST", "/documents/verify"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
}
