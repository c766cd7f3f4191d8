"""Joint meeting, second form: "Record the meeting held" — the day (any day from the case's
identification up to today, earlier than scheduled or never scheduled), who was there, the agenda
of the county's procedure (Santa Clara R-MT-03/04, Orange R-MT-06), what the client brings and
needs, the integration decision and the referrals made (R-MT-05)."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from models.cases import MutualCase
from models.enums import IntegrationConsent, ReferralProgram
from models.meeting import AGENDA_ITEMS, TOPICS, Meeting, agenda_for
from models.operations.meeting import RecordInput

from .checks import NotInFuture, options
from .meeting import NotBeforeStart, filled_people, meeting_date, people_field, people_on_file

TEXT_MAX = 5000
TEXT_FIELDS = ("strengths", "barriers", "needs", "concerns", "notes")


def _text(label: str) -> TextAreaField:
    return TextAreaField(
        label, validators=[Optional(), Length(max=TEXT_MAX)], default="", render_kw={"rows": 2}
    )


def checklist(county_code: str) -> list[tuple[str, str]]:
    """The boxes this county's form asks about: its agenda and, in Santa Clara, the topics."""
    items = list(agenda_for(county_code))
    return items + list(TOPICS) if county_code == "santa_clara" else items


class RecordForm(FlaskForm):
    version = HiddenField()
    held_on = meeting_date(
        "Held on",
        NotInFuture("date the meeting was held"),
        NotBeforeStart("date the meeting was held"),
        required="Enter the date the meeting was held.",
    )
    attendees = people_field()
    strengths = _text("Strengths")
    barriers = _text("Barriers")
    needs = _text("Needs")
    concerns = _text("Concerns")
    notes = _text("Other notes")
    integration = RadioField(
        "The client's decision on integrating the plans",
        choices=options(IntegrationConsent.choices()),
        default="pending",
        validators=[InputRequired("Choose the client's decision on integration.")],
    )
    integration_note = _text("Why the client declined integration")
    referrals = SelectMultipleField(
        "Referrals made at the meeting",
        choices=options(ReferralProgram.choices()),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[Optional()],
    )

    earliest = None  # set by the view (forms.meeting.set_earliest)
    # Programs already referred on this case (set by the view; shown ticked and not sent again).
    existing_referrals: frozenset[str] = frozenset()

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
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

    @staticmethod
    def data_for(case: MutualCase, meeting: Meeting | None, referred: list[str]) -> dict[str, Any]:
        values: dict[str, Any] = {
            "version": "" if meeting is None else str(meeting.version_id),
            "integration": case.integration_consent.value,
            "integration_note": case.integration_note,
            "referrals": referred,
            "attendees": people_on_file(case, meeting),
        }
        if meeting is not None:
            values["held_on"] = meeting.held_on
            values.update({name: getattr(meeting, name) for name in TEXT_FIELDS})
            values.update(
                {name: getattr(meeting, name) for name, _label in (*AGENDA_ITEMS, *TOPICS)}
            )
        return values

    def values(self, county_code: str) -> RecordInput:
        return RecordInput(
            held_on=self.held_on.data,
            people=filled_people(self.attendees),
            checked={name: bool(self[name].data) for name, _label in checklist(county_code)},
            texts={name: self[name].data or "" for name in TEXT_FIELDS},
            referrals=list(self.referrals.data or ()),
            integration=self.integration.data,
            integration_note=(self.integration_note.data or "").strip(),
        )


# The checklist fields come from the models' lists so the labels live in one place; the page
# relabels Orange's from models.meeting.ORANGE_AGENDA.
for _name, _label in (*AGENDA_ITEMS, *TOPICS):
    setattr(RecordForm, _name, BooleanField(_label))
