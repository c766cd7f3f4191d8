"""Today's date in one seam, so tests and demos can fix it (TANDEM_TODAY / config TODAY); else
the county's date, not the server's (policy/county_time.py)."""

from __future__ import annotations

from datetime import date

from flask import Flask, current_app

from policy.county_time import county_today


def today() -> date:
    return today_of(current_app)


def today_of(app: Flask) -> date:
    """``today`` for code that runs outside an application context (the due items' flush hook
    in the CLI and tests)."""
    fixed = app.config.get("TODAY")
    return fixed if isinstance(fixed, date) else county_today()
