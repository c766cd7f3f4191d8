"""A week of attendance (SCD/SCZ 1811 A): per activity, hours attended and excused with the
reason, and whether the provider verified them, by whom and when (R-CF-03, R-GC-02)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, Form, FormField, HiddenField, SelectField, StringField
from wtforms.validators import Length, ValidationError

from models.enums import ExcuseReason
from models.operations.attendance import AttendanceInput
from models.queries.attendance import WeekGrid

from .checks import CappedFieldList, NotInFuture, options
from .identify import _date
from .plan_rows import parse_hours


def parse_recorded_hours(raw: str | None) -> Decimal | None:
    """Hours as typed; blank is "not recorded" (None). ValueError says what to fix."""
    if not (raw or "").strip():
        return None
    return parse_hours(raw)


def _hours_check(_form: Any, field: StringField) -> None:
    try:
        parse_recorded_hours(field.data)
    except ValueError as exc:
        raise ValidationError(str(exc).replace(" per week", "")) from None


class AttendanceRowForm(Form):
    activity_id = HiddenField()
    version = HiddenField()  # the row's version_id when it was shown; "0" for a new row
    attended = StringField(
        "Hours attended", validators=[_hours_check], render_kw={"inputmode": "decimal"}
    )
    excused = StringField(
        "Hours excused", validators=[_hours_check], render_kw={"inputmode": "decimal"}
    )
    reason = SelectField(
        "Why excused",
        choices=options([("", "No reason yet"), *ExcuseReason.choices()]),
        default="",
    )
    provider_verified = BooleanField("Verified by the provider")
    verified_by = StringField("Verified by", validators=[Length(max=120)])
    verified_on = _date("Verified on", NotInFuture("verification date"))

    def is_blank(self) -> bool:
        return not (self.attended.data or "").strip() and not (self.excused.data or "").strip()

    def validate_reason(self, field: SelectField) -> None:
        if field.data and not (self.excused.data or "").strip():
            raise ValidationError("Enter the hours excused for this reason, or choose no reason.")

    def validate_verified_by(self, field: StringField) -> None:
        if self.provider_verified.data and not (field.data or "").strip():
            raise ValidationError("Say who at the provider verified the hours.")

    def to_input(self) -> AttendanceInput:
        return AttendanceInput(
            activity_id=int(self.activity_id.data),
            attended=float(parse_recorded_hours(self.attended.data) or 0),
            excused=float(parse_recorded_hours(self.excused.data) or 0),
            reason=self.reason.data or "",
            provider_verified=bool(self.provider_verified.data),
            verified_by=self.verified_by.data or "",
            verified_on=self.verified_on.data,
        )


class WeekForm(FlaskForm):
    rows = CappedFieldList(FormField(AttendanceRowForm), label="Activity", most=40, what="rows")
    week_start: date | None = None  # set by the view: no verification before the week started

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        for entry in self.rows:
            row = entry.form
            when = row.verified_on.data
            if self.week_start and when and when < self.week_start and not row.verified_on.errors:
                row.verified_on.errors = [
                    "The provider cannot have verified the hours before the week began "
                    f"({self.week_start:%m/%d/%Y})."
                ]
                ok = False
        return ok

    def inputs(self, only: int | None = None) -> list[AttendanceInput]:
        """The rows with hours typed (a blank row is not recorded); ``only`` one activity."""
        found = []
        for entry in self.rows:
            row = entry.form
            if row.is_blank() or not (row.activity_id.data or "").isdigit():
                continue
            if only is not None and int(row.activity_id.data) != only:
                continue
            found.append(row.to_input())
        return found

    def versions(self) -> dict[int, str]:
        return {
            int(e.form.activity_id.data): e.form.version.data or "0"
            for e in self.rows
            if (e.form.activity_id.data or "").isdigit()
        }

    @staticmethod
    def data_for(grid: WeekGrid) -> dict[str, Any]:
        """The recorded week as form data; activities not running that week are left out."""
        rows = []
        for row in grid.rows:
            if not row.runs:
                continue
            entry = row.entry
            data: dict[str, Any] = {"activity_id": str(row.activity.id), "version": "0"}
            if entry is not None:
                data.update(
                    version=str(entry.version_id),
                    attended=_shown(entry.attended_hours),
                    excused=_shown(entry.excused_hours) if entry.excused_hours else "",
                    reason=entry.absence_reason,
                    provider_verified=entry.provider_verified,
                    verified_by=entry.verified_by,
                    verified_on=entry.verified_on,
                )
            rows.append(data)
        return {"rows": rows}


def _shown(hours: Any) -> str:
    value = float(hours)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def week_label(monday: date) -> str:
    sunday = monday + timedelta(days=6)
    return f"{monday:%m/%d/%Y} to {sunday:%m/%d/%Y}"
