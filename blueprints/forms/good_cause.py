"""Good cause: the determination (R-GC-01..07), and the "ends on" form that ends a good cause or
an exemption early."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from models.enums import GoodCauseReason
from models.operations.good_cause import NOTES_MAX, VERIFICATION_MAX, GoodCauseInput

from .bounds import Within
from .checks import NotBefore, NotInFuture, options
from .identify import _date

SW_LABEL = {
    "orange": "The CFS social worker recommended good cause",
    "santa_clara": "The DFCS social worker recommended good cause (Orange's practice)",
}
SW_HINT = {
    "orange": "In Orange the CM may grant good cause on the CFS social worker's recommendation: "
    "a cluster of court dates, visits outside the county, referrals still being processed "
    "(R-GC-03).",
    "santa_clara": "Recommending good cause is the social worker's role in Orange (R-GC-03); in "
    "Santa Clara the CWES worker decides it (R-GC-06). Tick it if the social worker did.",
}


def _yes_no(label: str, yes: str, no: str, message: str, hint: str = "") -> RadioField:
    return RadioField(
        label,
        choices=options([("yes", yes), ("no", no)]),
        validators=[InputRequired(message)],
        description=hint,
    )


class GoodCauseForm(FlaskForm):
    reasons = SelectMultipleField(
        "Reasons",
        choices=options(GoodCauseReason.choices()),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=True,
        description="Tick every reason that applies (R-GC-02, R-GC-03).",
    )
    recommended_by_sw = BooleanField(SW_LABEL["santa_clara"])
    # Not after today, not before the notice it ends (issue 13; form.limits). It may be before
    # the case: a good cause can excuse CalWORKs months from before it was identified (E24).
    decided_on = _date("Decided on", Within("notice"), required=True)
    start_on = _date("Starts on", required=True)
    end_on = _date(
        "Expected end",
        NotBefore("start_on", "expected end", "start"),
    )
    isolated = _yes_no(
        "Is it an isolated incident?",
        "Yes, an isolated incident",
        "No, it covers a period of time",
        "Say whether it is an isolated incident or a period.",
        "An isolated incident: the client resumes the activities. A period is reviewed every "
        "month (R-GC-05, R-GC-06).",
    )
    covers_half_month = _yes_no(
        "Does it excuse at least half of this month's required hours?",
        "Yes, at least half",
        "No, less than half",
        "Say whether it excuses at least half of this month's hours.",
        "If it does, the month does not count toward the 60 months on aid (R-TC-03, R-GC-09).",
    )
    verification = StringField(
        "Verification",
        validators=[Optional(), Length(max=VERIFICATION_MAX)],
        description="What proves it: a court notice, a doctor's note, the social worker's "
        "e-mail (R-GC-07). Leave blank if none was needed.",
    )
    notes = TextAreaField("Note", validators=[Optional(), Length(max=NOTES_MAX)])
    episode = HiddenField()
    notice_on: date | None = None  # the NA 840 of the noncompliance this ends, if any

    def prepare(self, county_code: str) -> None:
        self.recommended_by_sw.label.text = SW_LABEL.get(county_code, SW_LABEL["santa_clara"])
        self.recommended_by_sw.description = SW_HINT.get(county_code, SW_HINT["santa_clara"])

    def validate_reasons(self, field: SelectMultipleField) -> None:
        if not field.data:
            raise ValidationError("Tick at least one reason.")

    def values(self) -> GoodCauseInput:
        return GoodCauseInput(
            reasons=[GoodCauseReason(r) for r in self.reasons.data or ()],
            recommended_by_sw=bool(self.recommended_by_sw.data),
            decided_on=self.decided_on.data,
            start_on=self.start_on.data,
            end_on=self.end_on.data,
            isolated=self.isolated.data == "yes",
            covers_half_month=self.covers_half_month.data == "yes",
            verification=self.verification.data or "",
            notes=self.notes.data or "",
        )


class EndsOnForm(FlaskForm):
    """The last day a good cause or an exemption applies (ending it early)."""

    ends_on = _date("Ends on", NotInFuture("end date"), required=True)
    starts: date | None = None

    def validate_ends_on(self, field: Any) -> None:
        if isinstance(field.data, date) and self.starts and field.data < self.starts:
            raise ValidationError(f"It cannot end before it started ({self.starts:%m/%d/%Y}).")
