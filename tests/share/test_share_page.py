"""What the social worker sees through a link, and what nobody can do through it (issue 5)."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from models import AuditEvent, RateLimitHit, SignedDocument
from models.base import utcnow
from models.enums import ShareScope, Stage
from models.operations.share_links import create_link, revoke
from models.people import SocialWorker
from tests import factories as f
from tests.html import definitions, urls


def test_the_page_shows_the_wtw_side_and_nothing_private(client, shared):
    page = client.get(f"/s/{shared['token']}")
    assert page.status_code == 200
    text = page.text
    assert "Rosa Delgado" in text and "Counseling" in text and "Job club" in text
    hours = definitions(text, "dl.share-totals")
    assert hours["Other WTW hours needed"] == "15"  # 30 − 15 CFS
    assert "45" not in hours.values()  # never stacked on top
    assert "Bus pass" in text and "Ana Reyes" in text and "Last updated" in text
    for private in ("12 Hidden Lane", "408-555-0199", "1995", "$80", "Leo"):
        assert private not in text
    assert "<script" not in text and "<form" not in text  # read-only: nothing to submit
    assert "TDM-WTW2" not in text  # scope "view" does not list the signed forms
    for url in urls(text):
        assert url.startswith(("/", "#", "mailto:")), url  # no third-party URL


def test_share_responses_carry_the_capability_url_headers(client, shared):
    for path in (f"/s/{shared['token']}", "/s/" + "x" * 43):
        headers = client.get(path).headers
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Robots-Tag"] == "noindex, nofollow"
        assert headers["Cache-Control"] == "no-store"
    robots = client.get("/robots.txt").text
    assert "Disallow: /s/" in robots


def test_every_open_is_logged_with_link_and_address(client, db, shared):
    client.get(f"/s/{shared['token']}", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    row = db.scalars(select(AuditEvent).where(AuditEvent.action == "share_open")).one()
    assert row.actor_link_id == shared["link"].id and row.ip == "10.1.2.3"
    assert row.case_id == shared["case"].id and row.actor_user_id is None
    assert shared["token"] not in row.detail


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_anything_but_get_is_405(client, db, shared, method):
    before = db.scalars(select(AuditEvent)).all()
    response = getattr(client, method)(f"/s/{shared['token']}")
    assert response.status_code == 405
    response = getattr(client, method)(f"/s/{shared['token']}/documents/1.pdf")
    assert response.status_code == 405
    assert len(db.scalars(select(AuditEvent)).all()) == len(before)  # no side effect


def _doc(db, case):
    return db.scalars(select(SignedDocument).where(SignedDocument.case_id == case.id)).one()


def test_matrix_valid_expired_revoked_wrong_case_wrong_scope(client, db, team, shared):
    case, token = shared["case"], shared["token"]
    other = f.shared_case(db, team["ben"], first="Linh", last="Nguyen", cw_number="C1111111")
    full, full_token = create_link(
        db,
        case,
        team["ana"].id,
        recipient_name="Dana Kim",
        recipient_email="dana.kim@example.org",
        days=30,
        scope=ShareScope.VIEW_DOWNLOAD,
    )
    db.commit()
    mine, theirs = _doc(db, case), _doc(db, other)
    # valid, scope view: page yes, PDF no (inspect is not copy).
    assert client.get(f"/s/{token}").status_code == 200
    assert client.get(f"/s/{token}/documents/{mine.id}.pdf").status_code == 403
    # valid, scope view and download: the PDF, with its hash; listed on the page.
    pdf = client.get(f"/s/{full_token}/documents/{mine.id}.pdf")
    assert pdf.status_code == 200 and pdf.data == b"%PDF-1.7 signed"
    assert pdf.headers["X-Content-SHA256"] == "ab" * 32
    assert mine.document_id in client.get(f"/s/{full_token}").text
    # wrong case: a token for case A never reaches case B's document.
    assert client.get(f"/s/{full_token}/documents/{theirs.id}.pdf").status_code == 404
    assert "Linh Nguyen" not in client.get(f"/s/{full_token}").text
    # revoked: 410 at once, while the other link for the same case keeps working.
    revoke(db, shared["link"], team["ana"].id)
    db.commit()
    assert client.get(f"/s/{token}").status_code == 410
    assert client.get(f"/s/{token}/documents/{mine.id}.pdf").status_code == 410
    assert client.get(f"/s/{full_token}").status_code == 200
    # expired
    full.expires_at = utcnow() - timedelta(minutes=1)
    db.commit()
    gone = client.get(f"/s/{full_token}")
    assert gone.status_code == 410 and "ask the employment counselor for a new link" in gone.text
    assert client.get(f"/s/{full_token}/documents/{mine.id}.pdf").status_code == 410
    outcomes = db.scalars(
        select(AuditEvent.outcome).where(AuditEvent.action == "share_access")
    ).all()
    assert "revoked" in outcomes and "expired" in outcomes
    downloads = db.scalars(select(AuditEvent).where(AuditEvent.action == "share_download")).all()
    assert {d.outcome for d in downloads} == {"ok", "denied"}


def test_unknown_tokens_are_404_and_too_many_are_429(client, db, shared):
    for i in range(20):
        assert client.get(f"/s/{'A' * 42}{i % 10}").status_code == 404
    assert client.get("/s/not-even-a-token").status_code == 429
    assert client.get(f"/s/{shared['token']}").status_code == 429  # the address is cooling off
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "share_throttled")).first()


def test_links_end_when_the_case_closes_or_the_social_worker_changes(client, db, team, shared):
    case = shared["case"]
    case.child_welfare_case.social_worker = SocialWorker(county_id=case.county_id, name="Lee Park")
    db.commit()
    page = client.get(f"/s/{shared['token']}")
    assert page.status_code == 410 and "another social worker" in page.text
    fresh, token = create_link(
        db,
        case,
        team["ana"].id,
        recipient_name="Lee Park",
        recipient_email="lee.park@example.org",
        days=30,
        scope=ShareScope.VIEW,
    )
    db.commit()
    assert client.get(f"/s/{token}").status_code == 200
    case.stage = Stage.CLOSED
    db.commit()
    closed = client.get(f"/s/{token}")
    assert closed.status_code == 410 and "case this link showed is closed" in closed.text


def test_the_token_is_random_and_only_its_hash_is_stored(client, db, shared):
    token, link = shared["token"], shared["link"]
    assert len(token) >= 43 and re.fullmatch(r"[A-Za-z0-9_-]+", token)
    assert link.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    client.get(f"/s/{token}")
    for table in ("share_link", "audit_event", "case_event", "outbox_message"):
        for row in db.execute(text(f"SELECT * FROM {table}")):
            assert token not in " ".join(str(v) for v in row), table


def test_refused_attempts_leave_one_audit_row_per_address_and_minute(client, db, shared):
    """Anyone can ask for /s/...; each refusal used to add an undeletable row (issue 12)."""
    for _ in range(40):
        client.get("/s/" + "B" * 43)
    db.expire_all()
    rows = db.scalars(
        select(AuditEvent).where(AuditEvent.action.in_(("share_access", "share_throttled")))
    ).all()
    assert sorted(r.action for r in rows) == ["share_access", "share_throttled"]
    assert db.scalar(select(func.count()).select_from(RateLimitHit)) >= 20  # still counted
