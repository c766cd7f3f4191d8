"""The office calendar forms (§e Q8): add a closure, keep the offices open on a state holiday.
The checks against what the calendar already holds are the view's (they need the database)."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from .checks import DATE_HINT, DATE_MESSAGE

NAME_MAX = 120
REASON_MAX = 200


def _reason() -> StringField:
    return StringField(
        "Why (optional)",
        description="For example: the board's resolution, or the HR calendar it comes from.",
        validators=[
            Length(max=REASON_MAX, message=f"Keep the reason under {REASON_MAX} characters.")
        ],
    )


class _DayField(DateField):
    """A date typed in the wrong shape gets the same plain message as everywhere else."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(DATE_MESSAGE) from exc


class ClosureForm(FlaskForm):
    day = _DayField(
        "Day the offices close",
        validators=[DataRequired(DATE_MESSAGE)],
        description=DATE_HINT,
        render_kw={"inputmode": "numeric"},
        format=["%Y-%m-%d", "%m/%d/%Y"],
    )
    name = StringField(
        "Name of the closure",
        filters=[lambda text: (text or "").strip()],
        validators=[
            DataRequired("Name the closure, for example: Juneteenth (county holiday)."),
            Length(max=NAME_MAX, message=f"Keep the name under {NAME_MAX} characters."),
        ],
    )
    reason = _reason()


class KeepOpenForm(FlaskForm):
    day = SelectField("State holiday", validators=[InputRequired("Choose the state holiday.")])
    reason = _reason()
