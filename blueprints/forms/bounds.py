"""The date bounds of issue 13 as WTForms validators: the rule is policy.date_bounds.breach, the
message says what the limit is ("Must be on or after 11/03/2026, the date the case was
identified."). The view sets ``form.limits`` (``case_limits`` and any of its own) before
validating; a limit the form does not have is skipped."""

from __future__ import annotations

from datetime import date
from typing import Any

from wtforms.validators import ValidationError

from models.cases import MutualCase
from policy.date_bounds import Breach, Limit, breach, oldest_plausible

from ..clock import today


def message(found: Breach) -> str:
    """What the EC reads next to the field."""
    limit = found.limit
    if found.early:
        return f"Must be on or after {limit.on:%m/%d/%Y}, {limit.what}."
    if limit.what == "today":
        return f"Must be on or before {limit.on:%m/%d/%Y}, today: record it once it has happened."
    return f"Must be on or before {limit.on:%m/%d/%Y}, {limit.what}."


def case_limits(case: MutualCase) -> dict[str, Limit]:
    """The limits every step can use: the day the case was identified, the day it was assigned."""
    limits = {}
    if case.identified_on:
        limits["case"] = Limit(case.identified_on, "the date the case was identified")
    if case.assigned_on:
        limits["assigned"] = Limit(case.assigned_on, "the date the case was assigned")
    return limits


def identify_limits(saved: date | None) -> dict[str, Limit]:
    return {"oldest": oldest_plausible(today(), saved)}


class Within:
    """The date lies within the form's limits: on or after each of ``earliest``, on or before
    each of ``latest`` (keys of ``form.limits``), and, when ``done`` (it records something that
    happened), on or before today."""

    def __init__(self, *earliest: str, latest: tuple[str, ...] = (), done: bool = True) -> None:
        self.earliest, self.latest, self.done = earliest, latest, done

    def __call__(self, form: Any, field: Any) -> None:
        if not isinstance(field.data, date):
            return
        limits: dict[str, Limit] = getattr(form, "limits", None) or {}
        highs = [limits.get(key) for key in self.latest]
        if self.done:
            highs.append(Limit(today(), "today"))
        found = breach(field.data, [limits.get(key) for key in self.earliest], highs)
        if found is not None:
            raise ValidationError(message(found))
