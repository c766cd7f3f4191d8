"""The office calendar forms (§e Q8): add a closure, keep the offices open on a state holiday.
The checks against what the calendar already holds are the view's (they need the database)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from .checks import DATE_HINT, DATE_MESSAGE, PlainDateField

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


class ClosureForm(FlaskForm):
    day = PlainDateField(
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
