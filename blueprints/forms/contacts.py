"""The contact log with the social worker, and the social worker's description of the case plan
(seed 000 "ongoing communication" and CFS SW 2)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from models.enums import ContactChannel, ContactTopic
from models.operations.contacts import DESCRIPTION_MAX, NOTE_MAX, ContactInput
from policy.date_bounds import Limit, breach

from .checks import NotInFuture, options
from .identify import _date


class NotBeforeCase:
    """Not before the case began: set ``form.earliest`` (the day it was identified)."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __call__(self, form: Any, field: Any) -> None:
        earliest: date | None = getattr(form, "earliest", None)
        limit = Limit(earliest, "the date the case was identified") if earliest else None
        if isinstance(field.data, date) and breach(field.data, earliest=[limit]):
            raise ValidationError(
                f"The {self.what} cannot be before the case was identified ({earliest:%m/%d/%Y})."
            )


class ContactForm(FlaskForm):
    contact_on = _date(
        "Date of the contact",
        NotInFuture("contact date"),
        NotBeforeCase("contact date"),
        required=True,
    )
    channel = RadioField(
        "How",
        choices=options(ContactChannel.choices()),
        validators=[InputRequired("Choose how you were in touch.")],
    )
    with_whom = StringField(
        "With whom",
        validators=[Optional(), Length(max=120)],
        description="The social worker's name, and anyone else who took part.",
    )
    topics = SelectMultipleField(
        "What you went over",
        choices=options(ContactTopic.choices()),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=True,
    )
    note = TextAreaField(
        "Short note",
        validators=[Length(max=NOTE_MAX)],  # no Optional(): validate_note looks at a blank note
        description="What was agreed, what happens next. No court papers (R-CO-05).",
    )
    earliest: date | None = None

    def validate_note(self, field: TextAreaField) -> None:
        if not self.topics.data and not (field.data or "").strip():
            raise ValidationError("Tick what you went over, or write a short note.")

    def values(self) -> ContactInput:
        return ContactInput(
            contact_on=self.contact_on.data,
            channel=ContactChannel(self.channel.data),
            with_whom=self.with_whom.data or "",
            topics=[ContactTopic(t) for t in self.topics.data or ()],
            note=self.note.data or "",
        )


class PlanSummaryForm(FlaskForm):
    received_on = _date(
        "Received on", NotInFuture("date received"), NotBeforeCase("date received"), required=True
    )
    description = TextAreaField(
        "The social worker's description of the case plan",
        validators=[
            DataRequired("Paste or type the social worker's description."),
            Length(max=DESCRIPTION_MAX),
        ],
        description="As the social worker wrote it: activities, hours, providers. Court reports "
        "and petitions are not kept here (W&I 827, R-CO-04).",
    )
    earliest: date | None = None
