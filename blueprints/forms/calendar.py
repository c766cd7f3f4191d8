"""An entry on the client's calendar (issue 15): what, whose, when, how often, where."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import Any

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from models.enums import CalendarAgency, CalendarKind
from models.operations.calendar import NOTE_MAX, PLACE_MAX, EntryInput

from .checks import options
from .identify import _date

# Whose obligation each kind is; only "Other" asks.
KIND_AGENCY = {
    CalendarKind.COURT: CalendarAgency.CW,
    CalendarKind.VISITATION: CalendarAgency.CW,
    CalendarKind.CFT: CalendarAgency.CW,
    CalendarKind.FUP: CalendarAgency.CW,
    CalendarKind.WTW_APPOINTMENT: CalendarAgency.WTW,
}
REPEAT_MOST = timedelta(days=366)
YEARS_AWAY = timedelta(days=2 * 366)
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?\s*m?\.?)?$", re.IGNORECASE)
TIME_MESSAGE = "Enter a time such as 9:30 AM or 14:00."


def parse_clock(text: str) -> time | None:
    """ "14:00", "9:30", "9:30 AM", "2 pm" (a browser's time field sends "14:00")."""
    match = _CLOCK.match(text.strip())
    if match is None:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower() == "p" else 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


class _Clock(StringField):
    """A time typed or picked; the typed text stays on an error."""

    raw: str | None = None

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.raw = (valuelist[0] if valuelist else "").strip()[:20]
        self.data = parse_clock(self.raw) if self.raw else None

    def _value(self) -> str:
        if getattr(self, "raw", None) is not None:
            return self.raw
        return self.data.strftime("%H:%M") if isinstance(self.data, time) else ""


class EntryForm(FlaskForm):
    kind = SelectField(
        "What it is",
        choices=options([("", "Choose what it is"), *CalendarKind.choices()]),
        validators=[DataRequired("Choose what it is.")],
    )
    agency = RadioField("Whose obligation", choices=[], validate_choice=False)
    on = _date("Date", required=True)
    starts_at = _Clock(
        "Starts at",
        description="Leave blank for a whole day. For example: 9:30 AM",
        render_kw={"type": "time"},
    )
    ends_at = _Clock("Ends at", render_kw={"type": "time"})
    repeat_until = _date("Every week until")
    place = StringField(
        "Place",
        validators=[Length(max=PLACE_MAX)],
        description="A courtroom, an office. Never the address where a child is placed.",
    )
    note = TextAreaField("Note", validators=[Length(max=NOTE_MAX)])

    def prepare(self, cw_label: str) -> EntryForm:
        """Whose obligation in the county's words (CFS or DFCS)."""
        self.agency.choices = options((a.value, a.in_county(cw_label)) for a in CalendarAgency)
        self.agency.description = (
            f"Court, visitation, CFT and FUP meetings are {cw_label}'s; a WTW appointment is "
            "WTW's. Choose only for Other."
        )
        self.repeat_until.description = (
            "Leave blank for once. Visitation is often weekly. For example: 12/31/2026"
        )
        self.cw_label = cw_label
        return self

    def validate_agency(self, field: RadioField) -> None:
        kind = CalendarKind(self.kind.data) if self.kind.data in set(CalendarKind) else None
        if field.data and field.data not in set(CalendarAgency):
            raise ValidationError("Choose whose obligation it is.")
        if kind is CalendarKind.OTHER and not field.data:
            raise ValidationError("Choose whose obligation it is.")
        fixed = KIND_AGENCY.get(kind) if kind else None
        if fixed and field.data and field.data != fixed.value:
            whose = fixed.in_county(getattr(self, "cw_label", "child welfare"))
            raise ValidationError(f"A {kind.label.lower()} is {whose}'s: leave this as it is.")

    def validate_on(self, field: Any) -> None:
        today = getattr(self, "today", None)
        if isinstance(field.data, date) and today and abs(field.data - today) > YEARS_AWAY:
            raise ValidationError("That date is more than two years away: check the year.")

    def validate_starts_at(self, field: _Clock) -> None:
        if field.raw and field.data is None:
            raise ValidationError(TIME_MESSAGE)

    def validate_ends_at(self, field: _Clock) -> None:
        if field.raw and field.data is None:
            raise ValidationError(TIME_MESSAGE)
        if field.data and self.starts_at.data is None and not self.starts_at.raw:
            raise ValidationError("Give the start time too, or leave the end blank.")
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            start = self.starts_at.data.strftime("%-I:%M %p")
            raise ValidationError(f"The end must be after the start ({start}).")

    def validate_repeat_until(self, field: Any) -> None:
        first = self.on.data
        if not isinstance(field.data, date) or not isinstance(first, date):
            return
        if field.data < first:
            raise ValidationError(f"The last week cannot be before the date ({first:%m/%d/%Y}).")
        if field.data - first > REPEAT_MOST:
            raise ValidationError("A weekly repeat runs at most a year: add another entry after.")

    def values(self) -> EntryInput:
        kind = CalendarKind(self.kind.data)
        agency = KIND_AGENCY.get(kind) or CalendarAgency(self.agency.data)
        return EntryInput(
            kind=kind,
            agency=agency,
            on=self.on.data,
            starts_at=self.starts_at.data,
            ends_at=self.ends_at.data,
            repeat_until=self.repeat_until.data,
            place=self.place.data or "",
            note=self.note.data or "",
        )
