"""Track: good cause (R-GC-01..09). Every determination with its reasons, dates, route and next
review; a form to record one (several reasons, the social worker's recommendation in Orange,
isolated or a period, at least half of the month's hours, verification); ending one early.

Contract with the noncompliance page: ``GET ...?episode=<id>`` pre-fills the form for that
episode and the form carries it back in a hidden ``episode`` field; saving then ends the episode
with "good cause found" and no sanction (R-GC-04). Only an open episode of this case qualifies.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from models.cases import MutualCase
from models.compliance import GoodCause, NoncomplianceEpisode
from models.db import get_db
from models.enums import CASE_EDITORS, GoodCauseReason, WtwStatus
from models.operations.good_cause import (
    CannotEnd,
    EpisodeNotOpen,
    end_good_cause,
    record_good_cause,
)
from models.queries.compliance import (
    EXEMPTION_DECIDER_WORDS,
    OPEN_EPISODE_STATUSES,
    good_cause_periods_covering,
    good_causes_of,
    hours_effect,
)
from models.queries.contacts import open_changes
from policy.date_bounds import Limit
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required
from ..clock import today
from ..converters import form_id
from ..errors import render_error
from ..forms.good_cause import EndsOnForm, GoodCauseForm
from .blueprint import bp
from .common import ended, load_case, render_step


def _form(
    case: MutualCase, data: Any = None, episode: NoncomplianceEpisode | None = None
) -> GoodCauseForm:
    if data is not None:
        form = GoodCauseForm(formdata=data)
    else:
        prefill: dict[str, Any] = {"decided_on": today(), **_from_calendar()}
        if episode is not None:
            activity = f": {episode.activity_name}" if episode.activity_name else ""
            prefill |= {
                "start_on": episode.missed_on or episode.notice_issued_on,
                "recommended_by_sw": episode.sw_consulted,
                "episode": str(episode.id),
                "notes": f"Ends the noncompliance of the {episode.notice_label} issued "
                f"{episode.notice_issued_on:%m/%d/%Y} ({episode.trigger_label}{activity}).",
            }
        form = GoodCauseForm(formdata=None, data=prefill)
    form.prepare(case.county.code)
    form.notice_on = episode.notice_issued_on if episode else None
    form.limits = {}
    if episode is not None:
        form.limits["notice"] = Limit(
            episode.notice_issued_on,
            f"the date the {episode.notice_label} this good cause ends was issued",
        )
    return form


def _from_calendar() -> dict[str, Any]:
    """The calendar's "Record a good cause" link (issue 15) names the reason, the day of the
    conflict and what overlapped: an isolated incident on that day (R-GC-01), for the EC to check."""
    try:
        day = date.fromisoformat(request.args.get("on", "")[:10])
    except ValueError:
        return {}
    reason = request.args.get("reason", "")
    return {
        "reasons": [reason] if reason in {r.value for r in GoodCauseReason} else [],
        "start_on": day,
        "isolated": "yes",
        "notes": request.args.get("note", "")[:300],
    }


def _end_form(record: GoodCause, data: Any = None) -> EndsOnForm:
    if data is not None:
        form = EndsOnForm(formdata=data, prefix=f"end-{record.id}")
    else:
        form = EndsOnForm(formdata=None, prefix=f"end-{record.id}", data={"ends_on": today()})
    form.ends_on.label.text = "Good cause ends on"
    form.starts = record.start_on
    return form


def status_context(case: MutualCase) -> dict[str, Any]:
    """The participant's WTW status and what it does to the hours (both Track pages)."""
    status = case.participant.wtw_status
    stale = status == WtwStatus.GOOD_CAUSE and not good_cause_periods_covering(
        get_db(), case.participant_id, today()
    )
    return {"wtw_status": status, "status_effect": hours_effect(status), "status_stale": stale}


def _render(
    case: MutualCase,
    *,
    form: GoodCauseForm | None = None,
    episode: NoncomplianceEpisode | None = None,
    episode_note: str = "",
    end_forms: dict[int, EndsOnForm] | None = None,
) -> str:
    db = get_db()
    rows = good_causes_of(db, case, today())
    forms = {r.record.id: _end_form(r.record) for r in rows if r.in_effect} | (end_forms or {})
    return render_step(
        "wizard/good_cause.html",
        case,
        "track",
        gc_form=form or _form(case, episode=episode),
        rows=rows,
        end_forms=forms,
        episode=episode,
        episode_note=episode_note,
        decider_words=EXEMPTION_DECIDER_WORDS.get(case.county.code, ""),
        read_only=case.stage in ENDED_STAGES,
        to_reevaluate=open_changes(db, case),
        form=form or next(iter((end_forms or {}).values()), None),
        **status_context(case),
    )


