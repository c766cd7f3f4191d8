"""The plan as typed, read for the live preview without building the whole PlanForm.

The preview runs after every pause in typing. Building PlanForm binds about a dozen WTForms
fields per activity row (forty rows at most) only to read their data back; nothing is validated
there (the save validates). This reads the same fields from the posted form the way WTForms
would fill them (same row order and cap, same defaults, same date formats, same checkbox rule),
and counts each row with the form's own ``row_input`` and ``row_blank``, so the preview and the
saved plan never disagree about a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from types import MappingProxyType
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


def _date(posted: Iterable[str]) -> date | None:
    """DateField: the values joined by a space, the first format that fits, else no date."""
    text = " ".join(posted)
    if not text:  # most rows leave their dates empty: no format fits, skip the two exceptions
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


Raw = tuple[tuple[str, ...], ...]  # one row's posted values, ROW_FIELDS in order


def _raw(form: Lists, prefix: str) -> Raw:
    return tuple(tuple(form.get(prefix + name, ())) for name in ROW_FIELDS)


# The preview reads the whole plan after every pause in typing, and all but the row being typed
# in are what they were (issue 14: "it re-parses and re-validates every row"): a row's reading
# is kept per worker, by what was posted for it. Read-only, since every request shares it.
@lru_cache(maxsize=1024)
def _row(raw: Raw) -> tuple[Mapping[str, Any], bool]:
    """The row as WTForms would fill it, and whether it is blank (row_blank)."""
    values: dict[str, Any] = {}
    for name, posted in zip(ROW_FIELDS, raw, strict=True):
        if name in DATES:
            values[name] = _date(posted)
        elif name in CHECKBOXES:
            values[name] = bool(posted) and posted[0] not in FALSE_VALUES
        else:
            values[name] = posted[0] if posted else DEFAULTS.get(name)
    return MappingProxyType(values), row_blank(values)


@lru_cache(maxsize=1024)
def _counted(raw: Raw, index: int, uses_1811: bool) -> ActivityInput | str:
    """The row for the plan operation (row_input), or why its hours or source cannot count."""
    try:
        return row_input(index, dict(_row(raw)[0]), uses_1811)
    except ValueError as exc:
        return str(exc)


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
    raws: list[Raw]  # each activity row's posted values, in the form's order

    @classmethod
    def read(cls, posted: MultiDict[str, str]) -> TypedPlan:
        # Read from plain lists: a MultiDict answers each field a row leaves out (about 90 in
        # a 20-row preview) by building and catching a BadRequestKeyError.
        form = posted.to_dict(flat=False)
        raws = [_raw(form, f"activities-{i}-") for i in _indices(form, "activities")]
        return cls(
            _date(form.get("period_start", ())),
            _date(form.get("period_end", ())),
            _date(form.get("sw_agreement_on", ())),
            raws or [_raw({}, "")],  # FieldList's min_entries=1
        )

    @property
    def rows(self) -> list[Mapping[str, Any]]:
        """Each activity row's values, in the form's order (read-only)."""
        return [_row(raw)[0] for raw in self.raws]

    def filled(self) -> list[Mapping[str, Any]]:
        return [row for row, blank in map(_row, self.raws) if not blank]

    def activity_inputs(self, uses_1811: bool) -> tuple[list[ActivityInput], dict[int, str]]:
        """PlanForm.activity_inputs on the same values."""
        inputs: list[ActivityInput] = []
        errors: dict[int, str] = {}
        for index, raw in enumerate(self.raws):
            if _row(raw)[1]:
                continue
            counted = _counted(raw, index, uses_1811)
            if isinstance(counted, str):
                errors[index] = counted
            else:
                inputs.append(counted)
        return inputs, errors
