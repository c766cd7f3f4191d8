"""One county's demo staff as the case builder needs them (`Team`), and the `PhoneBook` that
gives every demo office, person and provider a fictional phone number."""

from __future__ import annotations

from dataclasses import dataclass

from models.county import CountyProfile, RegionalContact
from models.people import SocialWorker
from models.users import User


class PhoneBook:
    """Hands out numbers in the fictional 555-0100..0199 range, one each, in order."""

    def __init__(self) -> None:
        self._used = 0

    def next_number(self, area_code: str) -> str:
        if self._used > 99:
            raise RuntimeError("the demo ran out of 555-01xx numbers")
        number = f"{area_code}-555-01{self._used:02d}"
        self._used += 1
        return number


@dataclass
class Team:
    county: CountyProfile
    area_code: str
    supervisor: User
    ecs: list[User]  # employment counselors; demo cases go to them in turn
    regional_contact: RegionalContact
    social_workers: list[SocialWorker]
