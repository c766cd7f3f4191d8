"""Sign-in, throttling, server-side sessions and their limits (security.md tests 1–7)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from models import AuditEvent, User, UserSession
from models.base import utcnow
from models.enums import Role
from models.operations import passwords
from tests import factories as f
from tests.helpers import PASSWORD
from tests.html import csrf_token

COOKIE = "__Host-tandem"


@pytest.fixture
def ec(db, ec):
    """The shared EC (tests/conftest.py), here with one case on her caseload."""
    f.case(db, ec, first="Rosa", last="Delgado")
    db.commit()
    return ec


def session_cookie(client):
    cookie = client.get_cookie(COOKIE)
    return cookie.value if cookie else None


def test_sign_in_lands_on_own_caseload(client, auth, ec):
    response = auth.login("Ana.EC@example.org")  # email match ignores case
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/").headers["Location"] == "/cases"
    page = client.get("/cases").text
    assert "Ana Reyes" in page and "Rosa Delgado" in page and "Sign out" in page


def test_wrong_password_and_unknown_account_answer_the_same(client, auth, ec):
    wrong = auth.login("ana.ec@example.org", "not the password at all")
    unknown = auth.login("nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 200
    message = "That email and password do not match an active account."
    assert message in wrong.text and message in unknown.text

    # Apart from the token and the email echoed back into the field, the pages are identical.
    def normalised(html: str, email: str) -> str:
        return html.replace(csrf_token(html), "TOKEN").replace(email, "EMAIL")

    assert normalised(wrong.text, "ana.ec@example.org") == normalised(
        unknown.text, "nobody@example.org"
    )


def test_disabled_account_cannot_sign_in(db, auth, ec):
    ec.active = False
    db.commit()
    assert "do not match an active account" in auth.login("ana.ec@example.org").text


def test_sixth_failure_is_throttled_even_with_the_right_password(db, auth, ec):
    for _ in range(5):
        assert auth.login("ana.ec@example.org", "wrong password!!").status_code == 200
    sixth = auth.login("ana.ec@example.org", PASSWORD)
    assert sixth.status_code == 429
    assert "Too many sign-in attempts" in sixth.text
    outcomes = db.scalars(select(AuditEvent.outcome).where(AuditEvent.action == "login")).all()
    assert outcomes.count("failed") == 5 and outcomes.count("throttled") == 1


def test_other_accounts_are_not_throttled_by_one_accounts_failures(db, auth, ec):
    f.user(db, "ben.ec@example.org")
    db.commit()
    for _ in range(5):
        auth.login("ana.ec@example.org", "wrong password!!")
    assert auth.login("ben.ec@example.org").status_code == 302


def test_password_hash_is_argon2id_with_strong_parameters(real_password_hashing):
    stored = passwords.hash_password(PASSWORD)
    assert stored.startswith("$argon2id$")
    params = dict(p.split("=") for p in stored.split("$")[3].split(","))
    assert int(params["m"]) >= 19456 and int(params["t"]) >= 2
    assert passwords.verify(stored, PASSWORD) and not passwords.verify(stored, PASSWORD + "!")


def test_a_hash_weaker_than_the_apps_is_replaced_at_the_next_sign_in(
    real_password_hashing, db, client, auth, ec
):
    """The suite stores hashes at the lowest cost (conftest); the app, as after a change of its
    parameters, rehashes them at its own cost when the password is next given."""
    assert passwords.needs_rehash(ec.password_hash)
    assert auth.login("ana.ec@example.org").status_code == 302
    db.refresh(ec)
    assert not passwords.needs_rehash(ec.password_hash)
    assert passwords.verify(ec.password_hash, PASSWORD)


def test_session_id_changes_at_sign_in(client, auth, ec):
    """No session id exists before sign-in (the anonymous data is a signed cookie), so none
    can be fixed in advance; sign-in issues a new one and drops the anonymous cookie."""
    client.get("/login")
    assert session_cookie(client) is None
    assert client.get_cookie("__Host-tandem-pre") is not None
    auth.login("ana.ec@example.org")
    assert session_cookie(client) is not None
    assert client.get_cookie("__Host-tandem-pre") is None


def test_session_cookie_attributes(client, auth, ec):
    client.get("/login")
    page = client.get("/login")
    response = client.post(
        "/login",
        data={
            "email": "ana.ec@example.org",
            "password": PASSWORD,
            "csrf_token": csrf_token(page.text),
        },
    )
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(COOKIE + "=")]
    assert cookies, "sign-in must issue a fresh session cookie"
    attrs = [a.strip().lower() for a in cookies[-1].split(";")]
    assert (
        "secure" in attrs and "httponly" in attrs and "samesite=lax" in attrs and "path=/" in attrs
    )
    assert not any(a.startswith("domain") or a.startswith("expires") for a in attrs)
    assert not any("remember" in c.lower() for c in response.headers.getlist("Set-Cookie"))


def test_cookie_replayed_after_logout_is_dead(app, client, auth, ec):
    auth.login("ana.ec@example.org")
    stolen = session_cookie(client)
    response = auth.logout()
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'
    thief = app.test_client()
    thief.set_cookie(COOKIE, stolen)
    replay = thief.get("/cases")
    assert replay.status_code == 302 and replay.headers["Location"].startswith("/login")


def test_idle_timeout_after_15_minutes_and_back_to_the_same_page(db, client, auth, ec):
    auth.login("ana.ec@example.org")
    db.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=16)))
    db.commit()
    response = client.get("/cases")
    assert response.status_code == 302
    assert (
        "timeout=1" in response.headers["Location"]
        and "next=/cases" in response.headers["Location"]
    )
    notice = client.get(response.headers["Location"]).text
    assert "signed out after 15 minutes" in notice
    back = auth.login("ana.ec@example.org", query_string={"next": "/cases"})
    assert back.headers["Location"] == "/cases"


def test_activity_within_15_minutes_keeps_the_session(db, client, auth, ec):
    auth.login("ana.ec@example.org")
    db.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=14)))
    db.commit()
    assert client.get("/cases").status_code == 200


def test_absolute_limit_of_12_hours_even_when_active(db, client, auth, ec):
    auth.login("ana.ec@example.org")
    db.execute(update(UserSession).values(created_at=utcnow() - timedelta(hours=12, minutes=1)))
    db.commit()
    assert client.get("/cases").status_code == 302


def test_disabling_an_account_ends_its_open_sessions(app, db, client, auth, ec):
    from blueprints.sessions import end_user_sessions

    auth.login("ana.ec@example.org")
    assert client.get("/cases").status_code == 200
    user = db.get(User, ec.id)
    user.active = False
    end_user_sessions(db, user.id)
    db.commit()
    assert client.get("/cases").status_code == 302


def test_next_parameter_cannot_redirect_off_site(auth, ec):
    for target in ("//evil.example/x", "https://evil.example/", "javascript:alert(1)"):
        response = auth.login("ana.ec@example.org", query_string={"next": target})
        assert response.headers["Location"] == "/"
        auth.logout()


def test_sign_in_and_out_are_audited_without_secrets(db, auth, ec):
    auth.login("ana.ec@example.org", "wrong password!!")
    auth.login("ana.ec@example.org")
    auth.logout()
    rows = db.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(r.action, r.outcome) for r in rows if r.action in ("login", "logout")] == [
        ("login", "failed"),
        ("login", "ok"),
        ("logout", "ok"),
    ]
    assert all(r.ip == "127.0.0.1" and r.request_id for r in rows)
    assert all(PASSWORD not in r.detail and "wrong password" not in r.detail for r in rows)


def test_no_demo_accounts_listed_outside_demo_mode(client, ec):
    page = client.get("/login").text
    assert "Demo accounts" not in page and "tandem-demo-2026" not in page


def test_demo_mode_lists_accounts_and_password(make_app, ec):
    demo = make_app(DEMO_MODE=True)
    page = demo.test_client().get("/login").text
    assert "Demo accounts" in page and "ana.ec@example.org" in page
    assert demo.config["DEMO_PASSWORD"] in page


def test_admin_signs_in_to_accounts_page(db, client, auth):
    f.user(db, "root.admin@example.org", role=Role.ADMIN)
    db.commit()
    response = auth.login("root.admin@example.org")
    assert client.get(response.headers["Location"]).headers["Location"] == "/admin/users"
    assert client.get("/cases").status_code == 403  # administrators manage accounts, not cases
    assert "Accounts in Santa Clara County" in client.get("/admin/users").text


def test_anonymous_pages_and_404s_store_no_session_row_until_sign_in(client, auth, db, ec):
    """Every anonymous page view used to leave a user_session row behind (issue 12)."""
    from models.users import UserSession

    for path in ("/login", "/no/such/page", "/login?next=/cases", "/robots.txt"):
        client.get(path)
    db.expire_all()
    assert db.scalars(select(UserSession)).all() == []
    assert auth.login(ec.email).status_code == 302  # the CSRF token still worked
    db.expire_all()
    rows = db.scalars(select(UserSession)).all()
    assert len(rows) == 1 and rows[0].user_id == ec.id
    assert client.get("/cases").status_code == 200
