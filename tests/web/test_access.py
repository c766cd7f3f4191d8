"""Default deny, roles, and per-case scope (security.md tests 9, 10, 13)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from models import AuditEvent
from models.enums import Role
from tests import factories as f
from tests.helpers import HX
from tests.html import csrf_token
from tests.web.access_matrix import MATRIX, NOT_IN_MATRIX

ROLES = ("anonymous", "ec", "supervisor", "admin")


@pytest.fixture
def people(db, team):
    """The shared unit (Sam, Ana, Ben; Olga outside), an admin, an Orange EC, a case each."""
    sup, ec1, ec2, outsider = team["sup"], team["ana"], team["ben"], team["olga"]
    admin = f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    orange_ec = f.user(db, "oscar.ec@example.org", county_code="orange", name="Oscar Orange")
    cases = {
        "ana": f.case(db, ec1, first="Rosa", last="Delgado"),
        "ben": f.case(db, ec2, first="Linh", last="Nguyen"),
        "olga": f.case(db, outsider, first="Grace", last="Okafor"),
        "orange": f.case(db, orange_ec, first="Hope", last="Walker"),
    }
    db.commit()
    return {"ec": ec1, "supervisor": sup, "admin": admin, "ec2": ec2, "cases": cases, "db": db}


def fill(path: str, people: dict) -> str:
    """A concrete URL for a rule: the case is Ana's (the signed-in EC's own case)."""
    url = path.replace("<int:user_id>", str(people["ec2"].id))
    url = url.replace("<int:case_id>", str(people["cases"]["ana"].id))
    url = url.replace("<int:other_id>", str(people["cases"]["ben"].id))
    url = url.replace("<token>", "A" * 43).replace("<int:link_id>", "999")
    url = url.replace("<int:doc_id>", "999").replace("<isodate:monday>", "2026-11-16")
    url = url.replace("<int:activity_id>", "999").replace("<int:change_id>", "999")
    url = url.replace("<int:episode_id>", "999")
    url = url.replace("<int:record_id>", "999").replace("<int:message_id>", "999")
    url = url.replace("<int:entry_id>", "999")
    url = url.replace("<int:good_cause_id>", "999").replace("<int:exemption_id>", "999")
    return re.sub(r"<any\([^)]*\):step>", "identify", url)


def test_every_route_has_a_decision(app):
    listed = {path for _, path in MATRIX}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_IN_MATRIX:
            continue
        assert rule.rule in listed, f"{rule.rule} ({rule.endpoint}) has no row in access_matrix.py"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,path", list(MATRIX))
def test_access_matrix(client, auth, people, role, method, path):
    if role != "anonymous":
        auth.login(people[role].email)
    url = fill(path, people)
    if method == "GET":
        response = client.get(url)
    else:
        token = csrf_token(client.get("/", follow_redirects=True).text)
        response = client.post(url, data={"csrf_token": token})
    expected = MATRIX[(method, path)][role]
    assert response.status_code == expected, f"{role} {method} {path}"
    if role == "anonymous" and expected == 302:
        assert response.headers["Location"].startswith("/login")


def test_anonymous_htmx_request_is_sent_to_sign_in_not_swapped(client, people):
    response = client.get("/cases", headers=HX)
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/login")


def test_ec_sees_only_own_cases(client, auth, people):
    auth.login("ana.ec@example.org")
    page = client.get("/cases").text
    assert "Rosa Delgado" in page
    for other in ("Linh Nguyen", "Grace Okafor", "Hope Walker"):
        assert other not in page


def test_supervisor_sees_the_unit_with_workers_but_not_other_units_or_counties(
    client, auth, people
):
    auth.login("sam.sup@example.org")
    page = client.get("/cases").text
    assert "Unit caseload" in page
    assert "Rosa Delgado" in page and "Linh Nguyen" in page
    assert "Ana Reyes" in page and "Ben Tran" in page  # the worker column
    assert "Grace Okafor" not in page and "Hope Walker" not in page


def test_role_denial_is_audited(db, client, auth, people):
    auth.login("ana.ec@example.org")
    assert client.get("/admin/users").status_code == 403
    denied = db.scalars(select(AuditEvent).where(AuditEvent.action == "authz_denied")).all()
    assert len(denied) == 1
    assert denied[0].actor_user_id == people["ec"].id and denied[0].object_id == "admin.users"


def test_unknown_url_is_404_for_anonymous_without_revealing_anything(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.text and "Traceback" not in response.text


def _case_rules(app):
    for rule in app.url_map.iter_rules():
        if "<int:case_id>" in rule.rule:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, rule.rule


@pytest.mark.parametrize("who", ["olga.ec@example.org", "oscar.ec@example.org"])
def test_every_case_route_answers_404_outside_the_users_scope(app, client, auth, people, who):
    """Another unit's EC and another county's EC learn nothing: 404 on every case route,
    whatever the method, and an authz_denied audit row for each attempt (security.md 13)."""
    auth.login(who)
    token = csrf_token(client.get("/cases").text)
    rules = list(_case_rules(app))
    assert len(rules) >= 15
    for method, path in rules:
        url = fill(path, people)
        response = (
            client.get(url) if method == "GET" else client.post(url, data={"csrf_token": token})
        )
        assert response.status_code == 404, f"{who} {method} {path}"
    denied = (
        people["db"].scalars(select(AuditEvent).where(AuditEvent.action == "authz_denied")).all()
    )
    assert len(denied) >= len(rules)


@pytest.mark.parametrize(
    "case_id", ["2147483648", "9223372036854775808", "99999999999999999999999"]
)
def test_an_id_beyond_what_the_database_holds_is_not_found(client, auth, people, case_id):
    """An id past what the id columns hold (32 bits on PostgreSQL, 64 on SQLite) used to
    overflow in the driver or the query: a 500 and a traceback in the log."""
    auth.login("ana.ec@example.org")
    for path in ("track", "plan", "documents/signed/1.pdf"):
        assert client.get(f"/cases/{case_id}/{path}").status_code == 404
    assert client.get("/cases/2147483647/track").status_code == 404  # the largest id
