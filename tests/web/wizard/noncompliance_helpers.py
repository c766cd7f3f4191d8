"""Noncompliance test helpers: the opening form as a browser sends it, one episode action posted
with its prefix, CSRF token and the version the page was read at, and an episode made directly."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask.testing import FlaskClient

from models import NoncomplianceEpisode
from models.enums import NoncomplianceStatus
from tests.html import csrf_token, elements

OPEN: dict[str, Any] = {
    "trigger": "not_participating",
    "notice_type": "NA840",
    "notice_issued_on": "06/01/2026",
    "about_cfs": "yes",
    "activity": "Parenting class",
    "activity_other": "",
    "missed_on": "05/28/2026",
    "transportation": "advanced",
    "note": "Missed the parenting classes two weeks running.",
}


def list_url(case: Any) -> str:
    return f"/cases/{case.id}/noncompliance"


def episode_url(case: Any, episode: Any) -> str:
    return f"/cases/{case.id}/noncompliance/{episode.id}"


def open_episode(client: FlaskClient, case: Any, **changes: Any) -> Any:
    token = csrf_token(client.get(list_url(case)).text)
    return client.post(list_url(case), data={"csrf_token": token, **OPEN, **changes})


def act(
    client: FlaskClient,
    case: Any,
    episode: Any,
    action: str,
    fields: dict[str, Any] | None = None,
    *,
    version: str | None = None,
) -> Any:
    """POST one of the episode's small forms, as its button would."""
    page = client.get(episode_url(case, episode)).text
    data = {
        "action": action,
        "version": version if version is not None else str(episode_version(page)),
        f"{action}-csrf_token": csrf_token(page),
    }
    data |= {f"{action}-{name}": value for name, value in (fields or {}).items()}
    return client.post(episode_url(case, episode), data=data)


def episode_version(page: str) -> str:
    found = elements(page, "input[name=version]")
    assert found, "the page has no form for this episode"
    return found[0].get("value") or ""


def make_episode(db: Any, case: Any, **fields: Any) -> NoncomplianceEpisode:
    values: dict[str, Any] = {
        "trigger": "not_participating",
        "notice_type": "NA840",
        "notice_issued_on": date(2026, 6, 1),
        "status": NoncomplianceStatus.OPEN,
    }
    episode = NoncomplianceEpisode(case_id=case.id, **(values | fields))
    db.add(episode)
    db.flush()
    return episode
