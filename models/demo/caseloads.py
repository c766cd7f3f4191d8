"""Every county's invented demo cases, in the order the builder creates them."""

from __future__ import annotations

from models.demo.case_spec import DemoCase
from models.demo.orange_early import ORANGE_EARLY
from models.demo.orange_later import ORANGE_LATER
from models.demo.santa_clara_early import SANTA_CLARA_EARLY
from models.demo.santa_clara_later import SANTA_CLARA_LATER

# The order counts: a case's position picks its CalWORKs and child-welfare case numbers, its
# birthday offset, street, meeting place and meeting hour, so reordering changes the demo.
CASES_BY_COUNTY: dict[str, tuple[DemoCase, ...]] = {
    "orange": ORANGE_EARLY + ORANGE_LATER,
    "santa_clara": SANTA_CLARA_EARLY + SANTA_CLARA_LATER,
}


def demo_cases_for(county_code: str) -> tuple[DemoCase, ...]:
    """The demo cases of one county."""
    return CASES_BY_COUNTY[county_code]
