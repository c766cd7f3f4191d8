"""Access rows for read-only links: the EC's pages, and the anonymous capability routes (a
made-up token is simply unknown: 404 for everyone, signed in or not)."""

from __future__ import annotations

_ALL_404 = {"anonymous": 404, "ec": 404, "supervisor": 404, "admin": 404}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/share"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
    # An empty form re-renders with its errors.
    ("POST", "/cases/<int:case_id>/share"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 200,
        "admin": 403,
    },
    # No link 999 on the case.
    ("POST", "/cases/<int:case_id>/share/<int:link_id>/revoke"): {
        "anonymous": 302,
        "ec": 404,
        "supervisor": 404,
        "admin": 403,
    },
    ("GET", "/s/<token>"): _ALL_404,
    ("GET", "/s/<token>/documents/<int:doc_id>.pdf"): _ALL_404,
    ("GET", "/robots.txt"): {"anonymous": 200, "ec": 200, "supervisor": 200, "admin": 200},
}
