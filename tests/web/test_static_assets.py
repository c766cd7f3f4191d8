"""Static files addressed by their content (blueprints/static_assets.py): a browser keeps them
for a year and asks again only when a release changes them; reading one costs no query."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sqlalchemy import event, select

from blueprints.static_assets import Fingerprints
from models.users import UserSession

STATIC = Path(__file__).resolve().parents[2] / "static"
LINKED = re.compile(r'(?:href|src)="/static/([^"?]+)\?v=([0-9a-f]+)"')


def _digest(name: str) -> str:
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]


def _statements(app, client, url: str):  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def keep(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(app.extensions["tandem_engine"], "before_cursor_execute", keep)
    try:
        response = client.get(url)
    finally:
        event.remove(app.extensions["tandem_engine"], "before_cursor_execute", keep)
    return response, seen


def test_pages_link_each_file_by_its_content(client, auth, ec):
    login_page = client.get("/login").get_data(as_text=True)
    auth.login(ec.email)
    caseload = client.get("/cases").get_data(as_text=True)
    for page in (login_page, caseload):
        linked = dict(LINKED.findall(page))
        assert {"css/tandem.css", "vendor/htmx/htmx.min.js"} <= linked.keys()
        assert linked == {name: _digest(name) for name in linked}
    assert 'src="/static/vendor/htmx/htmx.min.js"' not in caseload  # no address without v=


def test_the_current_address_is_kept_a_year_an_old_one_is_checked_again(client):
    name = "css/tandem.css"
    kept = client.get(f"/static/{name}?v={_digest(name)}")
    assert kept.status_code == 200 and kept.data == (STATIC / name).read_bytes()
    assert kept.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for url in (f"/static/{name}", f"/static/{name}?v=000000000000"):
        checked = client.get(url)
        assert checked.status_code == 200 and checked.data == kept.data
        assert "immutable" not in checked.headers["Cache-Control"]
        assert "no-cache" in checked.headers["Cache-Control"]
    assert client.get("/static/css/missing.css?v=000000000000").status_code == 404


def test_a_static_file_costs_no_query_and_leaves_the_session_alone(app, client, auth, ec, db):
    auth.login(ec.email)
    assert client.get("/cases").status_code == 200
    row = db.scalars(select(UserSession).where(UserSession.user_id == ec.id)).one()
    seen_at = row.last_seen_at
    response, sql = _statements(app, client, "/static/css/tandem.css")
    assert response.status_code == 200 and sql == []
    assert "Set-Cookie" not in response.headers  # the signed-in cookie is neither set nor ended
    db.expire_all()
    assert db.get(UserSession, row.id).last_seen_at == seen_at
    assert client.get("/cases").status_code == 200  # still signed in


def test_case_pages_are_still_never_stored(client, auth, ec):
    auth.login(ec.email)
    assert client.get("/cases").headers["Cache-Control"] == "no-store"


def test_a_changed_file_gets_a_new_address(tmp_path):
    sheet = tmp_path / "site.css"
    sheet.write_text("body { color: #000 }")
    fingerprints = Fingerprints(str(tmp_path))
    first = fingerprints.of("site.css")
    assert first == hashlib.sha256(sheet.read_bytes()).hexdigest()[:12]
    sheet.write_text("body { color: #111 }")
    later = os.stat(sheet).st_mtime_ns + 1_000_000_000
    os.utime(sheet, ns=(later, later))
    assert fingerprints.of("site.css") not in (None, first)


def test_no_fingerprint_outside_the_folder(tmp_path):
    (tmp_path / "inside").mkdir()
    (tmp_path / "secret.txt").write_text("no")
    fingerprints = Fingerprints(str(tmp_path / "inside"))
    assert fingerprints.of("../secret.txt") is None
    assert fingerprints.of("absent.css") is None
