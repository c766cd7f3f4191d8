"""Joint meeting: when and where, who came, the agenda (R-MT-03), Santa Clara's topics (R-MT-04),
strengths/barriers/needs/concerns, referrals, and the integration decision (R-MT-05, R-MT-08)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from models.cases import MutualCase
from models.enums import AttendeeRole, IntegrationConsent, MeetingPlace, ReferralProgram
from models.meeting import AGENDA_ITEMS, TOPICS, Meeting
from models.operations.meeting import local_parts

from .checks import DATE_HINT, DATE_MESSAGE, CappedFieldList, NotInFuture, options

TEXT_MAX = 5000
TEXT_FIELDS = ("strengths", "barriers", "needs", "concerns", "notes")
RECORD_FIELDS = ("location_kind", "location_detail", "held_on", "client_attended", *TEXT_FIELDS)

MAX_ATTENDEES = 20  # a joint meeting, not a conference


def _date(label: str, *checks: object) -> DateField:
    return DateField(
        label,
        validators=[Optional(), *checks],
        description=DATE_HINT,
        render_kw={"inputmode": "numeric"},
        format=["%Y-%m-%d", "%m/%d/%Y"],
        invalid_value_message=DATE_MESSAGE,
    )


def _text(label: str, hint: str = "") -> TextAreaField:
    return TextAreaField(
        label, description=hint, validators=[Optional(), Length(max=TEXT_MAX)], default=""
    )


def role_labels(county: Any) -> dict[str, str]:
    """Attendee roles in the county's words (§c3 attendees[].role)."""
    return {
        role.value: role.in_county(county.specialist_title, county.cw_division_label)
        for role in AttendeeRole
    }


class AttendeeForm(Form):
    role = SelectField("Role", choices=options(AttendeeRole.choices()), default="ec")
    name = StringField("Name", validators=[Optional(), Length(max=120)])
    present = BooleanField("Was at the meeting")

    def is_blank(self) -> bool:
        return not (self.name.data or "").strip()


