"""Unsaved form input kept as the EC types, so a timeout or a closed tab never loses it.

A draft belongs to one user, one case (or no case yet, for a new identification) and one step.
It holds the raw form fields; the step's page fills its form from it until the EC saves or
discards. Drafts are never applied to the case by themselves.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.datastructures import MultiDict

from models.base import Base, UTCDateTime, utcnow


class StepDraft(Base):
    __tablename__ = "step_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(ForeignKey("mutual_case.id"), index=True)
    step: Mapped[str] = mapped_column(String(20))
    data: Mapped[str] = mapped_column(Text, default="[]")
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def formdata(self) -> MultiDict[str, str]:
        return MultiDict([tuple(pair) for pair in json.loads(self.data)])
