"""Signing a plan version: both signatures in one submit, the signed PDFs stored once with their
SHA-256, all or nothing (R-PL-03, R-PL-04, R-MT-07, §c7)."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from blueprints.documents import build
from models import AuditEvent, CaseEvent, PlanVersion
from models.enums import PlanStatus, Role, Stage
from models.operations.signing import CLIENT_INTENT, WORKER_INTENT
from models.signing import PlanSignature, SignedDocument
from tests import factories as f
from tests.documents.signing import SIGN, fake_render, ready_case, sign_url, submit
from tests.helpers import multipart
from tests.html import csrf_token, definitions, elements, field_value, text_of


def nothing_stored(db: Session, case) -> None:
    db.expire_all()
    version = db.scalars(select(PlanVersion)).one()
    assert db.scalars(select(PlanSignature)).all() == []
    assert db.scalars(select(SignedDocument)).all() == []
    assert version.status == PlanStatus.AGREED_WITH_SW
    assert version.signed_client_at is None and version.signed_worker_at is None
    assert version.change_window_ends is None
    assert db.get(type(case), case.id).stage == Stage.PLAN_PENDING_SIGNATURE


def test_the_sign_page_shows_the_plan_the_forms_and_the_statements(client, auth, db, team):
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = client.get(sign_url(case))
    assert page.status_code == 200
    text = page.text
    assert "Individual counseling" in text and "Job club" in text
    assert definitions(text, "#sign-totals")["Other WTW hours needed"] == "15 hours"
    assert f'href="/cases/{case.id}/documents/wtw2.pdf"' in text
    assert f'href="/cases/{case.id}/documents/scd1811.pdf"' in text  # Santa Clara uses the 1811
    assert "11/20/2026" in text  # the social worker's agreement (R-MT-07)
    assert CLIENT_INTENT in text and WORKER_INTENT in text
    assert "Signed in ink on a printed copy (upload the scan)" in text


def test_signing_stores_both_forms_once_and_activates_the_plan(client, auth, db, team):
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = submit(client, case)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{case.id}/documents"
    flashed = text_of(client.get(response.headers["Location"]).text)  # the documents page
    assert re.search(
        r"Signed\. Stored WTW 2 TDM-WTW2-\d{6}-V1 \(fingerprint [0-9a-f]{12}\)", flashed
    )
    assert "The client may ask for changes until 11/30/2026" in flashed

    db.expire_all()
    version = db.scalars(select(PlanVersion)).one()
    assert version.status == PlanStatus.SIGNED
    assert version.signed_client_at and version.signed_worker_at
    # Signed Monday 11/23; Thanksgiving and the day after are office holidays (R-PL-04).
    assert version.change_window_ends == date(2026, 11, 30)
    assert db.get(type(case), case.id).stage == Stage.PLAN_ACTIVE
    signatures = {s.role: s for s in db.scalars(select(PlanSignature))}
    assert signatures["client"].full_name == "rosa   DELGADO"
    assert signatures["client"].intent == CLIENT_INTENT
    assert signatures["client"].method == "in_person"
    assert signatures["worker"].intent == WORKER_INTENT

    documents = {d.kind: d for d in db.scalars(select(SignedDocument))}
    assert set(documents) == {"wtw2", "scd1811"}
    for doc in documents.values():
        assert doc.sha256 == hashlib.sha256(doc.pdf).hexdigest()
        assert doc.document_id == build.document_id(version, doc.kind)
        assert doc.scan_sha256 is None and doc.case_id == case.id
        reader = pypdf.PdfReader(io.BytesIO(doc.pdf))
        assert "Rosa Delgado" in "".join(p.extract_text() for p in reader.pages)
        assert reader.xmp_metadata.pdfaid_part == "3"  # stored for the imaging archive as PDF/A-3
        assert reader.xmp_metadata.pdfaid_conformance == "A"  # level A: tagged for screen readers

    event = db.scalars(
        select(CaseEvent).where(CaseEvent.summary == "Plan version 1 signed (WTW 2, 1811)")
    ).one()
    after = " ".join(c.after for c in event.change_list())
    for doc in documents.values():
        assert doc.document_id in after and doc.content_sha256[:12] in after
    audit = db.scalars(select(AuditEvent).where(AuditEvent.action == "plan_signed")).one()
    assert audit.outcome == "ok" and "Rosa" not in audit.detail

    verify = client.get("/documents/verify").text  # the stored file checks as genuine
    answer = multipart(
        client,
        "/documents/verify",
        {"csrf_token": csrf_token(verify), "document": (documents["wtw2"].pdf, "wtw2.pdf")},
    ).text
    assert f"exactly the signed WTW 2 {documents['wtw2'].document_id}" in answer

    page = text_of(client.get(sign_url(case)).text)  # who signed, what is stored
    assert "Plan version 1 is signed" in page
    assert documents["wtw2"].document_id in page and documents["wtw2"].sha256 in page
    assert "The client may ask for changes until" in page and "11/30/2026" in page


def test_ink_signature_embeds_the_scan_in_the_signed_forms(client, auth, db, team):
    case = ready_case(db, team["ana"])
    scan = pypdf.PdfWriter()
    scan.add_blank_page(612, 792)
    buffer = io.BytesIO()
    scan.write(buffer)
    auth.login("ana.ec@example.org")
    response = submit(client, case, method="wet_ink", scan=(buffer.getvalue(), "scan.bin"))
    assert response.status_code == 302
    wtw2 = db.scalars(select(SignedDocument).where(SignedDocument.kind == "wtw2")).one()
    assert wtw2.scan_sha256 == hashlib.sha256(buffer.getvalue()).hexdigest()
    reader = pypdf.PdfReader(io.BytesIO(wtw2.pdf))
    assert reader.attachments["signed-scan.pdf"] == [buffer.getvalue()]
    client_signature = db.scalars(select(PlanSignature).where(PlanSignature.role == "client"))
    assert client_signature.one().method == "wet_ink"


@pytest.mark.parametrize(
    "upload,message",
    [
        (None, "Choose the scan of the signed pages (a PDF file)."),
        ((b"GIF89a not a pdf", "scan.pdf"), "This file is not a PDF."),
        ((b"%PDF-1.7" + b"0" * (10 * 1024 * 1024), "big.pdf"), "larger than 10 MB"),
    ],
)
def test_an_ink_signature_needs_a_pdf_scan(client, auth, db, team, monkeypatch, upload, message):
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = submit(client, case, method="wet_ink", scan=upload)
    assert response.status_code == 200
    assert message in response.text
    assert 'value="  rosa   DELGADO "' in response.text  # what was typed stays
    nothing_stored(db, case)


def test_names_and_statements_are_checked_next_to_the_fields(client, auth, db, team, monkeypatch):
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = submit(
        client, case, client_name="Rosa D.", worker_name="Ana", client_intent=None, method=None
    )
    assert response.status_code == 200
    text = response.text
    assert "Type the client&#39;s full name as it appears on the case: Rosa Delgado." in text
    assert "Type your full name as it appears on your Tandem account: Ana Reyes." in text
    assert "The client signs by agreeing to this statement." in text
    assert "Choose how the client signs." in text
    assert 'value="Rosa D."' in text
    nothing_stored(db, case)


def test_a_render_failure_midway_stores_nothing(client, auth, db, team, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(build, "render_plan_document", fake_render(calls, fail_on="scd1811"))
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = submit(client, case)
    assert calls == ["wtw2", "scd1811"]  # the WTW 2 was made, then the 1811 failed
    assert response.status_code == 200
    assert "Nothing was signed or stored: the plan is still unsigned." in response.text
    assert "the renderer stopped" in response.text
    assert 'value="  rosa   DELGADO "' in response.text and 'value="Ana Reyes"' in response.text
    nothing_stored(db, case)
    failed = db.scalars(select(AuditEvent).where(AuditEvent.action == "plan_signed")).one()
    assert failed.outcome == "failed"


def test_a_failing_commit_stores_nothing(client, auth, db, team, monkeypatch):
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    real_commit = Session.commit

    def failing_commit(self):
        held = [*self.new, *self.identity_map.values()]
        if any(isinstance(o, SignedDocument) for o in held):
            raise OperationalError("COMMIT", {}, Exception("disk I/O error"))
        return real_commit(self)

    # Only the transaction that holds the signed documents fails; other commits go through.
    page = client.get(sign_url(case)).text
    monkeypatch.setattr(Session, "commit", failing_commit)
    fields = {**SIGN, "csrf_token": csrf_token(page), "version": field_value(page, "version")}
    response = multipart(client, sign_url(case), fields)
    monkeypatch.setattr(Session, "commit", real_commit)
    assert response.status_code == 200
    assert "The signed documents could not be saved" in response.text
    assert 'value="Ana Reyes"' in response.text
    nothing_stored(db, case)


def test_a_plan_changed_since_the_page_was_opened_is_not_signed(
    client, auth, db, team, monkeypatch
):
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    page = client.get(sign_url(case)).text
    version = db.scalars(select(PlanVersion)).one()
    version.activities[1].hours_per_week = Decimal("20")  # changed by someone else
    flag_modified(version, "requirement")
    db.commit()
    fields = {**SIGN, "csrf_token": csrf_token(page), "version": field_value(page, "version")}
    response = multipart(client, sign_url(case), fields)
    assert response.status_code == 200
    assert 'id="conflict"' in response.text and 'id="plan-changed"' in response.text
    assert 'value="Ana Reyes"' in response.text
    boxes = elements(response.text, "input[name$=_intent]")
    assert len(boxes) == 2 and not any("checked" in box.attrs for box in boxes)  # ticked again
    nothing_stored(db, case)


@pytest.mark.parametrize(
    "setup,message",
    [
        ({"status": PlanStatus.DRAFT}, "is not ready to sign yet"),
        ({"sw_agreement_on": None}, "(R-MT-07): record the date on the Plan step"),
        ({"stage": Stage.MEETING_HELD}, "This case is at “Meeting held”"),
    ],
)
def test_a_plan_not_ready_cannot_be_signed(client, auth, db, team, monkeypatch, setup, message):
    """In Orange, whose rule R-MT-07 is, the social worker's agreement comes first."""
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = ready_case(db, oscar, **setup)
    auth.login("oscar.ec@example.org")
    page = client.get(sign_url(case)).text
    assert message in page and 'id="client_name"' not in page
    assert f'href="/cases/{case.id}/plan"' in page
    response = multipart(client, sign_url(case), {**SIGN, "csrf_token": csrf_token(page)})
    assert response.status_code == 200 and message in response.text
    assert db.scalars(select(SignedDocument)).all() == []


