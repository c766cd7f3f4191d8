"""Assign: the specialized worker and supervisor (R-ID-05/06), the child-welfare social worker
(§c2), the regional contact (R-ID-07), and the reason for a reassignment. Also the supervisors'
bulk reassignment from the caseload."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    HiddenField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from models.cases import MutualCase
from models.county import CountyProfile, RegionalContact
from models.operations.assign import AssignValues
from models.queries.workers import WorkerName
from models.users import User

from .bounds import Within
from .checks import DATE_HINT, DATE_MESSAGE

# Deliberately loose: one @, something before it, a dot after it, no spaces.
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
EMAIL_MESSAGE = "Enter a full email address, like jane.doe@example.org, or leave it empty."
REASON_MAX = 2000


def _date(label: str, *checks: object) -> DateField:
    return DateField(
        label,
        validators=[DataRequired(DATE_MESSAGE), *checks],
        description=DATE_HINT,
        render_kw={"inputmode": "numeric"},
        format=["%Y-%m-%d", "%m/%d/%Y"],
    )


def worker_choices(
    workers: Iterable[User] | Iterable[WorkerName], unit_of: int, blank: str | None
) -> list[SelectChoice]:
    """The supervisor's own unit first, then the other units of the county (optgroups)."""
    choices = [SelectChoice("", blank)] if blank else []
    for w in workers:
        group = "Your unit" if w.supervisor_id == unit_of else "Other units"
        choices.append(SelectChoice(str(w.id), w.name, optgroup=group))
    return choices


def contact_label(contact: RegionalContact) -> str:
    title = f", {contact.title}" if contact.title else ""
    return f"{contact.name}{title} ({contact.office.name})"


def contact_hint(county: CountyProfile) -> str:
    if county.code == "orange":
        return (
            "The FSS Regional Contact asked when CFS did not know the CalWORKs worker (R-ID-07). "
            "Leave empty if CFS knew the worker."
        )
    return (
        f"The {county.wtw_program_label} contact or {county.cw_division_label} CalWORKs liaison "
        "who helped find the CalWORKs worker, if any (R-ID-05)."
    )


def initial_data(case: MutualCase, on: date) -> dict[str, Any]:
    """The saved record as the form shows it; a first assignment defaults to today."""
    cw = case.child_welfare_case
    sw = cw.social_worker if cw else None
    worker = case.assigned_worker
    own = worker.supervisor_id if worker else None
    return {
        "version": case.version_id,
        "worker_id": str(case.assigned_worker_id or ""),
        # Blank means "the worker's own supervisor"; show an explicit choice only if it differs.
        "supervisor_id": "" if case.supervisor_id in (None, own) else str(case.supervisor_id),
        "assigned_on": case.assigned_on or on,
        "sw_name": sw.name if sw else "",
        "sw_unit": sw.unit if sw else "",
        "sw_phone": sw.phone if sw else "",
        "sw_email": sw.email if sw else "",
        "regional_contact_id": str(case.regional_contact_id or ""),
    }


