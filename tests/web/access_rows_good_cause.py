"""Access rows for good cause, exemptions, the participation status and time on aid.

The matrix case is assigned, with no good cause or exemption: an empty form re-renders with its
errors (200); ending (or recording the review of) a good cause or an exemption that is not on
the case is 404. A supervisor
works the unit's cases as an EC does; an admin opens no case.
"""

from __future__ import annotations

PAGE = {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403}
NOT_ON_CASE = {"anonymous": 302, "ec": 404, "supervisor": 404, "admin": 403}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/good-cause"): PAGE,
    ("POST", "/cases/<int:case_id>/good-cause"): PAGE,
    ("POST", "/cases/<int:case_id>/good-cause/<int:good_cause_id>/end"): NOT_ON_CASE,
    ("POST", "/cases/<int:case_id>/good-cause/<int:good_cause_id>/reviewed"): NOT_ON_CASE,
    ("GET", "/cases/<int:case_id>/exemptions"): PAGE,
    ("POST", "/cases/<int:case_id>/exemptions"): PAGE,
    ("POST", "/cases/<int:case_id>/exemptions/<int:exemption_id>/end"): NOT_ON_CASE,
    ("POST", "/cases/<int:case_id>/exemptions/<int:exemption_id>/reviewed"): NOT_ON_CASE,
    ("POST", "/cases/<int:case_id>/participation"): PAGE,
    ("POST", "/cases/<int:case_id>/time-on-aid"): PAGE,
}
