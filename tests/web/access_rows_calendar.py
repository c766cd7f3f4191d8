"""Access rows for the client's calendar and the EC's private feed (issue 15).

An empty entry form re-renders with its errors (200); entry 999 is not on the case (404). Only
an EC has a feed (supervisors and administrators are refused); the feed route is public by
token, and a made-up token is unknown for everyone: 404.
"""

from __future__ import annotations

PAGE = {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403}
NOT_ON_CASE = {"anonymous": 302, "ec": 404, "supervisor": 404, "admin": 403}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/calendar"): PAGE,
    ("POST", "/cases/<int:case_id>/calendar"): PAGE,
    ("GET", "/cases/<int:case_id>/calendar/<int:entry_id>"): NOT_ON_CASE,
    ("POST", "/cases/<int:case_id>/calendar/<int:entry_id>"): NOT_ON_CASE,
    ("POST", "/cases/<int:case_id>/calendar/<int:entry_id>/delete"): NOT_ON_CASE,
    ("POST", "/account/calendar-feed"): {
        "anonymous": 302,
        "ec": 200,
        "supervisor": 403,
        "admin": 403,
    },
    ("POST", "/account/calendar-feed/revoke"): {
        "anonymous": 302,
        "ec": 303,
        "supervisor": 403,
        "admin": 403,
    },
    ("GET", "/calendar/<token>.ics"): {
        "anonymous": 404,
        "ec": 404,
        "supervisor": 404,
        "admin": 404,
    },
}
