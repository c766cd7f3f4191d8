"""Plan: activities with hours, supportive services, plan period and the social worker's
agreement (R-CF-01..10, R-PL-03, R-PL-06, R-PL-07, R-SS-01..05, R-MT-07, §c4).

The form turns what the EC typed into the plan operation's inputs (``activity_inputs``,
``service_inputs``) and a saved version back into form data (``data_for``), so the step's view
only parses, calls and renders.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask_wtf import FlaskForm
from wtforms import FormField, HiddenField, SelectField

from models.county import CountyProfile
from models.enums import Language, ServiceKind
from models.operations.plan import ActivityInput, ServiceInput, default_period
from models.plan import PlanVersion
from policy.activity_findings import activity_label
from policy.hours import fmt_hours

from .checks import CappedFieldList, NotInFuture, options
from .identify import _date
from .plan_rows import (
    MAX_WEEKLY_HOURS,
    ActivityForm,
    ServiceForm,
    _kind_choices,
    _source_choices,
    parse_dollars,
    parse_hours,
)

# Saved activity columns that go back into the form as they are.
ACTIVITY_COLUMNS = (
    "kind name provider_name provider_phone schedule start_on end_on "
    "progress_standard on_wtw2 on_1811"
).split()


def printed_languages() -> list[tuple[str, str]]:
    """The languages the WTW 2 and the 1811 can print in: those with a translation
    (blueprints/documents/translations), e.g. English and Spanish."""
    # Imported here: the documents package imports the wizard, which imports this form.
    from ..documents.i18n import available

    return [(code, Language.label_of(code)) for code in available()]


def printed_language(code: str | None) -> str:
    """The language a plan prints in: ``code`` when a translation exists, else English."""
    from ..documents.i18n import normalize

    return normalize(code)


def language_hint() -> str:
    names = [label for _code, label in printed_languages()]
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return (
        f"The printed forms exist in {listed}. For a client who reads another language, "
        "the forms print in English: arrange an interpreter or a translated copy."
    )


MAX_ACTIVITIES = 40  # a real plan has a handful; 40 leaves room
MAX_SERVICES = 20


class PlanForm(FlaskForm):
    version = HiddenField()
    period_start = _date("Plan period starts", required=True)
    period_end = _date("Plan period ends", required=True)
    required_from = _date(
        "Required to participate from (the plan must be signed within 90 days, R-PL-02)",
        NotInFuture("date the client was required to participate"),
    )
    language = SelectField(
        "Language of the plan",
        choices=[],  # the printed languages, set when the form is built
        default="en",
    )
    sw_agreement_on = _date(
        "Date the social worker agreed to the activities, hours and supportive services (R-MT-07)",
        NotInFuture("agreement date"),
    )
    activities = CappedFieldList(
        FormField(ActivityForm), min_entries=1, most=MAX_ACTIVITIES, what="activities"
    )
    services = CappedFieldList(
        FormField(ServiceForm), min_entries=1, most=MAX_SERVICES, what="supportive services"
    )
    total_error = ""  # set by validate(): the rows together exceed a week

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language.choices = options(printed_languages())
        self.language.description = language_hint()

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

    def prepare(self, county: CountyProfile, *, declined: bool = False) -> None:
        """County words on the labels and choices; call again after adding rows. A client who
        declined integration has a WTW-only plan: no child-welfare rows (R-MT-05, E32)."""
        label = county.cw_division_label
        why = (
            "required before signing, R-MT-07"
            if county.code != "santa_clara"
            else "recorded; not required before signing in Santa Clara, §e Q18"
        )
        self.sw_agreement_on.label.text = (
            f"Date the {label} social worker agreed to the activities, hours and supportive "
            f"services ({why})"
        )
        for entry in self.activities:
            self.prepare_row(entry.form, label, declined=declined)
        # The error summary names a row as the EC reads it: "Activity 2 (Parenting class)".
        self.activities.entry_name = _activity_name
        self.services.entry_name = _service_name

    @staticmethod
    def prepare_row(row: ActivityForm, cw_label: str, *, declined: bool = False) -> None:
        """One row's choices: "Kind of activity" offers the kinds that fit "Comes from"."""
        row.cw_label = cw_label
        row.source.choices = _source_choices(cw_label, wtw_only=declined)
        if declined and row.is_blank():
            row.source.data = "wtw"
        kind = row.kind.data or ""
        row.kind.choices = _kind_choices(cw_label, row.source.data, keep=kind)

    def pad(self) -> None:
        """No pile of empty rows: blank rows at the end are dropped, and one blank row is kept
        only when nothing is filled in yet, so a failed save never grows the form. "Add an
        activity" (add_row) adds the one row to type into."""
        for rows in (self.activities, self.services):
            filled = any(not entry.form.is_blank() for entry in rows)
            while rows.entries and rows.entries[-1].form.is_blank():
                if not filled and len(rows.entries) == 1:
                    break
                rows.pop_entry()
            if not rows.entries:
                rows.append_entry()

    def add_row(self, rows: CappedFieldList) -> int:
        """One blank row at the end (none if the last row is still blank): its position."""
        self.pad()
        if not rows.entries[-1].form.is_blank():
            rows.append_entry()
        return len(rows.entries) - 1

    def activity_inputs(self, uses_1811: bool) -> tuple[list[ActivityInput], dict[int, str]]:
        """The filled activity rows; a row whose hours cannot be counted is reported by its
        position, not raised, so the live totals still show the others."""
        rows: list[ActivityInput] = []
        errors: dict[int, str] = {}
        for index, entry in enumerate(self.activities):
            if entry.form.is_blank():
                continue
            try:
                rows.append(entry.form.to_input(index, uses_1811))
            except ValueError as exc:
                errors[index] = str(exc)
        return rows, errors

    def service_inputs(self) -> list[ServiceInput]:
        return [
            ServiceInput(
                kind=row.kind.data,
                detail=(row.detail.data or "").strip(),
                amount_cents=parse_dollars(row.amount.data),
                frequency=(row.frequency.data or "").strip(),
                advance_required=bool(row.advance_required.data),
            )
            for row in self.filled_services()
        ]

    @staticmethod
    def data_for(version: PlanVersion | None, language: str, today: date) -> dict[str, Any]:
        """A saved version as form data; without one, a new plan's defaults (R-PL-06 period)."""
        if version is None:
            start, end = default_period(today)
            return {
                "version": "0",
                "period_start": start,
                "period_end": end,
                "language": printed_language(language),
            }
        return {
            "version": str(version.version_id),
            "period_start": version.period_start,
            "period_end": version.period_end,
            "required_from": version.required_from,
            "language": printed_language(version.language),
            "sw_agreement_on": version.sw_agreement_on,
            "activities": [
                {
                    **{k: getattr(a, k) for k in ACTIVITY_COLUMNS},
                    "source": a.source.value,
                    "hours": fmt_hours(a.hours_per_week),
                }
                for a in version.activities
            ],
            "services": [
                {
                    **{k: getattr(s, k) for k in ("detail", "frequency", "advance_required")},
                    "kind": s.kind.value,
                    "amount": "" if s.amount_cents is None else f"{s.amount_cents / 100:.2f}",
                }
                for s in version.services
            ],
        }


def _activity_name(position: int, entry: FormField) -> str:
    return activity_label(position, entry.form.name.data or "")


def _service_name(position: int, entry: FormField) -> str:
    kind = entry.form.kind.data or ""
    label = ServiceKind.label_of(kind) if kind in dict(ServiceKind.choices()) else ""
    return f"Service {position} ({label})" if label else f"Service {position}"