def _episode_on_case(case: MutualCase, raw: str | None) -> tuple[NoncomplianceEpisode | None, Any]:
    """The episode named in the request, or (None, a 404 answer) when it is not on this case."""
    if not raw:
        return None, None
    db = get_db()
    number = form_id(raw)
    episode = db.get(NoncomplianceEpisode, number) if number is not None else None
    if episode is None or episode.case_id != case.id:
        audit.record(
            db, "authz_denied", outcome="denied", object_type="noncompliance", object_id=raw[:20]
        )
        db.commit()
        return None, render_error(404, "That noncompliance is not on this case.")
    return episode, None


@bp.get("/cases/<int:case_id>/good-cause")
@roles_required(*CASE_EDITORS)
def good_cause(case_id: int) -> Any:
    case = load_case(case_id, viewed="good_cause")
    episode, refused = _episode_on_case(case, request.args.get("episode"))
    if refused is not None:
        return refused
    note = ""
    if episode is not None and episode.status not in OPEN_EPISODE_STATUSES:
        closed = f" on {episode.closed_on:%m/%d/%Y}" if episode.closed_on else ""
        note = (
            f"That noncompliance is already closed ({episode.status.label}{closed}): a good "
            "cause recorded here will not change it."
        )
        episode = None
    page = _render(case, episode=episode, episode_note=note)
    get_db().commit()
    return page


@bp.post("/cases/<int:case_id>/good-cause")
@roles_required(*CASE_EDITORS)
def good_cause_post(case_id: int) -> Any:
    case = load_case(case_id)
    episode, refused = _episode_on_case(case, request.form.get("episode"))
    if refused is not None:
        return refused
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    if episode is not None and episode.status not in OPEN_EPISODE_STATUSES:
        return render_error(
            409,
            f"That noncompliance is already closed ({episode.status.label}): nothing was saved. "
            "Open the good-cause page again to record the good cause on its own.",
        )
    form = _form(case, request.form, episode)
    if not form.validate():
        return _render(case, form=form, episode=episode)
    db = get_db()
    try:
        record = record_good_cause(db, case, form.values(), current_user.id, today(), episode)
        db.flush()
        audit.record(
            db,
            "good_cause_add",
            case_id=case.id,
            object_type="good_cause",
            object_id=record.id,
            detail={"noncompliance_id": episode.id} if episode else None,
        )
        db.commit()
    except (EpisodeNotOpen, StaleDataError):
        db.rollback()
        flash("Another worker changed this noncompliance at the same moment: nothing was saved.")
        return redirect(url_for("wizard.good_cause", case_id=case.id), 303)
    closes = " The noncompliance ends with no sanction (R-GC-04)." if episode else ""
    flash(f"Good cause recorded. Next step: {record.route_label}.{closes}")
    return redirect(
        url_for("wizard.good_cause", case_id=case.id, _anchor=f"good-cause-{record.id}"), 303
    )


@bp.post("/cases/<int:case_id>/good-cause/<int:good_cause_id>/end")
@roles_required(*CASE_EDITORS)
def good_cause_end(case_id: int, good_cause_id: int) -> Any:
    case = load_case(case_id)
    db = get_db()
    record = db.get(GoodCause, good_cause_id)
    if record is None or record.case_id != case.id:
        audit.record(
            db, "authz_denied", outcome="denied", object_type="good_cause", object_id=good_cause_id
        )
        db.commit()
        return render_error(404, "That good cause is not on this case.")
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    form = _end_form(record, request.form)
    if not form.validate():
        return _render(case, end_forms={record.id: form})
    try:
        end_good_cause(db, case, record, form.ends_on.data, current_user.id, today())
    except CannotEnd as exc:
        db.rollback()
        flash(str(exc))
        return redirect(url_for("wizard.good_cause", case_id=case.id), 303)
    audit.record(
        db, "good_cause_end", case_id=case.id, object_type="good_cause", object_id=record.id
    )
    db.commit()
    flash(f"Good cause ends on {form.ends_on.data:%m/%d/%Y}.")
    return redirect(url_for("wizard.good_cause", case_id=case.id), 303)
