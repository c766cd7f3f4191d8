"""Plan: activities with hours, supportive services, plan period and the social worker's
agreement (R-CF-01..10, R-PL-03, R-PL-06, R-PL-07, R-SS-01..05, R-MT-07, §c4)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional, ValidationError

from models.county import CountyProfile
from models.enums import ActivityKind, Language, ServiceKind

from .checks import NotBefore, NotInFuture, options
from .identify import _date

ACTIVITY_ROWS_BLANK = 2
SERVICE_ROWS_BLANK = 1
MAX_WEEKLY_HOURS = Decimal(168)


def _kind_choices(cw_label: str | None = None) -> list[Any]:
    # Each county sees only its own catch-all code (CFS in Orange, DFCS in Santa Clara).
    other = {"CFS": "dfcs", "DFCS": "cfs"}.get(cw_label or "")
    kinds = [(value, label) for value, label in ActivityKind.choices() if value != other]
    return options([("", "Choose the kind of activity"), *kinds])


def _source_choices(cw_label: str = "CFS/DFCS") -> list[Any]:
    return options(
        [
            ("cfs", f"{cw_label} activity (hours from the social worker)"),
            ("wtw", "WTW activity"),
        ]
    )


def parse_hours(raw: str | None) -> Decimal:
    """Weekly hours as typed ("1.5"); ValueError carries the message shown next to the row."""
    text = (raw or "").strip()
    if not text:
        raise ValueError("Enter the hours per week.")
    try:
        hours = Decimal(text)
    except InvalidOperation:
        raise ValueError("Enter the hours as a number, for example 1.5.") from None
    if not hours.is_finite():
        raise ValueError("Enter the hours as a number, for example 1.5.")
    if hours < 0:
        raise ValueError("Hours must be 0 or more.")
    if hours > MAX_WEEKLY_HOURS:
        raise ValueError("A week has only 168 hours.")
    if hours != hours.quantize(Decimal("0.01")):
        raise ValueError("Use at most two decimals, for example 1.25.")
    return hours


def parse_dollars(raw: str | None) -> int | None:
    """Dollars as typed ("$45.50") to cents; blank is no amount."""
    text = (raw or "").strip().replace("$", "").replace(",", "")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError("Enter the amount in dollars, for example 45.50.") from None
    if not amount.is_finite():
        raise ValueError("Enter the amount in dollars, for example 45.50.")
    if amount < 0:
        raise ValueError("The amount cannot be negative.")
    if amount > Decimal("100000"):
        raise ValueError("Check the amount: it is more than $100,000.")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError("Use dollars and cents, for example 45.50.")
    return int(amount * 100)


def _blank(*values: Any) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


class ActivityForm(Form):
    source = SelectField("Comes from", choices=_source_choices(), default="cfs")
    kind = SelectField("Kind of activity", choices=_kind_choices(), default="")
    name = StringField("Activity", validators=[Length(max=120)])
    provider_name = StringField("Provider", validators=[Optional(), Length(max=120)])
    provider_phone = StringField("Provider phone", validators=[Optional(), Length(max=30)])
    hours = StringField(
        "Hours per week",
        description="A number from 0 to 168; decimals allowed, for example 1.5.",
        render_kw={"inputmode": "decimal"},
    )
    schedule = StringField(
        "Schedule",
        validators=[Optional(), Length(max=200)],
        description="Days and times, for example Tue and Thu 6–7:30 pm.",
    )
    start_on = _date("Start date")
    end_on = _date("End date", NotBefore("start_on", "end date", "start date"))
    progress_standard = TextAreaField(
        "How progress is judged (satisfactory-progress standard, R-PL-07)",
        validators=[Optional(), Length(max=2000)],
    )
    on_wtw2 = BooleanField("Written on the WTW 2", default=True)
    on_1811 = BooleanField("Written on the SCD/SCZ 1811", default=True)

    def is_blank(self) -> bool:
        return _blank(
            self.name.data,
            self.provider_name.data,
            self.provider_phone.data,
            self.hours.data,
            self.schedule.data,
            self.progress_standard.data,
        ) and (self.start_on.data is None and self.end_on.data is None)

    def validate_name(self, field: StringField) -> None:
        if not self.is_blank() and not (field.data or "").strip():
            raise ValidationError("Enter the activity's name.")

    def validate_kind(self, field: SelectField) -> None:
        if not self.is_blank() and not field.data:
            raise ValidationError("Choose the kind of activity.")

    def validate_hours(self, field: StringField) -> None:
        if self.is_blank():
            return
        try:
            parse_hours(field.data)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class ServiceForm(Form):
    kind = SelectField(
        "Service",
        choices=options([("", "Choose a service"), *ServiceKind.choices()]),
        default="",
    )
    detail = StringField(
        "Details",
        validators=[Optional(), Length(max=200)],
        description="For example: monthly bus pass; licensed care for the children.",
    )
    amount = StringField("Amount in dollars", render_kw={"inputmode": "decimal"})
    frequency = StringField(
        "How often", validators=[Optional(), Length(max=40)], description="For example: monthly."
    )
    advance_required = BooleanField("Paid in advance (R-SS-02)")

    def is_blank(self) -> bool:
        return _blank(self.kind.data, self.detail.data, self.amount.data, self.frequency.data)

    def validate_kind(self, field: SelectField) -> None:
        if not self.is_blank() and not field.data:
            raise ValidationError("Choose the kind of service.")

    def validate_amount(self, field: StringField) -> None:
        try:
            parse_dollars(field.data)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class PlanForm(FlaskForm):
    version = HiddenField()
    period_start = _date("Plan period starts", required=True)
    period_end = _date("Plan period ends", required=True)
    language = SelectField(
        "Language of the plan", choices=options(Language.choices()), default="en"
    )
    sw_agreement_on = _date(
        "Date the social worker agreed to the activities, hours and supportive services (R-MT-07)",
        NotInFuture("agreement date"),
    )
    activities = FieldList(FormField(ActivityForm), min_entries=1)
    services = FieldList(FormField(ServiceForm), min_entries=1)
    total_error = ""  # set by validate(): the rows together exceed a week

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        # Optional() ends a date's own checks when it is empty, so the order check lives here.
        start, end = self.period_start.data, self.period_end.data
        if start and end and end <= start and not self.period_end.errors:
            self.period_end.errors = ["The plan period must end after it starts."]
            ok = False
        hours = []
        for row in self.filled_activities():
            try:
                hours.append(parse_hours(row.hours.data))
            except ValueError:
                pass
        if sum(hours, Decimal(0)) > MAX_WEEKLY_HOURS:
            total = sum(hours, Decimal(0)).normalize()
            self.total_error = (
                f"The activities add up to {total:f} hours a week; a week has only 168 hours."
            )
            ok = False
        return ok

    def filled_activities(self) -> list[ActivityForm]:
        return [entry.form for entry in self.activities if not entry.form.is_blank()]

    def filled_services(self) -> list[ServiceForm]:
        return [entry.form for entry in self.services if not entry.form.is_blank()]

    def prepare(self, county: CountyProfile) -> None:
        """County words on the labels and choices; call again after adding rows."""
        label = county.cw_division_label
        self.sw_agreement_on.label.text = (
            f"Date the {label} social worker agreed to the activities, hours and supportive "
            "services (R-MT-07)"
        )
        for entry in self.activities:
            entry.form.source.choices = _source_choices(label)
            entry.form.kind.choices = _kind_choices(label)

    def pad(
        self, activities: int = ACTIVITY_ROWS_BLANK, services: int = SERVICE_ROWS_BLANK
    ) -> None:
        """Blank rows to add activities and services without JavaScript."""
        blank = sum(1 for entry in self.activities if entry.form.is_blank())
        for _ in range(max(0, activities - blank)):
            self.activities.append_entry()
        blank = sum(1 for entry in self.services if entry.form.is_blank())
        for _ in range(max(0, services - blank)):
            self.services.append_entry()
