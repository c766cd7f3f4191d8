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


def _field_problems(field: Field, prefix: str, lower: bool = False) -> list[Problem]:
    if isinstance(field, FieldList):
        if getattr(field, "too_many", ""):
            return [Problem(field.id, field.label.text, field.too_many)]
        found: list[Problem] = []
        # A list may name its rows ("Activity 2 (Parenting class)"); else "Activities 2".
        name = getattr(field, "entry_name", None)
        for position, entry in enumerate(field, start=1):
            head = name(position, entry) if name else f"{field.label.text} {position}"
            found.extend(_field_problems(entry, f"{head}: ", lower=name is not None))
        return found
    if isinstance(field, FormField):
        found = []
        for sub in field.form:
            found.extend(_field_problems(sub, prefix, lower))
        return found
    label = str(field.label.text)
    if lower and label:
        label = label[0].lower() + label[1:]
    return [
        Problem(field.id, prefix + label, message)
        for message in field.errors
        if isinstance(message, str)
    ]
