"""The wizard's test data: the Identify form filled in as a browser sends it."""

from __future__ import annotations

from typing import Any

IDENTIFY: dict[str, Any] = {
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
