"""What every step shares: loading the case the user may see, the progress bar, drafts,
optimistic concurrency, and the move between stages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from flask import render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm.interfaces import ORMOption
from werkzeug.datastructures import MultiDict

from models.cases import MutualCase
from models.db import get_db
from models.drafts import StepDraft
from models.enums import Stage
from models.history import CaseEvent
from models.operations.drafts import keep_draft
from models.queries.case_facts import case_facts
from models.queries.drafts import find_draft
from models.queries.outbox import held_count
from policy.county_time import county_moment
from policy.steps import STEP_LABELS, progress, step_of

from .. import audit
from ..access import case_for

T = TypeVar("T")
# A step's form keeps its draft under the step's name; the joint meeting's second form, "Record
# the meeting held", under "meeting_held" (render_step(..., draft_step="meeting_held")).
DRAFT_STEPS = ("identify", "assign", "meeting", "meeting_held", "plan", "close")


def local(at: datetime | None) -> str:
    if at is None:
        return ""
    return county_moment(at).strftime("%m/%d/%Y at %-I:%M %p")


def ended(case: MutualCase) -> str:
    """Why nothing was saved on a case that has ended, in the county's words."""
    return f"This case is “{case.stage_label}”: nothing was saved."


def load_case(
    case_id: int, *, viewed: str | None = None, eager: Sequence[ORMOption] = ()
) -> MutualCase:
    """The case if the user may open it, else 404 (access.case_for). A page view is audited."""
    db = get_db()
    case = case_for(db, current_user, case_id, eager)
    if viewed:
        audit.record(db, "case_view", case_id=case.id, object_type="step", object_id=viewed)
        db.commit()  # a view is logged even if rendering fails later
    return case


def draft_for(db: Session, case_id: int | None, step: str) -> StepDraft | None:
    return find_draft(db, current_user.id, case_id, step)


def form_input(db: Session, case_id: int | None, step: str) -> tuple[Any, StepDraft | None]:
    """On GET, the unsaved draft (if any) fills the form; on POST, what was just sent."""
    if request.method == "POST":
        return None, None
    if request.args.get("draft") == "discarded":
        return None, None
    draft = draft_for(db, case_id, step)
    return (draft.formdata() if draft else None), draft


def last_change(db: Session, case_id: int) -> CaseEvent | None:
    stmt = select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id.desc())
    return db.scalars(stmt).first()


def version_matches(sent: str | None, current: int) -> bool:
    try:
        return int(sent or "") == current
    except ValueError:
        return False


def save_or_conflict(db: Session, work: Callable[[], T]) -> tuple[bool, T | None]:
    """Run a step's changes and commit them: (True, what work returned), or (False, None) with
    everything rolled back when another save won the race. The version check runs at every
    flush, so a lost race can surface inside the work as well as at the commit."""
    try:
        result = work()
        db.commit()
    except StaleDataError:
        db.rollback()
        return False, None
    return True, result


def has_changes(db: Session) -> bool:
    """Anything to commit. An autosave that repeats the stored draft (most of them: htmx posts
    the whole form after every pause in typing) then sends no COMMIT, and on PostgreSQL no
    second BEGIN for the reads after it: two round trips fewer per keystroke batch (issue 14)."""
    return bool(db.new or db.dirty or db.deleted)


def commit_or_conflict(db: Session) -> bool:
    """Commit; False when another save won the race."""
    return save_or_conflict(db, lambda: None)[0]


def conflict_context(db: Session, case: MutualCase, step: str) -> dict[str, Any]:
    """The banner for a refused save; what the user sent is kept as their draft meanwhile."""
    keep_draft(db, current_user.id, case.id, step, request.form)
    db.commit()
    event = last_change(db, case.id)
    return {
        "conflict": {
            "by": event.user.name if event and event.user else "another worker",
            "at": local(event.at) if event else "",
            "reload": url_for(f"wizard.{step}", case_id=case.id, draft="discarded"),
        }
    }


def render_step(template: str, case: MutualCase, step: str, **context: Any) -> str:
    db = get_db()
    # A step may pass the facts as it reads them (the plan: as typed) for "To finish".
    facts = context.pop("facts", None) or case_facts(db, case)
    draft: StepDraft | None = context.pop("draft", None)
    draft_step = context.pop("draft_step", step)
    drafts = draft_step in DRAFT_STEPS
    return render_template(
        template,
        case=case,
        step=step,
        step_label=STEP_LABELS[step],
        stage_label=case.stage_label,
        steps=progress(facts),
        current_step=step_of(facts.stage),
        sign_next=case.stage == Stage.PLAN_PENDING_SIGNATURE,
        facts=facts,
        draft_saved=local(draft.saved_at) if draft else "",
        draft_url=url_for("wizard.draft_save", case_id=case.id, step=draft_step) if drafts else "",
        discard_url=(
            url_for("wizard.draft_discard", case_id=case.id, step=draft_step) if drafts else ""
        ),
        local=local,
        held_messages=held_count(db, case.id),  # notices to the SW waiting for the EC's review
        **context,
    )


def as_multidict(data: Any) -> MultiDict[str, str] | None:
    return data if isinstance(data, MultiDict) else None