class MeetingForm(FlaskForm):
    version = HiddenField()
    scheduled_date = _date("Meeting date")
    scheduled_time = TimeField(
        "Meeting time",
        validators=[Optional()],
        description="For example: 14:30 or 2:30 PM (county time)",
        format=["%H:%M", "%I:%M %p", "%I:%M%p"],
        invalid_value_message="Enter the time as hours and minutes, for example 14:30.",
    )
    location_kind = SelectField(
        "Where",
        choices=options(MeetingPlace.choices()),
        default="office",
        validators=[InputRequired("Choose where the meeting takes place.")],
    )
    location_detail = StringField(
        "Place details",
        description="Room, address or call details",
        validators=[Optional(), Length(max=200)],
    )
    attendees = CappedFieldList(
        FormField(AttendeeForm), min_entries=1, most=MAX_ATTENDEES, what="attendees"
    )
    held_on = _date("Date the meeting was held", NotInFuture("date the meeting was held"))
    client_attended = BooleanField("The client took part (R-MT-01: “if possible”)")
    strengths = _text("Strengths")
    barriers = _text("Barriers")
    needs = _text("Needs")
    concerns = _text("Concerns")
    notes = _text("Other notes")
    referrals = SelectMultipleField(
        "Referrals made at the meeting",
        choices=options(ReferralProgram.choices()),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )
    integration = RadioField(
        "The client's decision on integrating the plans",
        choices=options(IntegrationConsent.choices()),
        default="pending",
        validators=[InputRequired("Choose the client's decision on integration.")],
    )
    integration_note = _text("Why the client declined integration")

    # Programs already referred on this case (set by the view; shown ticked and not sent again).
    existing_referrals: frozenset[str] = frozenset()

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        # Optional() ends an empty field's own checks, so the rules across fields live here.
        day, time, held = self.scheduled_date.data, self.scheduled_time.data, self.held_on.data
        if day and not time and not self.scheduled_time.errors:
            self.scheduled_time.errors = ["Enter the meeting time too."]
            ok = False
        if time and not day and not self.scheduled_date.errors:
            self.scheduled_date.errors = ["Enter the meeting date too."]
            ok = False
        if held and not day and not self.scheduled_date.errors:
            self.scheduled_date.errors = [
                "Enter the date and time the meeting was set for (it can be the day it was held)."
            ]
            ok = False
        if held and day and held < day and not self.held_on.errors:
            self.held_on.errors = [
                "The date the meeting was held cannot be before the date it was scheduled for "
                f"({day.strftime('%m/%d/%Y')})."
            ]
            ok = False
        if self.integration.data == "declined" and not (self.integration_note.data or "").strip():
            self.integration_note.errors = [
                "Say why the client declined integration: the case then continues with "
                "separate plans (R-MT-05)."
            ]
            ok = False
        new = set(self.referrals.data or ()) - set(self.existing_referrals)
        if "fsp" in new and self.integration.data != "agreed":
            self.referrals.errors = [
                "The client must accept integration before an FSP referral (R-MT-05). Record "
                "the decision as agreed, or leave FSP unticked."
            ]
            ok = False
        return ok

    def filled_attendees(self) -> list[dict[str, Any]]:
        return [
            {"role": e.form.role.data, "name": e.form.name.data, "present": e.form.present.data}
            for e in self.attendees
            if not e.form.is_blank()
        ]

    @staticmethod
    def data_for(
        case: MutualCase, meeting: Meeting | None, referred: list[str], zone: ZoneInfo
    ) -> dict[str, Any]:
        """The saved meeting as form data; for a new meeting, the people we already know."""
        values: dict[str, Any] = {
            "version": "" if meeting is None else str(meeting.version_id),
            "integration": case.integration_consent.value,
            "integration_note": case.integration_note,
            "referrals": referred,
        }
        if meeting is None:
            cw = case.child_welfare_case
            sw = cw.social_worker if cw else None
            people = [
                ("ec", case.assigned_worker.name if case.assigned_worker else ""),
                ("sw", sw.name if sw else ""),
                ("client", case.participant.display_name),
            ]
            values["attendees"] = [
                {"role": role, "name": name, "present": False} for role, name in people if name
            ]
            return values
        day, time = local_parts(meeting.scheduled_at, zone)
        values.update(
            scheduled_date=day,
            scheduled_time=time,
            attendees=[
                {"role": a.role, "name": a.name, "present": a.present} for a in meeting.attendees
            ],
            **{name: getattr(meeting, name) for name in RECORD_FIELDS},
            **{name: getattr(meeting, name) for name, _label in (*AGENDA_ITEMS, *TOPICS)},
        )
        return values

    def values(self, *, santa_clara: bool, zone: ZoneInfo) -> dict[str, Any]:
        """What the meeting operation saves; the topics only where they are the county's rule
        (R-MT-04 is Santa Clara's)."""
        day, time = self.scheduled_date.data, self.scheduled_time.data
        scheduled_at = None
        if day and time:  # entered in county time, stored in UTC
            scheduled_at = datetime.combine(day, time, tzinfo=zone).astimezone(timezone.utc)
        names = [name for name, _label in AGENDA_ITEMS]
        if santa_clara:
            names += [name for name, _label in TOPICS]
        return {
            "scheduled_at": scheduled_at,
            "location_kind": self.location_kind.data,
            "location_detail": self.location_detail.data or "",
            "held_on": self.held_on.data,
            "client_attended": bool(self.client_attended.data),
            "attendees": self.filled_attendees(),
            "referrals": list(self.referrals.data or ()),
            "integration": self.integration.data,
            "integration_note": (self.integration_note.data or "").strip(),
            **{name: self[name].data for name in names},
            **{name: self[name].data or "" for name in TEXT_FIELDS},
        }


# The checklist fields come from the models' lists so the labels live in one place.
for _name, _label in (*AGENDA_ITEMS, *TOPICS):
    setattr(MeetingForm, _name, BooleanField(_label))
