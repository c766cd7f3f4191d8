"""Access rows for the messages to the social worker (issue 15): the EC and the supervisor see
the case's page; a message that is not on the case is 404 (tests/web/test_sw_messages.py covers
real messages, other cases and other counties)."""

from __future__ import annotations

PAGE = {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403}
NOT_ON_CASE = {"anonymous": 302, "ec": 404, "supervisor": 404, "admin": 403}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/messages"): PAGE,
    ("POST", "/cases/<int:case_id>/messages/<int:message_id>"): NOT_ON_CASE,
    ("POST", "/cases/<int:case_id>/messages/<int:message_id>/cancel"): NOT_ON_CASE,
}
