"""Exemptions (R-EX-01..12, R-DA-01..02): the kind and the facts its end and review come from."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, Field, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from models.enums import ExemptionKind
from models.operations.exemptions import DECIDED_BY_MAX, NOTES_MAX, ExemptionInput

from .checks import DATE_HINT, NotInFuture, options
from .identify import _date

K = ExemptionKind
CHILD_KINDS = frozenset({K.CHILD_0_23M_ONETIME, K.CHILD_UNDER_6M_ONETIME, K.SUBSEQUENT_CHILD_12W})
CHILD_REQUIRED = frozenset({K.CHILD_0_23M_ONETIME, K.CHILD_UNDER_6M_ONETIME})
PERSON_KINDS = frozenset({K.UNDER_16, K.SCHOOL_16_18})
END_KINDS = frozenset({K.DISABILITY, K.NONPARENT_CARETAKER, K.CARE_OF_ILL_MEMBER, K.SCHOOL_16_18})


class BlankIsNone:
    """Unlike Optional(), a blank date goes on to the form's own check (which may require it
    for the chosen kind) instead of stopping the chain."""

    def __call__(self, _form: Any, field: Field) -> None:
        if not field.raw_data or not str(field.raw_data[0]).strip():
            field.errors[:] = []
            field.data = None


def _kind_date(label: str, *checks: object) -> DateField:
    """A date some kinds need: the form's validate_<field> asks for it when blank."""
    return DateField(
        label,
        validators=[BlankIsNone(), *checks],
        description=DATE_HINT,
        render_kw={"inputmode": "numeric"},
        format=["%Y-%m-%d", "%m/%d/%Y"],
    )


def _kind(value: str | None) -> ExemptionKind | None:
    try:
        return ExemptionKind(value or "")
    except ValueError:
        return None


class ExemptionForm(FlaskForm):
    kind = SelectField(
        "Exemption",
        choices=options([("", "Choose the exemption"), *ExemptionKind.choices()]),
        validators=[InputRequired("Choose the exemption.")],
    )
    start_on = _date("Starts on", required=True)
    # No Optional() on these: validate_<field> asks for the date when the kind needs it.
    child_birthdate = _kind_date("The child's birth date", NotInFuture("child's birth date"))
    person_birthdate = _kind_date("The exempt person's birth date", NotInFuture("birth date"))
    expected_end_on = _date("Expected end")
    expected_delivery_on = _kind_date("Expected delivery date")
    verified = BooleanField("Verified")
    decided_by = StringField(
        "Decided by",
        validators=[DataRequired("Say who decided the exemption."), Length(max=DECIDED_BY_MAX)],
    )
    volunteer = BooleanField("The client volunteers for WTW activities (R-EX-09)")
    notes = TextAreaField("Note", validators=[Optional(), Length(max=NOTES_MAX)])

    def prepare(self, young_child_words: str) -> None:
        self.child_birthdate.description = (
            "For a young-child exemption. Child 6 months or younger: it ends when the child "
            f"reaches {young_child_words}; child 0–23 months: at 24 months (R-EX-08). {DATE_HINT}"
        )
        self.person_birthdate.description = (
            "Under 16: it ends on the 16th birthday (R-EX-01). In school, 16 to 18: at 19 at the "
            f"latest (R-EX-02). {DATE_HINT}"
        )
        self.expected_end_on.description = (
            "Disability (the doctor's estimate), a non-parent caretaker, caring for an ill "
            "household member, or the end of the school term (R-EX-02, R-EX-03, R-EX-05, "
            f"R-EX-06). Blank: reviewed when a change is reported (R-EX-10). {DATE_HINT}"
        )
        self.expected_delivery_on.description = (
            "Pregnancy: no medical proof is needed, and it is reviewed on this date (R-EX-07). "
            f"{DATE_HINT}"
        )
        self.verified.description = (
            "A disability needs the doctor's verification (R-EX-03); pregnancy needs none."
        )
        self.volunteer.description = (
            "An exempt client may sign a plan as a volunteer, with 0 hours required; a volunteer "
            "who stops is closed from WTW, not sanctioned (R-EX-09)."
        )

    @property
    def chosen(self) -> ExemptionKind | None:
        return _kind(self.kind.data)

    def validate_kind(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose the exemption.")

    def validate_child_birthdate(self, field: Any) -> None:
        if self.chosen in CHILD_REQUIRED and field.data is None and not field.errors:
            raise ValidationError(
                "Enter the child's birth date: the exemption ends when the child reaches the age."
            )
        if isinstance(field.data, date) and isinstance(self.start_on.data, date):
            if self.chosen in CHILD_KINDS and field.data > self.start_on.data and not field.errors:
                raise ValidationError("The child must be born by the day the exemption starts.")

    def validate_person_birthdate(self, field: Any) -> None:
        if self.chosen == K.UNDER_16 and field.data is None and not field.errors:
            raise ValidationError("Enter the birth date: the exemption ends on the 16th birthday.")

    def validate_expected_end_on(self, field: Any) -> None:
        start = self.start_on.data
        if isinstance(field.data, date) and isinstance(start, date) and field.data <= start:
            raise ValidationError("The expected end must be after the start.")

    def validate_expected_delivery_on(self, field: Any) -> None:
        if self.chosen == K.PREGNANCY and field.data is None and not field.errors:
            raise ValidationError(
                "Enter the expected delivery date: the exemption is reviewed then (R-EX-07)."
            )

    def values(self) -> ExemptionInput:
        kind = ExemptionKind(self.kind.data)
        return ExemptionInput(
            kind=kind,
            start_on=self.start_on.data,
            verified=bool(self.verified.data),
            decided_by=self.decided_by.data or "",
            volunteer=bool(self.volunteer.data),
            child_birthdate=self.child_birthdate.data if kind in CHILD_KINDS else None,
            person_birthdate=self.person_birthdate.data if kind in PERSON_KINDS else None,
            expected_end_on=self.expected_end_on.data if kind in END_KINDS else None,
            expected_delivery_on=(self.expected_delivery_on.data if kind == K.PREGNANCY else None),
            notes=self.notes.data or "",
        )
