"""Field checks shared by the wizard's forms; each message says what to fix."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from wtforms import DateField, Field, FieldList
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value
from wtforms.validators import ValidationError

from policy.date_bounds import Limit, breach

from ..clock import today


class NotInFuture:
    def __init__(self, what: str) -> None:
        self.what = what

    def __call__(self, _form: Any, field: Field) -> None:
        if isinstance(field.data, date) and breach(field.data, latest=[Limit(today(), "today")]):
            raise ValidationError(
                f"The {self.what} cannot be after today ({today().strftime('%m/%d/%Y')})."
            )


class NotBefore:
    """This date must be on or after another field's date (dates in the right order)."""

    def __init__(self, other: str, what: str, other_what: str) -> None:
        self.other, self.what, self.other_what = other, what, other_what

    def __call__(self, form: Any, field: Field) -> None:
        other = form[self.other].data
        if isinstance(field.data, date) and isinstance(other, date) and field.data < other:
            raise ValidationError(f"The {self.what} cannot be before the {self.other_what}.")


DATE_HINT = "For example: 11/23/2026"
DATE_MESSAGE = "Enter the date as month/day/year, for example 11/23/2026."


class PlainDateField(DateField):
    """A date typed in the wrong shape gets the same plain message as everywhere else."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(DATE_MESSAGE) from exc


def options(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """Select options in the form WTForms 3.3 expects (tuples are deprecated)."""
    return [SelectChoice(value, label) for value, label in pairs]


class CappedFieldList(FieldList):
    """A list of rows with a most: more rows than a person could type are refused with a message
    (not silently cut), and no more than one extra row is even built, so a hostile form of
    thousands of rows costs nothing (issue 12). ``append_entry`` stops at the most."""

    def __init__(self, *args: Any, most: int, what: str, **kwargs: Any) -> None:
        super().__init__(*args, max_entries=most + 1, **kwargs)
        self.most, self.what = most, what
        self.too_many = ""

    def validate(self, form: Any, extra_validators: Any = ()) -> bool:
        if len(self.entries) > self.most:
            self.too_many = (
                f"At most {self.most} {self.what} fit on one form. Remove the extra rows."
            )
            self.errors = [self.too_many]
            return False
        return bool(super().validate(form, extra_validators))

    def append_entry(self, data: Any = unset_value) -> Any:
        if len(self.entries) >= self.most:
            return None
        return super().append_entry(data)
