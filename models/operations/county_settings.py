"""Change a county's settings for the uncertain rules (domain.md §e) and its privacy choices.

The due items that count working days or the meeting deadline are recounted by the flush hook
(models/operations/due.py WATCHED) in the same transaction; the other settings are read when
they are used (an exemption's review date is fixed when it is recorded, so a new interval
applies to exemptions recorded from now on).
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from models.county import CountyProfile
from models.operations.mfa import required_roles

EDITABLE = (
    "meeting_deadline_applies",
    "meeting_anchor",
    "weeks_per_month",
    "age_six_change_rule",
    "day20_roll_forward",
    "da_review_months",
    "young_child_exemption_months",
    "sw_message_hold_days",
    "feed_client_names",
    "mfa_required_roles",
)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | float):
        return f"{Decimal(str(value)).quantize(Decimal('0.01'))}"
    return value


ROLE_ORDER = ("ec", "supervisor", "admin")


def roles_text(setting: str | None) -> str:
    """A county's second-factor roles in one spelling, so an order change is no change."""
    roles = required_roles(setting)
    return ",".join([r for r in ROLE_ORDER if r in roles] + sorted(roles - set(ROLE_ORDER)))


def current_values(county: CountyProfile) -> dict[str, Any]:
    """The editable settings as plain values (divisor as "4.33" text, None when unset)."""
    values = {name: _plain(getattr(county, name)) for name in EDITABLE}
    values["mfa_required_roles"] = roles_text(county.mfa_required_roles)
    return values


def fingerprint(county: CountyProfile) -> str:
    """Names the settings as a page showed them, so a save can tell someone changed them since."""
    text = json.dumps(current_values(county), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class SettingsMoved(Exception):
    """Another save of the county's settings was committed after these were read."""


def change_settings(
    db: Session, county: CountyProfile, wanted: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """Set what differs; {name: {"from": old, "to": new}} for each change. Flushes, never
    commits: the caller's audit row and the change stand or fall together.

    The settings are compared with what `county` holds as read; the version moves on only from
    that read's version, in one conditional UPDATE, so of two saves in the same instant the
    second raises SettingsMoved (PostgreSQL's second UPDATE waits for the first's row lock and
    then finds the version moved; SQLite runs one writer at a time)."""
    before, read_version = current_values(county), county.settings_version
    if "mfa_required_roles" in wanted:
        wanted = {**wanted, "mfa_required_roles": roles_text(wanted["mfa_required_roles"])}
    changes: dict[str, dict[str, Any]] = {}
    for name in EDITABLE:
        if name in wanted and _plain(wanted[name]) != before[name]:
            changes[name] = {"from": before[name], "to": _plain(wanted[name])}
    if not changes:
        return changes
    moved = db.execute(
        update(CountyProfile)
        .where(CountyProfile.id == county.id, CountyProfile.settings_version == read_version)
        .values(settings_version=read_version + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        raise SettingsMoved(county.code)
    set_committed_value(county, "settings_version", read_version + 1)
    for name in changes:
        value = wanted[name]
        setattr(county, name, Decimal(value) if name == "weeks_per_month" and value else value)
    db.flush()
    return changes
