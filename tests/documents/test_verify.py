"""Checking a signed document: an uploaded PDF against the stored SHA-256, or a document id;
the client's name only for someone who may open the case (R-PL-03, R-CO-01)."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select

from models import AuditEvent, PlanVersion
from models.enums import Role
from models.signing import SignedDocument
from tests import factories as f
from tests.documents.signing import ready_case
from tests.helpers import multipart
from tests.html import csrf_token, text_of

PDF = b"%PDF-1.7\n% a signed WTW 2, as stored\n1 0 obj <<>> endobj\n%%EOF\n"
VERIFY = "/documents/verify"


def stored(db, worker):
    """A case with a signed WTW 2 stored (the bytes stand in for a rendered PDF)."""
    case = ready_case(db, worker)
    version = db.scalars(select(PlanVersion)).one()
    doc = SignedDocument(
        plan_version_id=version.id,
        case_id=case.id,
        kind="wtw2",
        document_id=f"TDM-WTW2-{version.id:06d}-V1",
        pdf=PDF,
        sha256=hashlib.sha256(PDF).hexdigest(),
        content_sha256="c0ffee" * 10 + "abcd",
        created_by_id=worker.id,
    )
    db.add(doc)
    db.commit()
    return doc


def upload(client, data: bytes, name: str = "plan.pdf"):
    page = client.get(VERIFY).text
    return multipart(client, VERIFY, {"csrf_token": csrf_token(page), "document": (data, name)})


def audits(db) -> list[AuditEvent]:
    return db.scalars(
        select(AuditEvent).where(AuditEvent.action == "document_verify").order_by(AuditEvent.id)
    ).all()


def test_the_stored_bytes_are_genuine(client, auth, db, team):
    doc = stored(db, team["ana"])
    auth.login("ana.ec@example.org")
    response = upload(client, PDF, name="whatever-it-is-called.bin")
    assert response.status_code == 200
    text = text_of(response.text)
    assert f"Genuine: this file is exactly the signed WTW 2 {doc.document_id} stored on" in text
    assert "Client: Rosa Delgado." in text
    assert f'href="/cases/{doc.case_id}/documents"' in response.text
    (row,) = audits(db)
    assert row.outcome == "match" and row.object_id == str(doc.id)
    assert json.loads(row.detail) == {"by": "upload"}  # never the file


def test_one_changed_byte_is_not_a_match(client, auth, db, team):
    stored(db, team["ana"])
    auth.login("ana.ec@example.org")
    changed = PDF.replace(b"WTW 2", b"WTW 3")
    text = text_of(upload(client, changed).text)
    assert (
        "Not a match: this file differs from every signed document in Tandem "
        "(it may have been changed, or it is a draft)" in text
    )
    assert "Genuine" not in text and "Rosa Delgado" not in text
    assert [a.outcome for a in audits(db)] == ["no_match"]


def test_only_pdf_files_are_checked(client, auth, db, team):
    auth.login("ana.ec@example.org")
    response = upload(client, b"<html>not a pdf</html>", name="fake.pdf")
    assert response.status_code == 200
    assert "This file is not a PDF." in response.text and audits(db) == []
    too_big = b"%PDF-1.7" + b"0" * (20 * 1024 * 1024)  # above the app's usual 16 MB, too
    response = upload(client, too_big)
    assert response.status_code == 200 and "larger than 20 MB" in response.text
    page = client.get(VERIFY).text
    response = client.post(VERIFY, data={"csrf_token": csrf_token(page)})
    assert "Choose the PDF to check (a PDF file)." in response.text
    response = upload(client, too_big + b"0" * (1024 * 1024))  # refused before it is read
    assert response.status_code == 413 and "The file is too large" in response.text


def test_a_document_id_shows_its_hashes_and_date(client, auth, db, team):
    doc = stored(db, team["ana"])
    auth.login("sam.sup@example.org")  # the supervisor of Ana's unit may open the case
    response = client.get(VERIFY, query_string={"document_id": doc.document_id.lower() + " "})
    assert response.status_code == 200
    text = text_of(response.text)
    assert f"{doc.document_id} is a signed WTW 2 stored in Tandem on" in text
    assert doc.sha256 in text and "c0ffeec0ffee" in text
    assert "Client: Rosa Delgado." in text
    text = text_of(client.get(VERIFY, query_string={"document_id": "TDM-WTW2-999999-V1"}).text)
    assert "No signed document in Tandem has the id TDM-WTW2-999999-V1." in text
    assert [a.outcome for a in audits(db)] == ["match", "no_match"]
    response = client.get(VERIFY, query_string={"document_id": ""})
    assert "Type the document id." in response.text


def test_someone_outside_the_unit_learns_only_that_it_matches(client, auth, db, team):
    doc = stored(db, team["ana"])
    auth.login("olga.ec@example.org")
    text = text_of(upload(client, PDF).text)
    assert f"Genuine: this file is exactly the signed WTW 2 {doc.document_id} stored on" in text
    assert "not on your caseload" in text
    assert "Rosa" not in text and "Delgado" not in text
    assert f"/cases/{doc.case_id}" not in text
    text = text_of(client.get(VERIFY, query_string={"document_id": doc.document_id}).text)
    assert doc.sha256 in text and "Rosa" not in text


def test_admins_cannot_verify_and_anonymous_users_sign_in_first(client, auth, db):
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    db.commit()
    response = client.get(VERIFY)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    auth.login("ada.admin@example.org")
    assert client.get(VERIFY).status_code == 403


def test_another_countys_document_is_not_answered(client, auth, db, team):
    """Each county answers for its own records (issue 12): an Orange EC learns nothing."""
    doc = stored(db, team["ana"])
    f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    db.commit()
    auth.login("oscar.ec@example.org")
    text = text_of(client.get(VERIFY, query_string={"document_id": doc.document_id}).text)
    assert f"No signed document in Tandem has the id {doc.document_id}." in text
    assert doc.sha256 not in text
    assert "Genuine" not in text_of(upload(client, PDF).text)
