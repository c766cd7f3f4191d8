"""The plan as typed, read for the live preview without building the whole PlanForm.

The preview runs after every pause in typing. Building PlanForm binds about a dozen WTForms
fields per activity row (forty rows at most) only to read their data back; nothing is validated
there (the save validates). This reads the same fields from the posted form the way WTForms
would fill them (same row order and cap, same defaults, same date formats, same checkbox rule),
and counts each row with the form's own ``row_input`` and ``row_blank``, so the preview and the
saved plan never disagree about a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from werkzeug.datastructures import MultiDict

from models.operations.plan import ActivityInput

from .plan import MAX_ACTIVITIES
from .plan_rows import ROW_FIELDS, row_blank, row_input

DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")  # forms.identify._date's formats
DATES = frozenset({"start_on", "end_on"})
CHECKBOXES = frozenset({"on_wtw2", "on_1811"})
DEFAULTS = {"source": "cfs", "kind": ""}  # ActivityForm's select defaults
FALSE_VALUES = ("false", "")  # wtforms BooleanField.false_values

Lists = dict[str, list[str]]  # the posted form, each name's values in order


def _date(form: Lists, name: str) -> date | None:
    """DateField: the values joined by a space, the first format that fits, else no date."""
    text = " ".join(form.get(name, ()))
    if not text:  # most rows leave their dates empty: no format fits, skip the two exceptions
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _row(form: Lists, prefix: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ROW_FIELDS:
        key = prefix + name
        if name in DATES:
            values[name] = _date(form, key)
        elif name in CHECKBOXES:
            values[name] = key in form and form[key][0] not in FALSE_VALUES
        else:
            posted = form.get(key)
            values[name] = posted[0] if posted else DEFAULTS.get(name)
    return values


def _indices(form: Lists, list_name: str) -> list[int]:
    """FieldList's rows: the numbers after "<list>-", sorted, at most MAX_ACTIVITIES + 1."""
    prefix = list_name + "-"
    found = set()
    for key in form:
        if key.startswith(prefix):
            head = key[len(prefix) :].split("-", 1)[0]
            if head.isdigit():
                found.add(int(head))
    return sorted(found)[: MAX_ACTIVITIES + 1]


@dataclass
class TypedPlan:
    period_start: date | None
    period_end: date | None
    sw_agreement_on: date | None
    rows: list[dict[str, Any]]  # each activity row's values, in the form's order

    @classmethod
    def read(cls, posted: MultiDict[str, str]) -> TypedPlan:
        # Read from plain lists: a MultiDict answers each field a row leaves out (about 90 in
        # a 20-row preview) by building and catching a BadRequestKeyError.
        form = posted.to_dict(flat=False)
        rows = [_row(form, f"activities-{i}-") for i in _indices(form, "activities")]
        return cls(
            _date(form, "period_start"),
            _date(form, "period_end"),
            _date(form, "sw_agreement_on"),
            rows or [_row({}, "")],  # FieldList's min_entries=1
        )

    def filled(self) -> list[dict[str, Any]]:
        return [row for row in self.rows if not row_blank(row)]

    def activity_inputs(self, uses_1811: bool) -> tuple[list[ActivityInput], dict[int, str]]:
        """PlanForm.activity_inputs on the same values."""
        inputs: list[ActivityInput] = []
        errors: dict[int, str] = {}
        for index, row in enumerate(self.rows):
            if row_blank(row):
                continue
            try:
                inputs.append(row_input(index, row, uses_1811))
            except ValueError as exc:
                errors[index] = str(exc)
        return inputs, errors
