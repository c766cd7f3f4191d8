"""`make demo` stores the signed forms of the active demo plans (issue 13), rendered with
WeasyPrint through the signing operation the Sign page uses; `seed-demo --no-documents` (what
the tests use) loads the data alone. The one test in the suite that renders the demo's forms."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select

from models import CaseEvent, MutualCase, PlanVersion
from models.demo.seed import DEMO_EMAIL_DOMAIN
from models.enums import SIGNED_PLAN_STATUSES, PlanStatus, Stage
from models.signing import PlanSignature, SignedDocument
from policy.county_time import county_date
from tests.documents.test_verify import upload
from tests.html import elements, text_of

PASSWORD = "tandem-demo-2026"


def _count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


def _active_signed_versions(db) -> list[PlanVersion]:
    return list(
        db.scalars(
            select(PlanVersion)
            .where(PlanVersion.status.in_(SIGNED_PLAN_STATUSES))
            .order_by(PlanVersion.id)
        )
    )


def test_seed_demo_stores_the_signed_forms_that_download_and_verify(app, db, client, auth):
    runner = app.test_cli_runner()
    plain = runner.invoke(args=["seed-demo", "--no-documents"])
    assert plain.exit_code == 0, plain.output
    assert "Signed forms" not in plain.output and _count(db, SignedDocument) == 0

    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    versions = _active_signed_versions(db)
    assert versions and all(v.status == PlanStatus.ACTIVE for v in versions)
    stored = db.scalars(select(SignedDocument).order_by(SignedDocument.id)).all()
    # WTW 2 in both counties, the SCD/SCZ 1811 too in Santa Clara.
    expected = sum(
        2 if db.get(MutualCase, v.plan.case_id).county.uses_1811 else 1 for v in versions
    )
    assert len(stored) == expected and f"Signed forms stored: {expected}." in result.output
    assert {d.plan_version_id for d in stored} == {v.id for v in versions}
    assert _count(db, PlanSignature) == 2 * len(versions)

    again = runner.invoke(args=["seed-demo"])  # idempotent: nothing new
    assert again.exit_code == 0 and "Signed forms stored: 0." in again.output
    assert _count(db, SignedDocument) == expected

    # A Santa Clara EC opens an active demo case's Documents page.
    case = db.scalars(
        select(MutualCase)
        .where(MutualCase.stage == Stage.PLAN_ACTIVE)
        .where(MutualCase.id.in_([d.case_id for d in stored if d.kind == "scd1811"]))
        .order_by(MutualCase.id)
    ).first()
    worker = case.assigned_worker
    assert worker.email.endswith(DEMO_EMAIL_DOMAIN)
    assert auth.login(worker.email, PASSWORD).status_code == 302
    page = client.get(f"/cases/{case.id}/documents").text
    assert "No signed forms yet" not in page
    rows = elements(page, "table.tandem-signed-documents tbody tr")
    assert sorted(r.select("td")[1].text for r in rows) == ["SCD/SCZ 1811", "WTW 2"]
    version = next(v for v in versions if v.plan.case_id == case.id)
    signed_on = f"{county_date(version.signed_client_at):%m/%d/%Y}"
    for row in rows:
        (document,) = [d for d in stored if d.case_id == case.id and d.document_id in row.text]
        assert signed_on in row.text  # stored when the demo says the plan was signed
        response = client.get(row.select("a")[0].get("href"))
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        digest = hashlib.sha256(response.data).hexdigest()
        assert digest == response.headers["X-Content-SHA256"] == document.sha256
        checked = text_of(upload(client, response.data).text)
        assert f"Genuine: this file is exactly the signed {document.kind_label}" in checked
    history = db.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    ).all()
    # Signed as the Sign page signs: the message to the social worker waits for the EC too.
    assert [e.summary for e in history] == [
        "Plan version 1 signed (WTW 2, 1811)",
        "Message to the social worker waiting for your review: Plan signed",
    ]
