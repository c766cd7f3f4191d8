"""One noncompliance episode: day 1, day 20 and the earliest action date under the county's
day-20 rule (R-NC-02/03, §e Q10), the appointment and its one reschedule, the SW consultation
(in Orange a gate before any sanction step, R-NC-09), the facts that block a sanction, and the
outcomes as small forms posted with an ``action`` and the episode's version (a stale version
saves nothing)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from models.cases import MutualCase
from models.compliance import NoncomplianceEpisode
from models.db import get_db
from models.enums import CASE_EDITORS
from models.enums import NoncomplianceStatus as S
from models.operations import noncompliance as ops
from models.operations import noncompliance_outcomes as outcomes
from models.operations.sanction import mark_cured, start_cure
from models.queries.contacts import open_changes
from models.queries.noncompliance import (
    BEFORE_SANCTION,
    SanctionCheck,
    Schedule,
    episode_on_case,
    sanction_check,
    schedule_of,
)
from models.users import User
from policy.stages import ENDED_STAGES

from .. import audit
from ..access import roles_required
from ..clock import today
from ..errors import render_error
from ..forms import noncompliance as forms
from .blueprint import bp
from .common import ended, load_case, render_step, version_matches

FORMS: dict[str, type[FlaskForm]] = {
    "appointment": forms.AppointmentForm,
    "reschedule": forms.RescheduleForm,
    "consult": forms.ConsultForm,
    "facts": forms.FactsForm,
    "plan": forms.PlanForm,
    "plan_done": forms.ConfirmForm,
    "plan_failed": forms.ConfirmForm,
    "no_contact": forms.ConfirmForm,
    "request": forms.ConfirmForm,
    "withdraw": forms.WithdrawForm,
    "cure": forms.CureForm,
    "cured": forms.ConfirmForm,
}
CONFLICT = (
    "Someone else changed this noncompliance after you opened the page: nothing was saved. "
    "The page now shows it as it is; make your change again if it is still needed."
)


def _defaults(name: str, case: MutualCase, episode: NoncomplianceEpisode) -> dict[str, Any]:
    if name == "consult":
        cw = case.child_welfare_case
        sw = cw.social_worker if cw else None
        return {"on": today(), "with_whom": sw.name if sw else ""}
    if name == "facts":
        return {
            "met_state_minimum": episode.met_state_minimum,
            "exempt_during_period": episode.exempt_during_period,
            "transportation_not_advanced": not episode.transportation_advanced,
        }
    return {}


def _form(
    name: str, case: MutualCase, episode: NoncomplianceEpisode, data: Any = None
) -> FlaskForm:
    cls = FORMS[name]
    if data is not None:
        form = cls(formdata=data, prefix=name)
    else:
        form = cls(formdata=None, prefix=name, data=_defaults(name, case, episode))
    form.earliest = case.identified_on  # type: ignore[attr-defined]
    return form


def _names(db: Session, *ids: int | None) -> dict[int, str]:
    return {i: u.name for i in ids if i and (u := db.get(User, i)) is not None}


def render_episode(
    case: MutualCase,
    episode: NoncomplianceEpisode,
    *,
    failed: tuple[str, FlaskForm] | None = None,
    problem: str = "",
    status: int = 200,
) -> tuple[str, int]:
    db = get_db()
    now = today()
    schedule = schedule_of(db, case, episode)
    check = sanction_check(db, case, episode, now, schedule)
    built = {name: _form(name, case, episode) for name in FORMS}
    if failed is not None:
        built[failed[0]] = failed[1]
    page = render_step(
        "wizard/noncompliance_episode.html",
        case,
        "track",
        ep=episode,
        schedule=schedule,
        sanction=check,
        forms=built,
        people=_names(
            db,
            episode.recorded_by_id,
            episode.sanction_requested_by_id,
            episode.sanction_reviewed_by_id,
        ),
        before_sanction=episode.status in BEFORE_SANCTION,
        may_ask=episode.status in ops.MAY_ASK_SANCTION | {S.COMPLIANCE_PLAN},
        sw_gate=any(b.rule == "R-NC-09" for b in check.blockers),
        after_day20=now > schedule.day20,
        cure_due=bool(episode.cure_complete_on and now >= episode.cure_complete_on),
        plan_due=bool(episode.compliance_plan_end and now >= episode.compliance_plan_end),
        good_cause_url=f"/cases/{case.id}/good-cause?episode={episode.id}",
        problem=problem,
        to_reevaluate=open_changes(db, case),
        read_only=case.stage in ENDED_STAGES,
        form=failed[1] if failed else None,
    )
    return page, status


def _episode_or_404(case: MutualCase, episode_id: int) -> NoncomplianceEpisode | Any:
    db = get_db()
    episode = episode_on_case(db, case, episode_id)
    if episode is None:
        audit.record(
            db,
            "authz_denied",
            outcome="denied",
            object_type="noncompliance_episode",
            object_id=episode_id,
        )
        db.commit()
        return render_error(404, "That noncompliance is not on this case.")
    return episode


@bp.get("/cases/<int:case_id>/noncompliance/<int:episode_id>")
@roles_required(*CASE_EDITORS)
def noncompliance_episode(case_id: int, episode_id: int) -> Any:
    case = load_case(case_id, viewed="noncompliance")
    episode = _episode_or_404(case, episode_id)
    if not isinstance(episode, NoncomplianceEpisode):
        return episode
    page = render_episode(case, episode)
    get_db().commit()
    return page


def _perform(
    name: str,
    form: Any,
    case: MutualCase,
    episode: NoncomplianceEpisode,
    now: date,
    schedule: Schedule,
    check: SanctionCheck,
) -> str:
    """Run one action; the message for the EC."""
    db, uid = get_db(), current_user.id
    if name == "appointment":
        ops.set_appointment(db, case, episode, form.on.data, schedule, uid)
        return "Appointment set."
    if name == "reschedule":
        ops.reschedule(db, case, episode, form.to.data, schedule, uid)
        return "Appointment moved. It cannot be moved again (R-NC-02)."
    if name == "consult":
        on, who, outcome = form.on.data, form.with_whom.data or "", form.outcome.data or ""
        ops.record_consult(db, case, episode, on, who, outcome, uid)
        return "Consultation with the social worker recorded."
    if name == "facts":
        ops.record_facts(db, case, episode, form.values(), uid)
        return "Facts recorded."
    if name == "plan":
        outcomes.agree_plan(db, case, episode, form.values(), schedule, uid)
        return "Compliance plan (WTW 32) recorded. No sanction unless the plan fails."
    if name == "plan_done":
        outcomes.complete_plan(db, case, episode, now, uid)
        return "Compliance plan completed: the noncompliance is closed with no sanction."
    if name == "plan_failed":
        outcomes.fail_plan(db, case, episode, now, uid)
        return "Compliance plan failed: a sanction may follow with no new 20-day period (R-NC-05)."
    if name == "no_contact":
        outcomes.no_contact(db, case, episode, now, schedule, uid)
        return "No contact by day 20 recorded."
    if name == "request":
        outcomes.request_sanction(db, case, episode, check, now, uid)
        return "Sent to your supervisor for review. Nothing is sanctioned until they approve."
    if name == "withdraw":
        ops.withdraw(db, case, episode, form.reason.data or "", now, uid)
        return "Noncompliance withdrawn."
    if name == "cure":
        start_cure(db, case, episode, form.signed_on.data, form.activity_ends_on.data, uid)
        return "Cure plan (WTW 29) recorded."
    mark_cured(db, case, episode, now, uid)
    return "Sanction cured: the client is back to mandatory participation."


@bp.post("/cases/<int:case_id>/noncompliance/<int:episode_id>")
@roles_required(*CASE_EDITORS)
def noncompliance_episode_post(case_id: int, episode_id: int) -> Any:
    case = load_case(case_id)
    episode = _episode_or_404(case, episode_id)
    if not isinstance(episode, NoncomplianceEpisode):
        return episode
    if case.stage in ENDED_STAGES:
        return render_error(409, ended(case))
    name = request.form.get("action", "")
    if name not in FORMS:
        return render_error(400, "That is not something this page can do: nothing was saved.")
    if not version_matches(request.form.get("version"), episode.version_id):
        return render_episode(case, episode, problem=CONFLICT, status=409)
    form = _form(name, case, episode, request.form)
    if not form.validate():
        return render_episode(case, episode, failed=(name, form))
    db = get_db()
    now = today()
    schedule = schedule_of(db, case, episode)
    check = sanction_check(db, case, episode, now, schedule)
    try:
        message = _perform(name, form, case, episode, now, schedule, check)
        db.flush()
        audit.record(
            db,
            f"noncompliance_{name}",
            case_id=case.id,
            object_type="noncompliance_episode",
            object_id=episode.id,
        )
        db.commit()
    except ops.NoncomplianceRefused as exc:
        db.rollback()
        if exc.field and exc.field in form:
            form[exc.field].errors = [*form[exc.field].errors, str(exc)]
            return render_episode(case, episode, failed=(name, form))
        return render_episode(case, episode, problem=f"Not saved: {exc}", status=409)
    except StaleDataError:
        db.rollback()
        return render_episode(case, episode, problem=CONFLICT, status=409)
    flash(message)
    return redirect(
        url_for("wizard.noncompliance_episode", case_id=case.id, episode_id=episode.id), 303
    )
