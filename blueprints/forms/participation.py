"""The participant's WTW status as the EC chooses it (R-EX-09) and the time on aid read from
CalSAWS (R-TC-02)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField
from wtforms.validators import InputRequired, ValidationError

from models.enums import WtwStatus
from policy.compliance import TIME_LIMIT_MONTHS

from .checks import NotInFuture, options
from .identify import _date

PARTICIPATION_CHOICES = [
    (WtwStatus.MANDATORY.value, "Mandatory: held to the weekly hours"),
    (WtwStatus.EXEMPT.value, "Exempt, not volunteering: 0 hours"),
    (WtwStatus.EXEMPT_VOLUNTEER.value, "Exempt and volunteering: 0 hours required"),
]


class ParticipationForm(FlaskForm):
    status = RadioField(
        "Participation",
        choices=options(PARTICIPATION_CHOICES),
        validators=[InputRequired("Choose mandatory, exempt, or exempt and volunteering.")],
    )

    def chosen(self) -> WtwStatus:
        return WtwStatus(self.status.data)


class TimeOnAidForm(FlaskForm):
    months_used = IntegerField(
        f"Months used of the {TIME_LIMIT_MONTHS}",
        validators=[
            InputRequired(f"Enter the months used, 0 to {TIME_LIMIT_MONTHS}, as CalSAWS shows.")
        ],
        description="As CalSAWS shows them (the adult's 60-month limit, R-TC-02).",
        render_kw={"inputmode": "numeric"},
    )
    as_of = _date("Read from CalSAWS on", NotInFuture("date read"), required=True)

    def validate_months_used(self, field: IntegerField) -> None:
        if field.data is not None and not 0 <= field.data <= TIME_LIMIT_MONTHS:
            raise ValidationError(f"Enter 0 to {TIME_LIMIT_MONTHS} months.")
