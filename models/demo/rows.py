"""Every county's demo rows, by county code."""

from __future__ import annotations

from models.demo.orange import ORANGE
from models.demo.santa_clara import SANTA_CLARA
from models.demo.specs import Spec

ROWS_BY_COUNTY: dict[str, tuple[Spec, ...]] = {"orange": ORANGE, "santa_clara": SANTA_CLARA}


def cases_for(county_code: str) -> tuple[Spec, ...]:
    """The demo rows of one county."""
    return ROWS_BY_COUNTY[county_code]
