"""Due items: what is due on each case and by when, stored so lists filter, sort and page in SQL.

One row per thing due (a kind, and a ``ref`` for kinds a case can owe more than once), kept
current by models.operations.due whenever a fact it is computed from changes; policy.due says
what is due. A row no longer due is kept, marked resolved, so a list of what was done when
needs no second table. ``due_on`` is empty when the date could not be counted, and ``problem``
says why (a holiday calendar not loaded, R-WD-01).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, str_enum
from models.enums import DueKind

if TYPE_CHECKING:
    from models.cases import MutualCase


class DueItem(Base):
    __tablename__ = "due_item"
    __table_args__ = (
        # One row per (case, kind, ref); it also serves "the due items of these cases".
        UniqueConstraint("case_id", "kind", "ref", name="due_item_case_kind_ref"),
        # The caseload's "next due" of a case: min(due_on) among its open items.
        Index("ix_due_item_case_open_due", "case_id", "resolved", "due_on"),
        # Overdue / due this week across a unit or a county: open items by date, with the case
        # in the index so the list of cases is read from the index alone (0016: a 2,400-case
        # unit's "Overdue" in a 100k-case county, count and page 29 ms -> 10 ms on SQLite).
        Index("ix_due_item_open_due_case", "resolved", "due_on", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mutual_case.id", ondelete="CASCADE"))
    kind: Mapped[DueKind] = mapped_column(str_enum(DueKind, 40))
    ref: Mapped[str] = mapped_column(String(40), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    problem: Mapped[str] = mapped_column(Text, default="")
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_on: Mapped[date | None] = mapped_column(Date)
    # Read-only: rows are written through Core by models.operations.due.
    case: Mapped[MutualCase] = relationship(viewonly=True)

    @property
    def kind_label(self) -> str:
        return DueKind.label_of(self.kind)
