"""Amending a signed plan: a new draft version that must be signed again (R-PL-10)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from models.db import get_db
from models.enums import CASE_EDITORS
from models.operations.signing import NothingToAmend, amend_signed_plan

from .. import audit
from ..access import roles_required
from ..clock import today
from .blueprint import bp
from .common import load_case
from .order import refuse_out_of_order


@bp.post("/cases/<int:case_id>/plan/amend")
@roles_required(*CASE_EDITORS)
def plan_amend(case_id: int) -> Any:
    """Start version n+1 from the signed one; the signed version stays as signed (R-PL-10)."""
    case = load_case(case_id)
    if (refused := refuse_out_of_order(case, "plan")) is not None:
        return refused
    db = get_db()
    try:  # a second click, or another worker, may have started it a moment ago
        amendment = amend_signed_plan(db, case, current_user.id, today())
        audit.record(
            db,
            "plan_amend",
            case_id=case.id,
            object_type="plan_version",
            object_id=amendment.id,
            detail={"version": amendment.version_no},
        )
        db.commit()
    except NothingToAmend:
        db.rollback()
        flash("There is no signed plan to amend: change the plan on this page.")
        return redirect(url_for("wizard.plan", case_id=case.id))
    except (IntegrityError, StaleDataError):
        db.rollback()
        flash("Another worker started an amendment at the same time; it is shown below.")
        return redirect(url_for("wizard.plan", case_id=case.id))
    flash(
        f"Amendment started: version {amendment.version_no}. Change the plan, record the social "
        "worker's agreement again, then mark it ready to sign."
    )
    return redirect(url_for("wizard.plan", case_id=case.id))
