"""Shared helpers for the wizard's web tests: realistic form posts, as a browser would send."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from tests.conftest import csrf_from

IDENTIFY = {
    "identified_on": "2026-11-20",
    "identified_by": "data_match",
    "first_name": "Rosa",
    "last_name": "Delgado",
    "birth_date": "1994-02-11",
    "preferred_language": "es",
    "phone": "",
    "calworks_case_number": "C7654321",
    "calworks_status": "active",
    "aided_adults": "1",
    "cw_case_number": "DF-2026-0411",
    "service_component": "fm",
    "cw_open": "y",
    "children-0-first_name": "Leo",
    "children-0-birth_date": "2023-04-02",
    "children-0-aided": "y",
    "children-0-in_home": "y",
    "verified": "y",
}


def post_form(client: FlaskClient, page: str, action: str, data: dict[str, Any], **kw: Any) -> Any:
    """GET the page (for its CSRF token and hidden version), then POST the fields."""
    html = client.get(page).text
    fields = {"csrf_token": csrf_from(html)}
    version = _hidden(html, "version")
    if version is not None:
        fields["version"] = version
    fields.update(data)
    return client.post(action, data=fields, **kw)


def _hidden(html: str, name: str) -> str | None:
    import re

    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html) or re.search(
        rf'type="hidden" name="{name}" value="([^"]*)"', html
    )
    if match is None:
        match = re.search(rf'id="{name}" name="{name}" type="hidden" value="([^"]*)"', html)
    return match.group(1) if match else None
