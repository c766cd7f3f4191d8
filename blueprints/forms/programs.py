"""Family reunification (AB 429 / AB 135) and family stabilization (FSP): the forms of the
Reunification and stabilization page (R-FR-01..08, R-FS-03/04)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from models.enums import FrEndReason, FrIneligibility, ReferralStatus, ReunificationProgram
from models.operations.programs import NOTES_MAX, FspInput, ReunificationInput
from policy.programs import fs_plan_latest_end

from .checks import NotBefore, NotInFuture, options
from .contacts import NotBeforeCase
from .identify import _date

AB135_FROM = date(2025, 1, 1)  # R-FR-06: AB 135 cash aid from 1 January 2025


def _when(form: Any, name: str) -> date | None:
    value = form[name].data
    return value if isinstance(value, date) else None


def _require(field: Any, message: str) -> bool:
    """A date needed here: False, with the message next to it, when it was left blank."""
    if field.data is None and not field.errors:
        field.errors = [message]
        return False
    return True


class ReunificationForm(FlaskForm):
    program = RadioField(
        "Which family reunification",
        choices=options(ReunificationProgram.choices()),
        validators=[InputRequired("Choose AB 429 (services only) or AB 135 (cash aid).")],
    )
    removed_on = _date("Children removed on", NotInFuture("removal date"), required=True)
    plan_on = _date(
        "Reunification plan date",
        NotInFuture("plan date"),
        NotBefore("removed_on", "plan date", "removal"),
    )
    all_children_removed = BooleanField(
        "All the children are removed and in out-of-home care, with a reunification plan"
    )
    aided_at_removal = BooleanField("The family was getting CalWORKs when the child was removed")
    sw_found_necessary = BooleanField(
        "The social worker (or the court) found CalWORKs services necessary for reunification"
    )
    sw_necessity_on = _date(
        "Found necessary on",
        NotInFuture("date services were found necessary"),
        NotBefore("removed_on", "date services were found necessary", "removal"),
    )
    exclusions = SelectMultipleField(
        "Does any of these apply to the parent? (R-FR-02)",
        choices=options(FrIneligibility.choices()),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=True,
    )
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=NOTES_MAX)], id="fr-notes")

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        # Optional() ends a blank date's checks, so the dates needed only sometimes are here.
        ab135 = self.program.data == ReunificationProgram.AB135
        if not self.exclusions.data:  # not eligible: saved with its reason and no dates (E28)
            ok &= _require(
                self.plan_on,
                "Enter the date the plan was amended to recommend cash aid: the six full months "
                "count from it (R-FR-07)."
                if ab135
                else "Enter the reunification plan date: the 6-month redetermination counts from "
                "it (R-FR-08).",
            )
        plan_on = _when(self, "plan_on")
        if ab135 and plan_on and plan_on < AB135_FROM and not self.plan_on.errors:
            self.plan_on.errors = [
                "AB 135 cash aid began on 01/01/2025 (R-FR-06): for an earlier plan, choose AB 429."
            ]
            ok = False
        if self.sw_found_necessary.data:
            ok &= _require(
                self.sw_necessity_on, "Enter the date the social worker found services necessary."
            )
        return ok

    def values(self) -> ReunificationInput:
        return ReunificationInput(
            program=ReunificationProgram(self.program.data),
            removed_on=self.removed_on.data,
            plan_on=self.plan_on.data,
            all_children_removed=bool(self.all_children_removed.data),
            aided_at_removal=bool(self.aided_at_removal.data),
            sw_found_necessary=bool(self.sw_found_necessary.data),
            sw_necessity_on=self.sw_necessity_on.data,
            exclusions=list(self.exclusions.data or ()),
            notes=self.notes.data or "",
        )


class ExtensionForm(FlaskForm):
    extension_until = _date("Extended until", required=True)
    extension_by = StringField(
        "Extended by",
        validators=[DataRequired("Say who granted the extension."), Length(max=120)],
        description="The juvenile court or the child-welfare agency, and when (R-FR-04).",
    )


class EndForm(FlaskForm):
    reason = RadioField(
        "Why FR services end",
        choices=options(FrEndReason.choices()),
        validators=[InputRequired("Choose why the services end.")],
    )
    ended_on = _date(
        "The children returned home on",
        NotInFuture("date the children returned home"),
    )
    start_on: date | None = None

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if self.reason.data != FrEndReason.CHILDREN_RETURNED:
            return ok
        if not _require(self.ended_on, "Enter the day the children returned home."):
            return False
        ended = _when(self, "ended_on")
        if ended and self.start_on and ended < self.start_on and not self.ended_on.errors:
            self.ended_on.errors = [
                "The children cannot have returned before the services began "
                f"({self.start_on:%m/%d/%Y})."
            ]
            ok = False
        return ok


class FspForm(FlaskForm):
    referred_on = _date(
        "Referred to FSP on",
        NotInFuture("referral date"),
        NotBeforeCase("referral date"),
        required=True,
    )
    status = RadioField(
        "Referral status",
        choices=options(ReferralStatus.choices()),
        validators=[InputRequired("Choose the referral's status.")],
    )
    fs_specialist = StringField(
        "FS EC specialist",
        validators=[Optional(), Length(max=120)],
        description="Who you check back with (R-FS-04).",
    )
    last_follow_up_on = _date(
        "Last follow-up with the FS EC specialist",
        NotInFuture("last follow-up"),
        NotBefore("referred_on", "last follow-up", "referral"),
    )
    next_conference_on = _date(
        "Next FSP case conference", NotBefore("referred_on", "next case conference", "referral")
    )
    sw_invited = BooleanField("Social worker invited to case conferences (R-FS-04)")
    fs_plan_start = _date("FS plan start", NotBefore("referred_on", "FS plan start", "referral"))
    fs_plan_end = _date("FS plan end", NotBefore("fs_plan_start", "FS plan end", "FS plan start"))
    notes = TextAreaField("Notes", validators=[Optional(), Length(max=NOTES_MAX)], id="fs-notes")
    earliest: date | None = None

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        start, end = _when(self, "fs_plan_start"), _when(self, "fs_plan_end")
        if end and not start:
            ok &= _require(self.fs_plan_start, "Enter the FS plan's start too.")
        if start and not end:
            ok &= _require(self.fs_plan_end, "Enter the FS plan's end too: at most 12 months.")
        if start and end and not self.fs_plan_end.errors:
            latest = fs_plan_latest_end(start)
            if end > latest:
                self.fs_plan_end.errors = [
                    f"An FS plan lasts at most 12 months: end it on {latest:%m/%d/%Y} at the "
                    "latest. A longer plan is an extension, decided case by case (R-FS-03)."
                ]
                ok = False
        return ok

    def values(self) -> FspInput:
        return FspInput(
            referred_on=self.referred_on.data,
            status=ReferralStatus(self.status.data),
            fs_specialist=self.fs_specialist.data or "",
            last_follow_up_on=self.last_follow_up_on.data,
            next_conference_on=self.next_conference_on.data,
            sw_invited=bool(self.sw_invited.data),
            fs_plan_start=self.fs_plan_start.data,
            fs_plan_end=self.fs_plan_end.data,
            notes=self.notes.data or "",
        )
