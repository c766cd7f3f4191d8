"""Noncompliance: opening an episode on the NA 840/845 (R-NC-01/02) and the small forms of one
episode (appointment, SW consultation, facts, compliance plan, withdrawal, cure) and the
supervisor's review (R-GC-08). Each form checks what it can alone; the rules that need the
episode (day 20, the blockers) are checked by the operation, which names the field at fault."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from models.enums import NoncomplianceTrigger, NoticeType, SanctionReview
from models.operations.noncompliance import NOTE_MAX, OpenInput
from models.operations.noncompliance_outcomes import PlanInput
from policy.date_bounds import Limit

from .bounds import Within
from .checks import NotBefore, NotInFuture, options
from .contacts import NotBeforeCase
from .identify import _date

OTHER = "other"
YES_NO = [("yes", "Yes"), ("no", "No")]
TRANSPORTATION = [
    ("advanced", "Yes, it was paid before the activity"),
    ("not_needed", "Not needed"),
    ("not_advanced", "No: it was needed and not paid in advance"),
]


class OpenForm(FlaskForm):
    trigger = SelectField(
        "What the client did or did not do",
        choices=options([("", "Choose one"), *NoncomplianceTrigger.choices()]),
        validators=[InputRequired("Choose what happened.")],
        description="Only these are a failure to comply (R-NC-01).",
    )
    notice_type = RadioField(
        "Notice",
        choices=options(NoticeType.choices()),
        validators=[InputRequired("Choose the notice sent.")],
    )
    notice_issued_on = _date(
        "Date the notice was issued",
        NotInFuture("issue date"),
        NotBeforeCase("issue date"),
        required=True,
    )
    about_cfs = RadioField(
        "Is it about an activity from the child-welfare case plan?",
        choices=options(YES_NO),
        validators=[InputRequired("Say whether it is about a child-welfare activity.")],
    )
    activity = SelectField("Which activity", choices=[], validate_choice=True)
    activity_other = StringField(
        "The activity, if not in the list",
        validators=[Length(max=120)],  # no Optional(): validate_activity_other reads a blank
    )
    # On or after the case, on or before the notice it led to (issue 13; form.limits).
    missed_on = _date("Day the activity was missed", Within("case", latest=("notice",)))
    transportation = RadioField(
        "Was transportation paid in advance?",
        choices=options(TRANSPORTATION),
        validators=[InputRequired("Say whether transportation was paid in advance.")],
        description="From 1 July 2026 needed transportation is paid before the activity (R-SS-02).",
    )
    note = TextAreaField("Note", validators=[Length(max=NOTE_MAX)])
    earliest: date | None = None
    plan_activities: dict[str, bool] = {}  # name → from the child-welfare case plan

    def set_activities(self, activities: list[tuple[str, bool]], cw_label: str) -> None:
        self.plan_activities = dict(activities)
        listed = [(name, f"{name} ({cw_label if cfs else 'WTW'})") for name, cfs in activities]
        self.activity.choices = options(
            [("", "No particular activity"), *listed, (OTHER, "Other (write it below)")]
        )

    def validate_trigger(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose what happened.")

    def validate(self, extra_validators: Any = None) -> bool:
        """The missed day comes before the notice it led to: the notice typed is its limit."""
        notice = self.notice_issued_on.data
        self.limits = dict(getattr(self, "limits", None) or {})
        self.limits.pop("notice", None)
        if isinstance(notice, date):
            self.limits["notice"] = Limit(notice, "the date the notice was issued")
        return bool(super().validate(extra_validators))

    def validate_activity_other(self, field: StringField) -> None:
        if self.activity.data == OTHER and not (field.data or "").strip():
            raise ValidationError("Write the activity's name.")

    def validate_about_cfs(self, field: RadioField) -> None:
        name = self.activity.data
        if name in self.plan_activities and field.data in ("yes", "no"):
            from_case_plan = self.plan_activities[name]
            if from_case_plan != (field.data == "yes"):
                where = "the child-welfare case plan" if from_case_plan else "Welfare-to-Work"
                raise ValidationError(f"{name} is an activity from {where} in the signed plan.")

    def values(self) -> OpenInput:
        name = self.activity.data or ""
        if name == OTHER:
            name = self.activity_other.data or ""
        return OpenInput(
            trigger=NoncomplianceTrigger(self.trigger.data),
            notice_type=NoticeType(self.notice_type.data),
            notice_issued_on=self.notice_issued_on.data,
            about_cfs_activity=self.about_cfs.data == "yes",
            activity_name=name,
            missed_on=self.missed_on.data,
            transportation_advanced=self.transportation.data != "not_advanced",
            note=self.note.data or "",
        )


class AppointmentForm(FlaskForm):
    on = _date("Appointment date", required=True)


class RescheduleForm(FlaskForm):
    to = _date("New appointment date", required=True)


class ConsultForm(FlaskForm):
    on = _date(
        "Date you conferred",
        NotInFuture("date you conferred"),
        NotBeforeCase("date you conferred"),
        required=True,
    )
    with_whom = StringField(
        "Social worker",
        validators=[DataRequired("Name the social worker."), Length(max=120)],
    )
    outcome = TextAreaField(
        "What you decided about good cause",
        validators=[DataRequired("Say what you decided about good cause."), Length(max=NOTE_MAX)],
    )
    earliest: date | None = None


class FactsForm(FlaskForm):
    met_state_minimum = BooleanField("The client met the state minimum hours (R-HR-09)")
    exempt_during_period = BooleanField("An exemption existed during this period (R-EX-12)")
    transportation_not_advanced = BooleanField(
        "Needed transportation was not paid in advance (R-SS-02, R-GC-08)"
    )

    def values(self) -> dict[str, bool]:
        return {
            "met_state_minimum": bool(self.met_state_minimum.data),
            "exempt_during_period": bool(self.exempt_during_period.data),
            "transportation_advanced": not self.transportation_not_advanced.data,
        }


class PlanForm(FlaskForm):
    activities = TextAreaField(
        "Activities to do",
        validators=[DataRequired("Write the activities and hours."), Length(max=NOTE_MAX)],
        description="As on the WTW 32: what, where, how many hours a week.",
    )
    start_on = _date("Start date", required=True)
    end_on = _date("End date", NotBefore("start_on", "end date", "start date"), required=True)
    agreed_on = _date(
        "Date agreed", NotInFuture("date agreed"), NotBeforeCase("date agreed"), required=True
    )
    how = RadioField(
        "How it was agreed",
        choices=options([("in_person", "In person"), ("phone", "By phone (R-NC-06)")]),
        validators=[InputRequired("Say how it was agreed.")],
    )
    earliest: date | None = None

    def values(self) -> PlanInput:
        return PlanInput(
            activities=self.activities.data or "",
            start_on=self.start_on.data,
            end_on=self.end_on.data,
            agreed_on=self.agreed_on.data,
            by_phone=self.how.data == "phone",
        )


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        "Why it is withdrawn",
        validators=[DataRequired("Say why it is withdrawn."), Length(max=NOTE_MAX)],
        description="For example: the notice was sent to the wrong client.",
    )


class CureForm(FlaskForm):
    signed_on = _date("Cure plan (WTW 29) signed on", NotInFuture("signing date"), required=True)
    activity_ends_on = _date(
        "The cure activity ends on",
        NotBefore("signed_on", "activity end", "signing date"),
        required=True,
    )


class ConfirmForm(FlaskForm):
    """A button with nothing to type (the CSRF token only)."""


class ReviewForm(FlaskForm):
    decision = RadioField(
        "Decision",
        choices=options(SanctionReview.choices()),
        validators=[InputRequired("Approve the sanction or return it.")],
    )
    note = TextAreaField(
        "Note",
        validators=[Length(max=NOTE_MAX)],  # no Optional(): validate_note reads a blank note
        description="Required to return it: supportive services not issued, wrong notices, "
        "exemption-eligible, full-time work, a late request (R-GC-08).",
    )

    def validate_note(self, field: Any) -> None:
        if self.decision.data == SanctionReview.RETURNED and not (field.data or "").strip():
            raise ValidationError("Say why it goes back and what to do instead.")
