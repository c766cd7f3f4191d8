"""Helpers for the signing tests: a plan ready to sign, the sign form sent as a browser sends
it, and a stand-in for the PDF renderer."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from blueprints.documents import build
from blueprints.documents.pdf import RenderError
from models import MutualCase, Plan, PlanActivity, PlanVersion, User
from models.enums import ActivitySource, PlanStatus, Stage
from tests import factories as f
from tests.helpers import multipart
from tests.html import csrf_token, field_value

EIGHT = date(2018, 5, 1)  # the only child is 8: 30 hours a week (R-HR-01)
SIGN = {
    "client_name": "  rosa   DELGADO ",  # case and spaces do not matter
    "method": "in_person",
    "client_intent": "y",
    "worker_name": "Ana Reyes",
    "worker_intent": "y",
}


def ready_case(
    db: Session,
    worker: User,
    *,
    stage: Stage = Stage.PLAN_PENDING_SIGNATURE,
    sw_agreement_on: date | None = date(2026, 11, 20),
    status: PlanStatus = PlanStatus.AGREED_WITH_SW,
) -> MutualCase:
    """A case whose plan version 1 is agreed with the social worker and ready to sign."""
    case = f.case(db, worker, first="Rosa", last="Delgado", stage=stage, children=(EIGHT,))
    plan = Plan(case_id=case.id, plan_number=f"SC-{case.id:06d}-1")
    version = PlanVersion(
        version_no=1,
        status=status,
        requirement=30,
        requirement_basis="One aided adult, no aided child under 6 in the home → 30 hours",
        period_start=date(2026, 12, 1),
        period_end=date(2027, 11, 30),
        sw_agreement_on=sw_agreement_on,
    )
    rows = [
        ("Individual counseling", ActivitySource.CFS, "counseling", "15"),
        ("Job club", ActivitySource.WTW, "job_readiness", "15"),
    ]
    for position, (name, source, kind, hours) in enumerate(rows):
        version.activities.append(
            PlanActivity(
                position=position,
                source=source,
                kind=kind,
                name=name,
                hours_per_week=Decimal(hours),
                start_on=date(2026, 12, 1),
                progress_standard="Attends every session; the provider confirms.",
            )
        )
    plan.versions.append(version)
    db.add(plan)
    db.commit()
    return case


def sign_url(case: MutualCase) -> str:
    return f"/cases/{case.id}/sign"


def submit(client: FlaskClient, case: MutualCase, **changes: Any) -> Any:
    """Open the sign page (for its CSRF token and plan version) and send the signatures."""
    page = client.get(sign_url(case)).text
    data = {**SIGN, **changes, "csrf_token": csrf_token(page)}
    data.setdefault("version", field_value(page, "version"))
    return multipart(client, sign_url(case), {k: v for k, v in data.items() if v is not None})


def fake_render(
    calls: list[str] | None = None, fail_on: str | None = None
) -> Callable[..., build.RenderedDocument]:
    """Stands in for WeasyPrint where the test is about the rows, not the PDF: records each
    kind rendered in `calls`, and fails on the kind `fail_on`."""

    def render(
        db: Session, case: MutualCase, version: PlanVersion, kind: str, **kw: Any
    ) -> build.RenderedDocument:
        if calls is not None:
            calls.append(kind)
        if kind == fail_on:
            raise RenderError("The document could not be built: the renderer stopped.")
        pdf = f"%PDF-1.7 {kind} {kw['signatures'][0].full_name}".encode()
        digest = hashlib.sha256(pdf).hexdigest()
        return build.RenderedDocument(build.document_id(version, kind), pdf, digest, digest[::-1])

    return render
