"""The plan's live preview: htmx posts the plan form after each pause in typing and swaps in
the weekly-hours panel, plus (out of band) each activity row's findings and checks and the
"To finish" list. It never replaces an input being typed in (R-CF-04, R-PL-03..08).

It runs on every keystroke batch, so it does only what the EC sees change (issue 14):

- it reads the posted fields without building the whole PlanForm (forms.plan_typed), and
  validates nothing: the save does;
- it keeps the draft, written only when what was typed changed (operations.drafts.keep_draft);
- it answers with the panel and only the rows, and the "To finish" list, that changed. The page
  carries what it shows in one hidden field, ``preview_shown``: a short fingerprint of each
  row's findings and of the "To finish" list. htmx posts it with the form (htmx sends one
  request at a time per form, so it is what the last answer left), and each answer replaces it.
  A client that does not send it (a lost answer leaves the old one) gets every part again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from flask import redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError

from models.cases import ChildWelfareCase, MutualCase
from models.db import get_db
from models.enums import CASE_EDITORS, IntegrationConsent
from models.operations.drafts import keep_draft
from models.operations.plan import Totals, editable, totals, version_inputs
from models.people import Household, Participant
from models.plan import PlanVersion
from models.queries.case_facts import current_plan_version, facts_with_plan
from models.queries.requirement import Requirement, requirement_for
from policy.hours import fmt_hours
from policy.stages import CaseFacts
from policy.steps import StepState, progress, step_of

from ..access import roles_required
from ..clock import today
from ..forms.plan_typed import TypedPlan
from ..htmx import is_htmx_request
from .blueprint import bp
from .common import has_changes, load_case, local

# What the totals and "To finish" read of the case, loaded with it in one query: the county's
# rules, the household's children (the requirement) and the social worker (R-MT-07).
PREVIEW_READS = (
    joinedload(MutualCase.county),
    joinedload(MutualCase.participant)
    .joinedload(Participant.household)
    .joinedload(Household.children),
    joinedload(MutualCase.child_welfare_case).joinedload(ChildWelfareCase.social_worker),
)


def declined(case: MutualCase) -> bool:
    return case.integration_consent == IntegrationConsent.DECLINED


def current_version(case: MutualCase) -> PlanVersion | None:
    return current_plan_version(get_db(), case)


def requirement_of(case: MutualCase, start: date | None, end: date | None) -> Requirement:
    start = start or today()
    return requirement_for(case, start, end if end and end > start else None)


def typed_facts(
    case: MutualCase,
    version: PlanVersion | None,
    filled_sources: list[str],
    sw_agreement: bool,
    sums: Totals,
) -> CaseFacts:
    """The case's facts with the plan as typed, so "To finish" never asks for an activity that
    is on the screen (saved or not) nor forgets one that is missing."""
    return replace(
        facts_with_plan(get_db(), case, version, check_plan=False),
        plan_activities=len(filled_sources),
        plan_cfs_activities=sum(1 for source in filled_sources if source == "cfs"),
        plan_errors=tuple(f.message for f in sums.findings if f.severity == "error"),
        sw_agreement=sw_agreement,
    )


def plan_blockers(facts: CaseFacts) -> list[StepState]:
    """The "To finish" list follows the typing while Plan is the step being worked on."""
    if step_of(facts.stage) != "plan":
        return []
    return [s for s in progress(facts) if s.step == "plan" and s.state == "current"]


def _digest(parts: Iterable[object]) -> str:
    """48 bits of BLAKE2b over the parts as text, stable across workers and app servers (unlike
    hash()); a clash would only skip one redraw. The texts are joined, not repr()'d as a tuple:
    repr() escapes each message character by character, 12 µs a row of six findings, 5 % of a
    preview's CPU (issue 14)."""
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=6).hexdigest()


def row_mark(t: Totals, i: int, *, show_error: bool = True, unsaved: int = 0) -> str:
    """What row i's findings and checks show (templates/wizard/_plan_findings.html)."""
    items = t.rows.get(i)
    parts: list[object] = [t.row_errors.get(i), show_error, unsaved]
    parts.append("no findings" if items is None else len(items))
    for f in items or ():
        parts += (f.severity, f.message, f.rule)
    return _digest(parts)


def blockers_mark(states: Iterable[StepState], sign_next: bool) -> str:
    parts: list[object] = [sign_next]
    for s in states:
        parts += (s.label, len(s.blockers), *s.blockers)
    return _digest(parts)


def marks_text(rows: list[str], blockers: str) -> str:
    return " ".join([f"b:{blockers}", *(f"{i}:{mark}" for i, mark in enumerate(rows))])


def _shown(text: str) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in text.split()[:50] if ":" in part)
    return dict(pairs)


@bp.post("/cases/<int:case_id>/plan/preview")
@roles_required(*CASE_EDITORS)
def plan_preview(case_id: int) -> Any:
    """htmx only: keep the draft, answer with the totals and what changed under the rows."""
    case = load_case(case_id, eager=PREVIEW_READS)
    if not is_htmx_request():
        return redirect(url_for("wizard.plan", case_id=case.id), 303)
    db = get_db()
    version = current_version(case)
    if not editable(version):
        assert version is not None
        requirement = Requirement(version.requirement, version.requirement_basis)
        sums = totals(case, requirement, version_inputs(version))
        return render_template("wizard/_plan_preview.html", t=sums, rows=[], hours=fmt_hours)
    typed = TypedPlan.read(request.form)
    draft = keep_draft(db, current_user.id, case.id, "plan", request.form)
    try:
        if has_changes(db):
            db.commit()
    except StaleDataError:  # the plan was saved (its draft dropped) while this was on its way
        db.rollback()
        return "", 204  # nothing to show: the page that asked is being replaced
    rows, errors = typed.activity_inputs(case.county.uses_1811)
    requirement = requirement_of(case, typed.period_start, typed.period_end)
    sums = totals(case, requirement, rows, errors, typed.period_end)
    blockers: list[StepState] = []
    if step_of(case.stage.value) == "plan":  # else "To finish" is not about the plan
        sources = [row["source"] for row in typed.filled()]
        facts = typed_facts(case, version, sources, typed.sw_agreement_on is not None, sums)
        blockers = plan_blockers(facts)
    shown = _shown(request.form.get("preview_shown", ""))
    marks = [row_mark(sums, i) for i in range(len(typed.raws))]
    b_mark = blockers_mark(blockers, False)
    return render_template(
        "wizard/_plan_preview.html",
        t=sums,
        case=case,
        hours=fmt_hours,
        draft_saved=local(draft.saved_at) if draft else "",
        draft_too_large=draft is None,
        rows=[i for i, mark in enumerate(marks) if shown.get(str(i)) != mark],
        blockers=blockers if shown.get("b") != b_mark else [],
        preview_shown=marks_text(marks, b_mark),
        sign_next=False,
    )
