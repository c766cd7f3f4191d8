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
    # No signed plan to amend: back to the plan step with a message.
    ("POST", "/cases/<int:case_id>/plan/amend"): {
        "anonymous": 302,
        "ec": 302,
        "supervisor": 302,
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
