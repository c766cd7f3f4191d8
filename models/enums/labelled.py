"""A value stored in the database with the words a page shows for it."""

from __future__ import annotations

import enum
from typing import Any


class LabelledEnum(enum.StrEnum):
    """A ``StrEnum`` whose members carry a label: ``Role.EC.label == "Employment counselor"``."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Any:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value.replace("_", " ").capitalize()
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs in declaration order, for a select or radio list."""
        return [(member.value, member.label) for member in cls]

    @classmethod
    def label_of(cls, value: str | None, default: str = "—") -> str:
        """The label of a stored value; ``default`` for blank; an unknown value reads as words."""
        if not value:
            return default
        try:
            return cls(value).label
        except ValueError:  # an old or foreign code: readable words, never a bare code
            return str(value).replace("_", " ").capitalize()
