"""The time-on-aid section of the Track page (R-TC-02/03/05, §e Q9): what it shows and its form.
Apart from the route (time_on_aid.py) so that track.py can import it without a circle."""

from __future__ import annotations

from typing import Any

from models.cases import MutualCase
from models.db import get_db
from models.queries.time_on_aid import time_on_aid_view
from policy.stages import ENDED_STAGES

from ..clock import today
from ..forms.participation import TimeOnAidForm


def time_on_aid_form(case: MutualCase, data: Any = None) -> TimeOnAidForm:
    if data is not None:
        return TimeOnAidForm(formdata=data, prefix="toa")
    used = case.participant.toa_months_used or 0
    return TimeOnAidForm(formdata=None, prefix="toa", data={"months_used": used, "as_of": today()})


def time_on_aid_context(case: MutualCase, form: TimeOnAidForm | None = None) -> dict[str, Any]:
    return {
        "toa": time_on_aid_view(get_db(), case, today()),
        "toa_form": form or time_on_aid_form(case),
        "toa_read_only": case.stage in ENDED_STAGES,
    }
