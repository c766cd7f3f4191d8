"""Significant changes and their re-evaluation (R-ID-10, R-CL-06)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from models.enums import ChangeKind, ChangeResolution, ChangeSource
from models.operations.changes import DESCRIPTION_MAX, ChangeInput

from .checks import NotInFuture, options
from .contacts import NotBeforeCase
from .identify import _date


class ChangeForm(FlaskForm):
    kind = SelectField(
        "What changed",
        choices=options([("", "Choose the change"), *ChangeKind.choices()]),
        validators=[InputRequired("Choose what changed.")],
    )
    changed_on = _date("When it happened", NotInFuture("date of the change"))
    reported_on = _date(
        "When you were told",
        NotInFuture("date you were told"),
        NotBeforeCase("date you were told"),
        required=True,
    )
    source = SelectField(
        "Who told you",
        choices=options([("", "Choose who told you"), *ChangeSource.choices()]),
        validators=[InputRequired("Choose who told you.")],
    )
    description = TextAreaField(
        "What happened",
        validators=[Optional(), Length(max=DESCRIPTION_MAX)],
        description="A few words: who moved, which child, the new court date.",
    )
    earliest: date | None = None

    def validate_kind(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose what changed.")

    def validate_source(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose who told you.")

    def validate_reported_on(self, field: Any) -> None:
        happened = self.changed_on.data
        if isinstance(field.data, date) and isinstance(happened, date) and field.data < happened:
            raise ValidationError("You cannot have been told before it happened.")

    def values(self) -> ChangeInput:
        return ChangeInput(
            kind=ChangeKind(self.kind.data),
            reported_on=self.reported_on.data,
            changed_on=self.changed_on.data,
            source=ChangeSource(self.source.data),
            description=self.description.data or "",
        )


class ResolveForm(FlaskForm):
    resolution = RadioField(
        "What this change means for the plan",
        choices=options(ChangeResolution.choices()),
        validators=[InputRequired("Choose what the change means for the plan.")],
    )
    note = TextAreaField(
        "Why",
        validators=[Length(max=DESCRIPTION_MAX)],  # no Optional(): validate_note reads a blank
        description="For the history: what you and the social worker decided.",
    )

    def validate_note(self, field: TextAreaField) -> None:
        if self.resolution.data == ChangeResolution.NO_CHANGE and not (field.data or "").strip():
            raise ValidationError("Say why the plan stays as it is.")
