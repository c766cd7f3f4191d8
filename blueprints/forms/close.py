"""Close: the closure route, the closing date, the social worker told, the common-case
indicator end-dated (R-CL-01..04). Every field may be saved on its own; the case closes only
when all four facts are recorded (policy.stages, the guard for "closed")."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from models.county import CountyProfile
from models.enums import ClosureRoute
from policy import stages

from ..clock import today
from .checks import DATE_HINT, PlainDateField, options


def route_explanations(county: CountyProfile) -> dict[str, str]:
    """What each route means, in the county's words (R-CL-02, R-CL-03)."""
    cw, wtw = county.cw_division_label, county.wtw_program_label
    return {
        ClosureRoute.TRANSFER.value: (
            f"The {cw} case closed and the client is still active in {wtw}: submit a case "
            "transfer to the appropriate case-management district office (R-CL-02)."
        ),
        ClosureRoute.POST_AID.value: (
            "CalWORKs was discontinued because of excess income: route the case to post-aid "
            "services (R-CL-03)."
        ),
        ClosureRoute.CLOSED_FILES.value: (
            "CalWORKs was discontinued because the client did not comply with Welfare-to-Work "
            "requirements: the case goes to closed files (R-CL-03)."
        ),
    }


def indicator_label(county: CountyProfile) -> str:
    """R-CL-04 / R-ID-11: Santa Clara marks the case in the CalSAWS journal; Orange flags it."""
    if county.code == "santa_clara":
        return "Date the CalSAWS journal “CalWORKs Common Case” was end-dated"
    return f"Date the {county.indicator_term} was end-dated"


def indicator_marker(county: CountyProfile) -> str:
    """What the EC end-dates at closing, in the county's words (R-CL-04, R-ID-11)."""
    return stages.indicator_marker(county.code, county.case_term)


def date_hints(county: CountyProfile) -> dict[str, str]:
    """What each date means and its bounds, next to the field (every one records a done fact).
    The indicator end date is the day the EC end-dated the marker (seed 001: "End dates the
    Special Indicator"), so it is a done fact too, on or after the closing date."""
    cw, marker = county.cw_division_label, indicator_marker(county)
    return {
        "closed_on": f"The day the case closed (the {cw} case closed, or CalWORKs was "
        f"discontinued): today or earlier, once it has happened. {DATE_HINT}",
        "sw_notified_on": "The day you told the social worker: it may be before the closing "
        f"date, not before the case was identified, and not after today. {DATE_HINT}",
        "indicator_end_on": f"The day you end-dated {marker}: on or after the closing date, "
        f"and today or earlier (record it once it is done). {DATE_HINT}",
    }


def _date(label: str, *checks: object) -> DateField:
    return PlainDateField(
        label,
        validators=[Optional(), *checks],
        description=DATE_HINT,
        render_kw={"inputmode": "numeric"},
        format=["%Y-%m-%d", "%m/%d/%Y"],
    )


class CloseForm(FlaskForm):
    version = HiddenField()
    # "confirm" once the EC has read the summary of what closing does; "back" to change the
    # values typed; blank on the form itself (nothing closes without the summary first).
    decision = HiddenField()
    closure_route = RadioField(
        "Closure route",
        choices=options(ClosureRoute.choices()),
        # The route says why the case is closing, so it is what starts the closing.
        validators=[DataRequired("Choose the closure route: why is the case closing?")],
    )
    # Every date records something done: none is after today (the checks are in validate).
    closed_on = _date("Closing date")
    sw_notified_on = _date("Date the social worker was told")
    indicator_end_on = _date("Date the indicator was end-dated")
    closure_note = TextAreaField("Note (optional)", validators=[Optional(), Length(max=2000)])

    def __init__(self, *args: Any, identified_on: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.identified_on = identified_on

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        # Optional() ends a field's own checks when it is empty, so the date rules live here.
        closed = self.closed_on.data if isinstance(self.closed_on.data, date) else None
        for field, what in (
            (self.closed_on, "closing date"),
            (self.sw_notified_on, "date the social worker was told"),
            (self.indicator_end_on, "indicator end date"),
        ):
            message = _bound(field.data, what, self.identified_on)
            if message is None and field is self.indicator_end_on and closed:
                if isinstance(field.data, date) and field.data < closed:
                    message = (
                        "The indicator is end-dated on or after the closing date "
                        f"({closed:%m/%d/%Y}), not before it."
                    )
            if message and not field.errors:
                field.errors = [message]
                ok = False
        return ok


def _bound(value: Any, what: str, identified_on: date | None) -> str | None:
    """A closure date records something done: not after today, not before the case existed."""
    if not isinstance(value, date):
        return None
    now = today()
    if value > now:
        return (
            f"The {what} cannot be after today ({now:%m/%d/%Y}): record it once it has "
            "happened. Check the year and the month."
        )
    if identified_on and value < identified_on:
        return f"The {what} cannot be before the case was identified ({identified_on:%m/%d/%Y})."
    return None


class ReopenForm(FlaskForm):
    """A supervisor reopens a case closed (or closing) by mistake; the reason is kept."""

    version = HiddenField()
    reason = TextAreaField(
        "Why the case is reopened",
        validators=[
            DataRequired("Give the reason for reopening the case: it is kept in the case history."),
            Length(max=2000),
        ],
    )