class AssignForm(FlaskForm):
    version = HiddenField()
    worker_id = SelectField("Specialized worker")
    supervisor_id = SelectField(
        "Supervisor",
        validators=[Optional()],  # absent or blank: the worker's own supervisor
        description="Leave on the worker's own supervisor unless someone else oversees the case.",
    )
    # Not before the case was identified, not after today (issue 13; form.limits).
    assigned_on = _date("Assigned on", Within("case"))
    sw_name = StringField(
        "Social worker's name",
        validators=[Optional(), Length(max=120)],
        description="Needed before the joint meeting can be scheduled.",
    )
    sw_unit = StringField("Social worker's unit", validators=[Optional(), Length(max=80)])
    sw_phone = TelField("Social worker's phone", validators=[Optional(), Length(max=30)])
    sw_email = EmailField("Social worker's email", validators=[Optional(), Length(max=200)])
    regional_contact_id = SelectField("Regional contact", validators=[Optional()])
    reason = TextAreaField(
        "Reason for the reassignment",
        validators=[Optional(), Length(max=REASON_MAX)],
        description="Needed when the case moves from one worker to another. "
        "It is kept in the case history.",
    )

    # Set by the view before validation (facts of the case the rules compare with).
    identified_on: date | None = None
    current_worker: User | None = None
    title = "specialized worker"

    def setup(
        self,
        county: CountyProfile,
        *,
        chooser: User | None,
        workers: list[User],
        supervisors: list[User],
        contacts: list[RegionalContact],
    ) -> None:
        """Choices and county words. Without a ``chooser`` (an EC) the worker, supervisor and
        reason are not part of the form: an EC cannot hand a case to someone else."""
        title = self.title = county.specialist_title
        if chooser is None:
            del self.worker_id
            del self.supervisor_id
            del self.reason
        else:
            self.worker_id.label.text = title
            self.worker_id.description = "Your unit's workers are listed first."
            blank = None if self.current_worker else f"Choose the {title}"
            choices = worker_choices(workers, chooser.id, blank)
            current = self.current_worker
            if current is not None and all(w.id != current.id for w in workers):
                choices.append(SelectChoice(str(current.id), f"{current.name} (account disabled)"))
            self.worker_id.choices = choices
            own = SelectChoice("", f"The {title}'s own supervisor")
            self.supervisor_id.choices = [own] + [
                SelectChoice(str(s.id), s.name) for s in supervisors
            ]
        self.sw_name.label.text = f"{county.cw_division_label} social worker's name"
        self.regional_contact_id.choices = [SelectChoice("", "None")] + [
            SelectChoice(str(c.id), contact_label(c)) for c in contacts
        ]
        self.regional_contact_id.description = contact_hint(county)
        # What the choices stand for, so values() needs no second lookup.
        current = [self.current_worker] if self.current_worker else []
        self._people = {str(u.id): u for u in [*workers, *supervisors, *current]}
        self._contacts = {str(c.id): c for c in contacts}

    def values(self) -> AssignValues:
        """What the assign operation saves. The choices were checked by the form: only active
        ECs and supervisors of the county (or the current worker), only the county's contacts."""

        def person(name: str) -> User | None:
            field = getattr(self, name, None)
            return self._people.get(str(field.data)) if field is not None and field.data else None

        reason = getattr(self, "reason", None)
        return AssignValues(
            assigned_on=self.assigned_on.data,
            sw_name=self.sw_name.data or "",
            sw_unit=self.sw_unit.data or "",
            sw_phone=self.sw_phone.data or "",
            sw_email=self.sw_email.data or "",
            regional_contact=self._contacts.get(str(self.regional_contact_id.data or "")),
            worker=person("worker_id"),
            supervisor=person("supervisor_id"),
            reason=(reason.data or "") if reason is not None else "",
        )

    def reassigning(self) -> bool:
        """The worker changes from someone to someone else (a reassignment, R-ID-05)."""
        field = getattr(self, "worker_id", None)
        if field is None or self.current_worker is None or not field.data:
            return False
        return str(field.data) != str(self.current_worker.id)

    def validate_worker_id(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError(f"Choose the {self.title} (R-ID-06).")

    def validate_sw_email(self, field: EmailField) -> None:
        if not EMAIL_RE.match(field.data.strip()):
            raise ValidationError(EMAIL_MESSAGE)

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        # Optional() ends a field's own checks when it is empty, so these rules live here.
        reason = getattr(self, "reason", None)
        if reason is not None and self.reassigning() and not (reason.data or "").strip():
            assert self.current_worker is not None
            reason.errors = [
                f"Give the reason for moving the case from {self.current_worker.name}; "
                "it is kept in the case history."
            ]
            ok = False
        others = (self.sw_unit.data, self.sw_phone.data, self.sw_email.data)
        if not (self.sw_name.data or "").strip() and any((v or "").strip() for v in others):
            self.sw_name.errors = [
                *self.sw_name.errors,
                "Enter the social worker's name, or clear their unit, phone and email.",
            ]
            ok = False
        return ok


class ReassignForm(FlaskForm):
    """The caseload's bulk reassignment; case_ids are read from the request by the view."""

    worker_id = SelectField("Reassign to")
    reason = TextAreaField(
        "Reason",
        validators=[
            DataRequired(
                "Give the reason for the reassignment; it is kept in each case's history."
            ),
            Length(max=REASON_MAX),
        ],
    )

    title = "specialized worker"

    def validate_worker_id(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError(f"Choose the {self.title} who takes the cases.")
