"""A stored signed PDF downloads like a static file (issue 14): one query finds it within the
user's scope, its SHA-256 is the ETag, a client holding that copy gets 304 and no body; every
download (304 too) is audited, and another unit's case still answers 404."""

from __future__ import annotations

from tests.documents.test_documents_web import audits, seeded, store_signed, url  # noqa: F401
from tests.helpers import statements_for


def test_the_etag_is_the_stored_hash_and_a_kept_copy_gets_304(client, auth, db, seeded):  # noqa: F811
    document = store_signed(db, seeded)
    auth.login("ana.ec@example.org")
    path = url(seeded, f"/signed/{document.id}.pdf")
    first = client.get(path)
    assert first.status_code == 200 and first.data == b"%PDF-1.7 signed bytes"
    assert first.headers["ETag"] == f'"{document.sha256}"'  # strong: no W/
    assert first.headers["X-Content-SHA256"] == document.sha256
    # Signed-in answers are never kept by a browser or a proxy (security.py); the ETag serves
    # a client that keeps its copy itself.
    assert first.headers["Cache-Control"] == "no-store"
    kept = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert kept.status_code == 304 and kept.data == b""
    assert kept.headers["ETag"] == first.headers["ETag"]
    other = client.get(path, headers={"If-None-Match": '"' + "0" * 64 + '"'})
    assert other.status_code == 200 and other.data == first.data
    rows = audits(db, "document_download")
    assert [('"not_modified": true' in (r.detail or "")) for r in rows] == [False, True, False]
    assert {r.object_id for r in rows} == {str(document.id)}


def test_a_download_runs_one_query_for_the_document(app, client, auth, db, seeded):  # noqa: F811
    document = store_signed(db, seeded)
    auth.login("ana.ec@example.org")
    sql = statements_for(app, client, url(seeded, f"/signed/{document.id}.pdf"))
    page = [s for s in sql if "user_account" not in s]  # who is signed in, as on every page
    assert len(page) == 1 and "FROM signed_document" in page[0]
    assert "mutual_case" in page[0]  # the scope check is in the same query


def test_another_units_case_is_still_404_and_audited(client, auth, db, seeded):  # noqa: F811
    document = store_signed(db, seeded)
    auth.login("olga.ec@example.org")
    assert client.get(url(seeded, f"/signed/{document.id}.pdf")).status_code == 404
    (denied,) = audits(db, "authz_denied")
    assert denied.object_type == "mutual_case" and audits(db, "document_download") == []


def test_the_share_pages_download_carries_the_same_etag(app, client, db, seeded):  # noqa: F811
    from models.enums import ShareScope
    from models.operations.share_links import create_link

    document = store_signed(db, seeded)
    _link, token = create_link(
        db,
        seeded["case"],
        seeded["worker"].id,
        recipient_name="Sam Social Worker",
        recipient_email="sam.sw@example.org",
        days=7,
        scope=ShareScope.VIEW_DOWNLOAD,
    )
    db.commit()
    path = f"/s/{token}/documents/{document.id}.pdf"
    first = client.get(path)
    assert first.status_code == 200 and first.headers["ETag"] == f'"{document.sha256}"'
    kept = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert kept.status_code == 304 and kept.data == b""
