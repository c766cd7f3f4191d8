"""Every refusal leaves an authz_denied row (issue 12): another case's document or link through
one's own case, another county's account, a share link asking for another case's document; and
a HEAD request is not counted as the social worker opening the case."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from models import AuditEvent, PlanVersion, ShareLink
from models.enums import Role, ShareScope
from models.operations.share_links import create_link
from models.signing import SignedDocument
from tests import factories as f
from tests.documents.signing import ready_case
from tests.html import csrf_token


def _denied(db, object_type):
    db.expire_all()
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.action == "authz_denied", AuditEvent.object_type == object_type)
        .order_by(AuditEvent.id)
    )
    return db.scalars(stmt).all()


def _signed_doc(db, case):
    version = db.scalars(select(PlanVersion).where(PlanVersion.plan.has(case_id=case.id))).one()
    pdf = b"%PDF-1.7\n%%EOF\n"
    doc = SignedDocument(
        plan_version_id=version.id,
        case_id=case.id,
        kind="wtw2",
        document_id=f"TDM-WTW2-{version.id:06d}-V1",
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        content_sha256="0" * 64,
        created_by_id=case.assigned_worker_id,
    )
    db.add(doc)
    db.commit()
    return doc


def test_another_cases_document_through_ones_own_case_is_denied_and_audited(client, auth, db, team):
    mine = f.case(db, team["ana"])
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    theirs = ready_case(db, oscar)
    doc = _signed_doc(db, theirs)
    auth.login("ana.ec@example.org")
    assert client.get(f"/cases/{mine.id}/documents/signed/{doc.id}.pdf").status_code == 404
    assert [row.object_id for row in _denied(db, "signed_document")] == [str(doc.id)]


def test_another_countys_account_is_denied_and_audited(client, auth, db, team):
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    db.commit()
    auth.login("ada.admin@example.org")
    token = csrf_token(client.get("/admin/users").text)
    response = client.post(f"/admin/users/{oscar.id}/disable", data={"csrf_token": token})
    assert response.status_code == 404
    assert [row.object_id for row in _denied(db, "account")] == [str(oscar.id)]
    db.refresh(oscar)
    assert oscar.active


def test_revoking_another_cases_link_is_denied_and_audited(client, auth, db, team):
    mine = f.case(db, team["ana"])
    other = f.case(db, team["ben"])
    link, _token = create_link(
        db,
        other,
        team["ben"].id,
        recipient_name="Dana",
        recipient_email="d@example.org",
        days=30,
        scope=ShareScope.VIEW,
    )
    db.commit()
    auth.login("ana.ec@example.org")
    token = csrf_token(client.get(f"/cases/{mine.id}/share").text)
    response = client.post(f"/cases/{mine.id}/share/{link.id}/revoke", data={"csrf_token": token})
    assert response.status_code == 404
    assert [row.object_id for row in _denied(db, "share_link")] == [str(link.id)]
    assert db.get(ShareLink, link.id).revoked_at is None


def test_a_link_asking_for_another_cases_document_is_denied_and_audited(client, db, team):
    oscar = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    other = ready_case(db, oscar)
    doc = _signed_doc(db, other)
    mine = f.case(db, team["ana"])
    _link, token = create_link(
        db,
        mine,
        team["ana"].id,
        recipient_name="Dana",
        recipient_email="d@example.org",
        days=30,
        scope=ShareScope.VIEW_DOWNLOAD,
    )
    db.commit()
    assert client.get(f"/s/{token}/documents/{doc.id}.pdf").status_code == 404
    assert [row.object_id for row in _denied(db, "signed_document")] == [str(doc.id)]


def test_a_head_request_is_not_counted_as_an_open(client, db, team):
    case = f.case(db, team["ana"])
    link, token = create_link(
        db,
        case,
        team["ana"].id,
        recipient_name="Dana",
        recipient_email="d@example.org",
        days=30,
        scope=ShareScope.VIEW,
    )
    db.commit()
    assert client.head(f"/s/{token}").status_code == 200
    db.expire_all()
    opens = db.scalars(select(AuditEvent).where(AuditEvent.action == "share_open")).all()
    assert opens == [] and db.get(ShareLink, link.id).last_used_at is None
    assert client.get(f"/s/{token}").status_code == 200
    db.expire_all()
    assert len(db.scalars(select(AuditEvent).where(AuditEvent.action == "share_open")).all()) == 1
