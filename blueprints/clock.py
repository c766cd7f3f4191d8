"""Today's date in one seam, so tests and demos can fix it (TANDEM_TODAY / config TODAY)."""

from __future__ import annotations

from datetime import date

from flask import current_app


def today() -> date:
    fixed = current_app.config.get("TODAY")
    return fixed if isinstance(fixed, date) else date.today()
