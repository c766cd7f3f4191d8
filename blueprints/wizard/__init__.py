"""The case wizard: identify → assign → joint meeting → plan → track → close (issue 3).

Each step is a page with a real form (POST/redirect/GET, works without JavaScript); htmx only
adds the draft autosave and the plan's live totals. One module per step.
"""

from __future__ import annotations

from . import (  # noqa: F401
    assign,
    attendance,
    calendar,
    changes,
    close,
    contacts,
    drafts,
    exemptions,
    good_cause,
    history,
    identify,
    meeting,
    meeting_held,
    noncompliance,
    noncompliance_episode,
    plan,
    plan_amend,
    plan_preview,
    programs,
    reopen,
    reviews,
    sanction_review,
    sharing,
    sw_messages,
    time_on_aid,
    track,
)
from .blueprint import bp

__all__ = ["bp"]
