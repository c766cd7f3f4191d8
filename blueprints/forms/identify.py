"""Identify: how the client was found, both case numbers, the child-welfare case and the
household (R-ID-01..04, R-HR-01..08, §c2)."""

from __future__ import annotations

from typing import Any

from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from models.enums import CalworksStatus, IdentifiedBy, Language, ServiceComponent

from .bounds import Within
from .checks import DATE_HINT, DATE_MESSAGE, CappedFieldList, NotBefore, NotInFuture, options

CHILD_ROWS_BLANK = 2

MAX_CHILDREN = 20


def _date(label: str, *checks: object, required: bool = False) -> DateField:
    first = DataRequired(DATE_MESSAGE) if required else Optional()
    return DateField(
        label,
        validators=[first, *checks],
        description=DATE_HINT,
        render_kw={"inputmode": "numeric"},
        format=["%Y-%m-%d", "%m/%d/%Y"],
    )


class ChildForm(Form):
    first_name = StringField("Child's first name", validators=[Optional(), Length(max=80)])
    birth_date = _date("Birth date", NotInFuture("birth date"))
    aided = BooleanField("On the CalWORKs grant", default=True)
    in_home = BooleanField("Lives in the home", default=True)
    removed_on = _date("Removed from the home on", NotInFuture("removal date"))

    def is_blank(self) -> bool:
        return not (self.first_name.data or "").strip() and self.birth_date.data is None


class IdentifyForm(FlaskForm):
    version = HiddenField()
    # Not in the future, not absurdly old, not after the assignment (issue 13; form.limits).
    identified_on = _date("Date identified", Within("oldest", latest=("assigned",)), required=True)
    identified_by = SelectField(
        "How the client was found",
        choices=options([("", "Choose how the client was found"), *IdentifiedBy.choices()]),
        validators=[DataRequired("Choose how the client was found.")],
    )
    first_name = StringField(
        "First name", validators=[DataRequired("Enter the client's first name."), Length(max=80)]
    )
    last_name = StringField(
        "Last name", validators=[DataRequired("Enter the client's last name."), Length(max=80)]
    )
    birth_date = _date("Client's birth date", NotInFuture("birth date"))
    preferred_language = SelectField(
        "Preferred language", choices=options(Language.choices()), default="en"
    )
    phone = StringField("Phone", validators=[Optional(), Length(max=30)])
    calworks_case_number = StringField(
        "CalWORKs case number",
        validators=[
            DataRequired("Enter the CalWORKs case number (or the application number)."),
            Length(max=20),
        ],
    )
    calworks_status = SelectField("CalWORKs case status", choices=options(CalworksStatus.choices()))
    aided_adults = IntegerField(
        "Adults on the grant",
        default=1,
        validators=[
            InputRequired("Enter how many adults are on the grant (0 to 4)."),
            NumberRange(0, 4, "Enter a number from 0 to 4."),
        ],
    )
    disabled_adult = BooleanField("One of two adults is disabled")
    address_suppressed = BooleanField("Safe at Home / address must not be shown (R-DA-03)")
    cw_case_number = StringField(
        "Case number",
        validators=[DataRequired("Enter the child-welfare case number."), Length(max=30)],
    )
    service_component = SelectField(
        "Service component", choices=options(ServiceComponent.choices())
    )
    cw_open = BooleanField("The child-welfare case is open", default=True)
    protective_custody = BooleanField("A child is in protective custody")
    removed_on = _date("Removal date", NotInFuture("removal date"))
    detention_hearing_on = _date(
        "Detention hearing", NotBefore("removed_on", "detention hearing", "removal date")
    )
    jurisdiction_hearing_on = _date(
        "Jurisdiction hearing", NotBefore("removed_on", "jurisdiction hearing", "removal date")
    )
    next_court_on = _date("Next court date")
    children = CappedFieldList(
        FormField(ChildForm), min_entries=1, most=MAX_CHILDREN, what="children"
    )
    verified = BooleanField("I checked both cases in the county systems (CalSAWS and CWS/CMS)")
    not_mutual_reason = TextAreaField(
        "Why this person is not a mutual client", validators=[Optional(), Length(max=2000)]
    )
    different_person = BooleanField("I checked: this is a different person")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The county's words: Santa Clara says "common case", Orange "mutual client".
        county = getattr(current_user, "county", None)
        if county is not None:
            self.not_mutual_reason.label.text = f"Why this person is not a {county.case_term}"

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        # Optional() ends a field's own checks when it is empty, so this rule lives here.
        custody_dates = self.removed_on.data or self.jurisdiction_hearing_on.data
        if self.protective_custody.data and not custody_dates and not self.removed_on.errors:
            self.removed_on.errors = [
                "Enter the removal date (or the jurisdiction hearing date): the meeting is due "
                "before court when a child is in protective custody (R-MT-02)."
            ]
            ok = False
        return ok

    def validate_children(self, field: FieldList) -> None:
        for entry in field:
            child = entry.form
            if (child.first_name.data or "").strip() and child.birth_date.data is None:
                child.birth_date.errors = [
                    *child.birth_date.errors,
                    "Enter the child's birth date.",
                ]
                raise ValidationError("Check the children's rows.")
            if (
                child.removed_on.data
                and child.birth_date.data
                and child.removed_on.data < child.birth_date.data
            ):
                child.removed_on.errors = [
                    *child.removed_on.errors,
                    "The removal date cannot be before the birth date.",
                ]
                raise ValidationError("Check the children's rows.")

    def filled_children(self) -> list[ChildForm]:
        return [entry.form for entry in self.children if not entry.form.is_blank()]
