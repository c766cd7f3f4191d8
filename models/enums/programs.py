"""Family reunification: why CalWORKs FR services ended (R-FR-04, R-FR-07, R-CL-07)."""

from __future__ import annotations

from models.enums.labelled import LabelledEnum


class FrEndReason(LabelledEnum):
    CHILDREN_RETURNED = "children_returned", "The children returned home"
    PERIOD_ENDED = "period_ended", "The services period ended"
