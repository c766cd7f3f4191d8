"""One page of a list counted and cut in SQL: the caseload, the due list and the audit trail all
page the same way (a count, then one page), so they share the arithmetic and the pager's words."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Generic, TypeVar

Row = TypeVar("Row")


def page_number(total: int, requested: int, size: int) -> tuple[int, int]:
    """(pages, the page to show): a page past the end shows the last page, because rows may have
    moved since the link was made; there is always at least one (empty) page."""
    count = max(1, math.ceil(total / size))
    return count, min(max(requested, 1), count)


@dataclass(frozen=True)
class Page(Generic[Row]):
    rows: list[Row]
    number: int
    count: int
    total: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def first_index(self) -> int:
        return self.offset + 1 if self.rows else 0

    @property
    def last_index(self) -> int:
        return self.offset + len(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count
