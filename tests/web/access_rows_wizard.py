"""Access rows for the case wizard. A case route is tried on the signed-in EC's own case;
the supervisor supervises that EC; admins manage accounts, not cases (403).
302 for a POST = saved (or refused) and redirected back to a page."""

from __future__ import annotations

_CASE_PAGE = {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403}
# Without HX-Request (as here) the autosave answers with the step page (303).
_DRAFT_POST = {"anonymous": 302, "ec": 303, "supervisor": 303, "admin": 403}
_REDIRECTING_POST = {"anonymous": 302, "ec": 302, "supervisor": 302, "admin": 403}
# An empty POST to a step re-renders the form with its errors (200), nothing saved.
_STEP_POST = {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/new"): _CASE_PAGE,
    ("POST", "/cases/new"): _STEP_POST,
    ("POST", "/cases/new/draft"): _DRAFT_POST,
    ("POST", "/cases/new/draft/discard"): _REDIRECTING_POST,
    ("GET", "/cases/<int:case_id>"): {"anonymous": 302, "ec": 302, "supervisor": 302, "admin": 403},
    ("GET", "/cases/<int:case_id>/identify"): _CASE_PAGE,
    ("POST", "/cases/<int:case_id>/identify"): _STEP_POST,
    # The other case is Ben's: his EC colleague may not rule it out (404), the supervisor may.
    ("POST", "/cases/<int:case_id>/duplicates/<int:other_id>/dismiss"): {
        **_REDIRECTING_POST,
        "ec": 404,
    },
    (
        "POST",
        "/cases/<int:case_id>/<any(identify,assign,meeting,meeting_held,plan,close):step>/draft",
    ): _DRAFT_POST,
    (
        "POST",
        "/cases/<int:case_id>/<any(identify,assign,meeting,meeting_held,plan,close):step>/draft/discard",
    ): _REDIRECTING_POST,
    ("GET", "/cases/<int:case_id>/history"): _CASE_PAGE,
}
