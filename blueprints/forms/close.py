"""Close: the closure route, the closing date, the social worker told, the common-case
indicator end-dated (R-CL-01..04). Every field may be saved on its own; the case closes only
when all four facts are recorded (policy.stages, the guard for "closed")."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from models.county import CountyProfile
from models.enums import ClosureRoute

from ..clock import today
from .checks import DATE_HINT, DATE_MESSAGE, NotInFuture, options

# A discontinuance is noticed ahead of time (10-day notice), so a known closing date a few
# weeks out may be recorded; a date further ahead is almost always a typing mistake.
CLOSING_DAYS_AHEAD = 30


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


class _DateField(DateField):
    """A date typed in the wrong shape gets the same plain message as everywhere else."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(DATE_MESSAGE) from exc


def _date(label: str, *checks: object) -> DateField:
    return _DateField(
        label,
        validators=[Optional(), *checks],
        description=DATE_HINT,
        render_kw={"inputmode": "numeric"},
        format=["%Y-%m-%d", "%m/%d/%Y"],
    )


class CloseForm(FlaskForm):
    version = HiddenField()
    closure_route = RadioField(
        "Closure route",
        choices=options(ClosureRoute.choices()),
        # The route says why the case is closing, so it is what starts the closing.
        validators=[DataRequired("Choose the closure route: why is the case closing?")],
    )
    closed_on = _date("Closing date")
    sw_notified_on = _date(
        "Date the social worker was told", NotInFuture("date the social worker was told")
    )
    indicator_end_on = _date("Date the indicator was end-dated", NotInFuture("end date"))
    closure_note = TextAreaField("Note (optional)", validators=[Optional(), Length(max=2000)])

    def __init__(self, *args: Any, identified_on: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.identified_on = identified_on

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        # Optional() ends a field's own checks when it is empty, so the date rules live here.
        closed = self.closed_on.data
        if isinstance(closed, date) and not self.closed_on.errors:
            latest = today() + timedelta(days=CLOSING_DAYS_AHEAD)
            if self.identified_on and closed < self.identified_on:
                self.closed_on.errors = [
                    "The closing date cannot be before the date the case was identified "
                    f"({self.identified_on.strftime('%m/%d/%Y')})."
                ]
                ok = False
            elif closed > latest:
                self.closed_on.errors = [
                    f"The closing date can be at most {CLOSING_DAYS_AHEAD} days ahead "
                    f"(up to {latest.strftime('%m/%d/%Y')}). Check the year and the month."
                ]
                ok = False
        return ok
