"""The administrator's audit trail search: a GET form (no CSRF: it changes nothing)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from wtforms import DateField, Form, SelectField, StringField
from wtforms.validators import Optional, ValidationError

from models.enums.audit import AuditAction, AuditOutcome
from models.queries.audit_trail import WHO_LINKS, WHO_NONE, AuditFilters
from models.users import User

from ..clock import today
from ..converters import form_id
from .checks import DATE_HINT, DATE_MESSAGE, NotInFuture, options

DEFAULT_DAYS = 30
MOST_DAYS = 366  # "at most a year": a longer search or export is done a year at a time
CASE_ID = re.compile(r"[0-9]+")


def _date(label: str, default: Any, what: str) -> DateField:
    return DateField(
        label,
        validators=[Optional(), NotInFuture(what)],
        default=default,
        description=DATE_HINT,
        render_kw={"inputmode": "numeric"},
        format=["%Y-%m-%d", "%m/%d/%Y"],
        invalid_value_message=DATE_MESSAGE,
    )


class AuditSearchForm(Form):
    case_id = StringField(
        "Case ID",
        description="The number in the case's address: 1042 in /cases/1042.",
        render_kw={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"},
    )
    who = SelectField("Who", validate_choice=False)
    action = SelectField("Action", validate_choice=False)
    outcome = SelectField("Outcome", validate_choice=False)
    date_from = _date("From", lambda: today() - timedelta(days=DEFAULT_DAYS), "From date")
    date_to = _date("To", today, "To date")

    def set_choices(self, accounts: list[User], actions: list[str], outcomes: list[str]) -> None:
        """The county's accounts, and the actions and outcomes the audit trail holds."""
        self.who.choices = options(
            [
                ("", "Anyone in the county"),
                *[(str(u.id), f"{u.name} ({u.email})") for u in accounts],
                (WHO_LINKS, "Social workers' read-only links"),
                (WHO_NONE, "Anonymous or system (no account, no case)"),
            ]
        )
        labelled = sorted((AuditAction.label_of(a), a) for a in actions)
        self.action.choices = options([("", "Any action"), *[(a, lab) for lab, a in labelled]])
        self.outcome.choices = options(
            [("", "Any outcome"), *[(o, AuditOutcome.label_of(o)) for o in outcomes]]
        )

    @staticmethod
    def _known(field: SelectField, message: str) -> None:
        if field.data and field.data not in {c.value for c in field.choices}:
            raise ValidationError(message)

    def validate_who(self, field: SelectField) -> None:
        self._known(field, "That person is not an account of this county. Choose from the list.")

    def validate_action(self, field: SelectField) -> None:
        self._known(field, "No row of the audit trail has that action. Choose from the list.")

    def validate_outcome(self, field: SelectField) -> None:
        self._known(field, "No row of the audit trail has that outcome. Choose from the list.")

    def validate_case_id(self, field: StringField) -> None:
        raw = (field.data or "").strip()
        if raw and not CASE_ID.fullmatch(raw):
            raise ValidationError("Enter the case ID in digits only, for example 1042.")
        if raw and form_id(raw) is None:
            raise ValidationError("No case has an ID that large. Check the number.")

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields, then the range as it will be applied (a blank To date is today), so a
        blank date cannot widen the search past a year."""
        valid = super().validate(extra_validators)
        if self.date_from.errors or self.date_to.errors:
            return False
        start, end = self.applied_dates()
        problem = ""
        if end < start:
            problem = "The To date cannot be before the From date."
        elif (end - start).days > MOST_DAYS:
            problem = (
                "Choose dates at most a year apart (a blank To date means today). "
                "For a longer period, search one year at a time."
            )
        if problem:
            self.date_to.errors = [*self.date_to.errors, problem]
            return False
        return valid

    def applied_dates(self) -> tuple[date, date]:
        """From and To as searched: a blank To is today, a blank From 30 days before To."""
        end = self.date_to.data or today()
        before = max(end, date.min + timedelta(days=DEFAULT_DAYS)) - timedelta(days=DEFAULT_DAYS)
        return self.date_from.data or before, end

    def values(self) -> AuditFilters:
        """The filters of a form that validated."""
        start, end = self.applied_dates()
        raw = (self.case_id.data or "").strip()
        return AuditFilters(
            date_from=start,
            date_to=end,
            case_id=int(raw) if raw else None,
            who=self.who.data or "",
            action=self.action.data or "",
            outcome=self.outcome.data or "",
        )
