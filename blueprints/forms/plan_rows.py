"""One activity row and one supportive-service row of the plan, and the parsing of what the EC
types into them: hours (R-HR-06: 0 to 168 a week) and dollars (R-SS-01..05)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from wtforms import BooleanField, Form, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional, ValidationError

from models.enums import ActivityKind, ServiceKind
from models.operations.plan import ActivityInput
from policy.activity_kinds import kind_fits, sources_of

from .checks import NotBefore, options
from .identify import _date

MAX_WEEKLY_HOURS = Decimal(168)


def county_kinds(cw_label: str | None = None) -> list[tuple[str, str]]:
    """Every kind a county offers: each sees only its own catch-all code (CFS in Orange, DFCS
    in Santa Clara)."""
    other = {"CFS": "dfcs", "DFCS": "cfs"}.get(cw_label or "")
    return [(value, label) for value, label in ActivityKind.choices() if value != other]


def _kind_choices(
    cw_label: str | None = None, source: str | None = None, keep: str = ""
) -> list[Any]:
    """The kinds that fit where the row comes from (policy.activity_kinds); ``keep`` is a kind
    typed that does not fit, shown so the EC sees what the message next to it is about."""
    kinds = [
        (value, label)
        for value, label in county_kinds(cw_label)
        if source not in ("cfs", "wtw") or kind_fits(value, source) or value == keep
    ]
    return options([("", "Choose the kind of activity"), *kinds])


def kind_mismatch(kind: str, source: str, cw_label: str) -> str:
    """The message next to a kind that cannot come from the chosen side, or ""."""
    if not kind or source not in ("cfs", "wtw") or kind_fits(kind, source):
        return ""
    label = ActivityKind.label_of(kind)
    if sources_of(kind) == {"wtw"}:
        return (
            f"“{label}” is a WTW activity, not an item of the {cw_label} case plan: choose a "
            f"{cw_label} kind, or change “Comes from” to WTW."
        )
    return (
        f"“{label}” is an item of the {cw_label} case plan, not a WTW activity: choose a WTW "
        f"kind, or change “Comes from” to {cw_label}."
    )


def _source_choices(cw_label: str = "CFS/DFCS", *, wtw_only: bool = False) -> list[Any]:
    wtw = ("wtw", "WTW activity")
    if wtw_only:
        return options([wtw])
    return options([("cfs", f"{cw_label} activity"), wtw])


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
    # The list follows "Comes from" (prepare), so the choice is checked in validate_kind.
    kind = SelectField(
        "Kind of activity", choices=_kind_choices(), default="", validate_choice=False
    )
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
        return row_blank({name: getattr(self, name).data for name in ROW_FIELDS})

    def validate_name(self, field: StringField) -> None:
        if not self.is_blank() and not (field.data or "").strip():
            raise ValidationError("Enter the activity's name.")

    cw_label = "CFS/DFCS"  # the county's word, set by PlanForm.prepare

    def validate_kind(self, field: SelectField) -> None:
        if self.is_blank():
            return
        if not field.data:
            raise ValidationError("Choose the kind of activity.")
        if field.data not in dict(county_kinds(self.cw_label)):
            raise ValidationError("Choose the kind of activity from the list.")
        mismatch = kind_mismatch(field.data, self.source.data or "", self.cw_label)
        if mismatch:
            raise ValidationError(mismatch)

    def validate_hours(self, field: StringField) -> None:
        if self.is_blank():
            return
        try:
            parse_hours(field.data)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None

    def to_input(self, row: int, uses_1811: bool) -> ActivityInput:
        """The row for the plan operation; ValueError when its hours or source cannot count."""
        return row_input(row, {name: getattr(self, name).data for name in ROW_FIELDS}, uses_1811)


# The fields of an activity row, as ActivityForm names them (and as plan_typed reads them).
ROW_FIELDS = (
    "source kind name provider_name provider_phone hours schedule start_on end_on "
    "progress_standard on_wtw2 on_1811"
).split()


def row_input(row: int, v: dict[str, Any], uses_1811: bool) -> ActivityInput:
    """One row's values (ROW_FIELDS, as the form's fields hold them) for the plan operation;
    ValueError when its hours or source cannot count. Shared by the form and the preview's
    lighter reading of the same fields (plan_typed), so both count a row alike."""
    hours = parse_hours(v["hours"])
    if v["source"] not in ("cfs", "wtw"):
        raise ValueError("Choose where the activity comes from.")
    return ActivityInput(
        row=row,
        source=v["source"],
        kind=v["kind"] or "",
        name=(v["name"] or "").strip(),
        hours_per_week=hours,
        provider_name=(v["provider_name"] or "").strip(),
        provider_phone=(v["provider_phone"] or "").strip(),
        schedule=(v["schedule"] or "").strip(),
        start_on=v["start_on"],
        end_on=v["end_on"],
        progress_standard=(v["progress_standard"] or "").strip(),
        on_wtw2=bool(v["on_wtw2"]),
        # Orange has no 1811: the box is not shown and the hours do not depend on it.
        on_1811=bool(v["on_1811"]) if uses_1811 else True,
    )


def row_blank(v: dict[str, Any]) -> bool:
    """Nothing typed in the row (ActivityForm.is_blank on the same values)."""
    return _blank(
        v["name"],
        v["provider_name"],
        v["provider_phone"],
        v["hours"],
        v["schedule"],
        v["progress_standard"],
    ) and (v["start_on"] is None and v["end_on"] is None)


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