def test_the_supervisor_signs_for_the_unit_others_are_refused(client, auth, db, team, monkeypatch):
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    case = ready_case(db, team["ana"])
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    db.commit()
    auth.login("olga.ec@example.org")
    assert client.get(sign_url(case)).status_code == 404
    assert client.post(sign_url(case), data={"csrf_token": auth.csrf()}).status_code == 404
    auth.logout()
    auth.login("ada.admin@example.org")
    assert client.get(sign_url(case)).status_code == 403
    auth.logout()
    auth.login("sam.sup@example.org")
    assert submit(client, case, worker_name="sam supervisor").status_code == 302
    worker = db.scalars(select(PlanSignature).where(PlanSignature.role == "worker")).one()
    assert worker.full_name == "sam supervisor" and worker.recorded_by_id == team["sup"].id


def test_orange_signs_the_wtw2_only(client, auth, db, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(build, "render_plan_document", fake_render(calls))
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    case = ready_case(db, oscar)
    auth.login("oscar.ec@example.org")
    page = client.get(sign_url(case)).text
    assert "scd1811.pdf" not in page and "CFS social worker agreed on" in page
    assert submit(client, case, worker_name="Oscar Orange").status_code == 302
    assert calls == ["wtw2"]
    assert [d.kind for d in db.scalars(select(SignedDocument))] == ["wtw2"]
    assert db.scalars(select(CaseEvent).where(CaseEvent.summary.like("%signed (WTW 2)"))).one()


def _open_action(writer, action: str, key: str, value: str) -> None:
    """An action the PDF runs when it is opened (ISO 32000-1 §12.6.4)."""
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject(action), NameObject(key): TextStringObject(value)}
    )


def _scan_with(setup) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    setup(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("setup", "found"),
    [
        (lambda w: _open_action(w, "/JavaScript", "/JS", "app.alert(1);"), "a JavaScript action"),
        (lambda w: w.add_attachment("payload.exe", b"MZ"), "EmbeddedFiles"),
        (lambda w: _open_action(w, "/Launch", "/F", "calc.exe"), "a Launch action"),
    ],
)
def test_a_scan_with_code_actions_or_files_is_refused(
    client, auth, db, team, monkeypatch, setup, found
):
    """The scan is embedded in the signed record the social worker downloads (issue 12)."""
    monkeypatch.setattr(build, "render_plan_document", fake_render())
    case = ready_case(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = submit(client, case, method="wet_ink", scan=(_scan_with(setup), "scan.pdf"))
    assert response.status_code == 200
    assert f"The PDF contains {found}, which a scan of signed pages never needs" in response.text
    nothing_stored(db, case)
