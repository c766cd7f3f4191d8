"""Joint meeting, first form: "Schedule the meeting" — the date and time, where (or by phone or
video), and who is invited (R-MT-01, R-MT-08, §c3). The people rows are shared with the second
form (blueprints/forms/meeting_held.py), which ticks who was there."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TimeField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from models.cases import MutualCase
from models.enums import AttendeeRole, Language, MeetingPlace
from models.meeting import Meeting
from models.operations.meeting import Person, ScheduleInput, local_parts

from .checks import DATE_HINT, DATE_MESSAGE, CappedFieldList, options

MAX_ATTENDEES = 20  # a joint meeting, not a conference
PEOPLE_ROWS = 4  # rows shown at least, one always empty: people are added without JavaScript


def meeting_date(label: str, *checks: object, required: str = "") -> DateField:
    """A date typed as MM/DD/YYYY (or picked); ``required`` is the message when left empty."""
    return DateField(
        label,
        validators=[InputRequired(required) if required else Optional(), *checks],
        description=DATE_HINT,
        render_kw={"inputmode": "numeric"},
        format=["%Y-%m-%d", "%m/%d/%Y"],
        invalid_value_message=DATE_MESSAGE,
    )


class NotBeforeStart:
    """Not before the case reached this step: set ``form.earliest`` to the day the specialist was
    assigned (the day the case was identified while no one is assigned)."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __call__(self, form: Any, field: Any) -> None:
        earliest: date | None = getattr(form, "earliest", None)
        if isinstance(field.data, date) and earliest and field.data < earliest:
            event = "assigned" if getattr(form, "earliest_is_assignment", False) else "identified"
            raise ValidationError(
                f"The {self.what} cannot be before the case was {event} ({earliest:%m/%d/%Y})."
            )


def set_earliest(form: Any, case: MutualCase) -> None:
    """The first day a meeting date may name: the assignment, else the identification."""
    form.earliest = case.assigned_on or case.identified_on
    form.earliest_is_assignment = case.assigned_on is not None


def role_labels(county: Any) -> dict[str, str]:
    """Attendee roles in the county's words (§c3 attendees[].role)."""
    return {
        role.value: role.in_county(county.specialist_title, county.cw_division_label)
        for role in AttendeeRole
    }


class PersonForm(Form):
    role = SelectField("Role", choices=options(AttendeeRole.choices()), default="provider")
    name = StringField("Name", validators=[Optional(), Length(max=120)])
    present = BooleanField("Was there")

    def is_blank(self) -> bool:
        return not (self.name.data or "").strip()


def people_field() -> CappedFieldList:
    return CappedFieldList(
        FormField(PersonForm), min_entries=1, most=MAX_ATTENDEES, what="attendees"
    )


def filled_people(rows: Any) -> list[Person]:
    return [
        Person(e.form.role.data, (e.form.name.data or "").strip(), bool(e.form.present.data))
        for e in rows
        if not e.form.is_blank()
    ]


def pad_people(rows: Any, county: Any) -> None:
    """At least four rows and always one empty, each role in the county's words."""
    blank = sum(1 for entry in rows if entry.form.is_blank())
    while len(rows) < PEOPLE_ROWS or blank < 1:
        if rows.append_entry() is None:  # the most allowed: no empty row to add
            break
        blank += 1
    roles = options(role_labels(county).items())
    for entry in rows:
        entry.form.role.choices = roles


def interpreter_language(case: MutualCase) -> str:
    """The client's language when it is not English (an interpreter is invited), else ""."""
    code = case.participant.preferred_language or "en"
    return "" if code == "en" else Language.label_of(code, code)


def people_on_file(case: MutualCase, meeting: Meeting | None) -> list[dict[str, Any]]:
    """The meeting's people, or those already known for a new meeting: the worker, the social
    worker, the client and, when the client's language is not English, an interpreter."""
    if meeting is not None and meeting.attendees:
        return [{"role": a.role, "name": a.name, "present": a.present} for a in meeting.attendees]
    cw = case.child_welfare_case
    sw = cw.social_worker if cw else None
    people = [
        ("ec", case.assigned_worker.name if case.assigned_worker else ""),
        ("sw", sw.name if sw else ""),
        ("client", case.participant.display_name),
    ]
    if language := interpreter_language(case):
        people.append(("interpreter", f"{language} interpreter"))
    return [{"role": role, "name": name, "present": False} for role, name in people if name]


class ScheduleForm(FlaskForm):
    version = HiddenField()
    scheduled_date = meeting_date(
        "Date",
        NotBeforeStart("meeting date"),
        required="Enter the meeting date.",
    )
    scheduled_time = TimeField(
        "Time",
        validators=[InputRequired("Enter the meeting time.")],
        description="For example: 2:30 PM or 14:30 (county time)",
        format=["%H:%M", "%I:%M %p", "%I:%M%p"],
        invalid_value_message="Enter the time as hours and minutes, for example 2:30 PM.",
    )
    location_kind = SelectField(
        "Where",
        choices=options([("", "Choose where"), *MeetingPlace.choices()]),
        default="office",
        validators=[InputRequired("Choose where the meeting takes place.")],
    )
    location_detail = StringField(
        "Room, address or call details",
        validators=[Optional(), Length(max=200)],
    )
    attendees = people_field()

    earliest = None  # set by the view (set_earliest)

    @staticmethod
    def data_for(case: MutualCase, meeting: Meeting | None, zone: ZoneInfo) -> dict[str, Any]:
        values: dict[str, Any] = {
            "version": "" if meeting is None else str(meeting.version_id),
            "attendees": people_on_file(case, meeting),
        }
        if meeting is not None:
            day, time = local_parts(meeting.scheduled_at, zone)
            values.update(
                scheduled_date=day,
                scheduled_time=time,
                location_kind=meeting.location_kind,
                location_detail=meeting.location_detail,
            )
        return values

    def values(self, zone: ZoneInfo) -> ScheduleInput:
        """Entered in county time, stored in UTC."""
        at = datetime.combine(self.scheduled_date.data, self.scheduled_time.data, tzinfo=zone)
        return ScheduleInput(
            scheduled_at=at.astimezone(timezone.utc),
            location_kind=self.location_kind.data,
            location_detail=self.location_detail.data or "",
            people=filled_people(self.attendees),
        )
