"""The documents page and its PDFs: draft previews in the client's language, the 1811 A for a
date range, signed PDFs as stored (issue 4). Renders are kept few: each costs ~0.5 s."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from models import AuditEvent
from models.enums import Role
from models.signing import SignedDocument
from tests import factories as f
from tests.documents import sample
from tests.helpers import pdf_text
from tests.html import by_id


def audits(db, action: str) -> list[AuditEvent]:
    db.expire_all()
    # In the order they were written: without ORDER BY, PostgreSQL returns rows in the order it
    # finds them on disk, which after earlier tests' deletes need not be that.
    rows = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    return list(db.scalars(rows))


@pytest.fixture
def seeded(db):
    found = sample.seed(db)
    f.user(db, "olga.ec@example.org", name="Olga Other")  # another unit
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    db.commit()
    return found


def url(seeded, tail: str = "") -> str:
    return f"/cases/{seeded['case'].id}/documents{tail}"


def store_signed(db, seeded, data: bytes = b"%PDF-1.7 signed bytes", sha: str | None = None):
    version = seeded["version"]
    document = SignedDocument(
        plan_version_id=version.id,
        case_id=seeded["case"].id,
        kind="wtw2",
        document_id=f"TDM-WTW2-{version.id:06d}-V1",
        language="es",
        pdf=data,
        sha256=sha or hashlib.sha256(data).hexdigest(),
        content_sha256="c" * 64,
        created_by_id=seeded["worker"].id,
    )
    db.add(document)
    db.commit()
    return document


def test_the_page_offers_previews_in_the_clients_language_and_the_1811a_form(client, auth, seeded):
    auth.login("ana.ec@example.org")
    page = client.get(url(seeded))
    assert page.status_code == 200
    html = page.text
    assert "Printed forms" in html and "version 1: draft previews" in html
    assert "Preview WTW 2 (draft, PDF)" in html and "Preview 1811 (draft, PDF)" in html
    assert '<option value="es" selected>Español</option>' in html
    assert f'action="{url(seeded, "/1811a.pdf")}"' in html
    assert "No signed forms yet" in html


def test_draft_wtw2_in_spanish_is_an_inline_pdf_marked_draft(client, auth, db, seeded):
    auth.login("ana.ec@example.org")
    response = client.get(url(seeded, "/wtw2.pdf?lang=es"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    plan = seeded["version"].plan.plan_number
    assert response.headers["Content-Disposition"] == (
        f'inline; filename="WTW2-{plan}-v1-DRAFT.pdf"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    text = pdf_text(response.data)
    assert "Plan de Welfare-to-Work" in text and "BORRADOR — sin firmar" in text
    assert "Rosa Delgado" in text and "OTRAS HORAS DE WTW NECESARIAS 15 horas" in text
    (row,) = audits(db, "document_preview")
    assert row.case_id == seeded["case"].id and '"kind": "wtw2"' in row.detail


def test_the_1811_defaults_to_the_participants_language(client, auth, seeded):
    auth.login("sup.ana.ec@example.org")  # the supervisor of the unit may print too
    response = client.get(url(seeded, "/scd1811.pdf"))
    assert response.status_code == 200
    assert "SCD1811-" in response.headers["Content-Disposition"]
    assert "Caso común de CalWORKs/DFCS: Plan integrado" in pdf_text(response.data)


def test_the_1811a_prints_the_chosen_weeks(client, auth, seeded):
    auth.login("ana.ec@example.org")
    response = client.get(url(seeded, "/1811a.pdf?start=11/30/2026&end=2026-12-13&lang=en"))
    assert response.status_code == 200
    assert 'filename="SCD1811A-' in response.headers["Content-Disposition"]
    assert "2026-11-30-to-2026-12-13.pdf" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    assert "Week of Nov 30, 2026 to Dec 6, 2026" in text
    assert "Week of Dec 7, 2026 to Dec 13, 2026" in text and "Dec 14" not in text


@pytest.mark.parametrize(
    "query,field,message",
    [
        (
            "start=2026-12-20&end=2026-12-01",
            "end",
            "The last day must be on or after the first day.",
        ),
        ("start=2026-01-05&end=2026-12-31", "end", "Choose at most 26 weeks"),
        ("start=someday&end=2026-12-31", "start", "Enter the date as month/day/year."),
        ("end=2026-12-31", "start", "Enter the first day of the sheet"),
    ],
)
def test_a_bad_1811a_range_comes_back_to_the_page_with_the_message(
    client, auth, seeded, query, field, message
):
    auth.login("ana.ec@example.org")
    response = client.get(url(seeded, f"/1811a.pdf?{query}"))
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert message in by_id(response.text, f"sheet-{field}-error").text
    typed = by_id(response.text, f"sheet-{field}")
    assert typed.get("name") == field
    assert typed.get("value") is not None and typed.get("value") in query  # what was typed stays


def test_orange_has_no_1811_at_all(client, auth, db):
    found = sample.seed(db, county="orange", email="oscar.ec@example.org")
    db.commit()
    auth.login("oscar.ec@example.org")
    base = f"/cases/{found['case'].id}/documents"
    page = client.get(base).text
    assert "Preview WTW 2" in page and "1811" not in page
    assert client.get(base + "/scd1811.pdf").status_code == 404
    assert client.get(base + "/1811a.pdf?start=2026-11-30&end=2026-12-13").status_code == 404


def test_without_a_plan_the_previews_say_to_build_it_first(client, auth, db):
    worker = f.user(db, "ana.ec@example.org", name="Ana Reyes")
    case = f.case(db, worker)
    db.commit()
    auth.login("ana.ec@example.org")
    page = client.get(f"/cases/{case.id}/documents")
    assert page.status_code == 200 and "No plan yet: build the plan first" in page.text
    response = client.get(f"/cases/{case.id}/documents/wtw2.pdf")
    assert response.status_code == 404 and "No plan yet: build the plan first." in response.text


def test_a_document_past_its_time_limit_gives_a_plain_503(app, client, auth, seeded):
    app.config["PDF_TIME_LIMIT"] = 0.001
    auth.login("ana.ec@example.org")
    response = client.get(url(seeded, "/wtw2.pdf"))
    assert response.status_code == 503
    assert "took longer than" in response.text and "Traceback" not in response.text


def test_a_signed_pdf_downloads_as_stored_with_its_hash_and_an_audit_row(client, auth, db, seeded):
    document = store_signed(db, seeded)
    auth.login("ana.ec@example.org")
    page = client.get(url(seeded)).text
    assert document.document_id in page and f"/signed/{document.id}.pdf" in page
    response = client.get(url(seeded, f"/signed/{document.id}.pdf"))
    assert response.status_code == 200 and response.data == b"%PDF-1.7 signed bytes"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="{document.document_id}.pdf"'
    )
    assert response.headers["X-Content-SHA256"] == document.sha256
    (row,) = audits(db, "document_download")
    assert row.case_id == seeded["case"].id and row.object_id == str(document.id)


def test_a_signed_pdf_of_another_case_or_a_tampered_one_is_not_served(client, auth, db, seeded):
    other = sample.seed(db, email="ben.ec@example.org")
    theirs = store_signed(db, other)
    auth.login("ana.ec@example.org")
    assert client.get(url(seeded, f"/signed/{theirs.id}.pdf")).status_code == 404
    assert client.get(url(seeded, "/signed/999999.pdf")).status_code == 404
    tampered = store_signed(db, seeded, sha="0" * 64)
    response = client.get(url(seeded, f"/signed/{tampered.id}.pdf"))
    assert response.status_code == 500 and "does not match" in response.text
    (row,) = audits(db, "document_download")
    assert row.outcome == "failed"


def test_other_units_get_404_and_admins_403(client, auth, seeded):
    auth.login("olga.ec@example.org")
    for tail in ("", "/wtw2.pdf", "/scd1811.pdf", "/1811a.pdf"):
        assert client.get(url(seeded, tail)).status_code == 404
    auth.logout()
    auth.login("ada.admin@example.org")
    assert client.get(url(seeded, "/wtw2.pdf")).status_code == 403
