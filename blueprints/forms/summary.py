"""The list of problems shown above a form that was not saved, each linking to its field
(USWDS/GOV.UK error summary pattern: a long form's errors are not all on screen)."""

from __future__ import annotations

from dataclasses import dataclass

from wtforms import Field, Form
from wtforms.fields import FieldList, FormField


@dataclass(frozen=True)
class Problem:
    field_id: str
    label: str
    message: str


def problems(form: Form) -> list[Problem]:
    found: list[Problem] = []
    for field in form:
        found.extend(_field_problems(field, prefix=""))
    return found


def _field_problems(field: Field, prefix: str) -> list[Problem]:
    if isinstance(field, FieldList):
        if getattr(field, "too_many", ""):
            return [Problem(field.id, field.label.text, field.too_many)]
        found: list[Problem] = []
        for position, entry in enumerate(field, start=1):
            found.extend(_field_problems(entry, prefix=f"{field.label.text} {position}: "))
        return found
    if isinstance(field, FormField):
        found = []
        for sub in field.form:
            found.extend(_field_problems(sub, prefix))
        return found
    return [
        Problem(field.id, prefix + field.label.text, message)
        for message in field.errors
        if isinstance(message, str)
    ]
