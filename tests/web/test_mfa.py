"""The second factor at sign-in (security.md test 8; ASVS 6.3.3, 6.5.1): the code after the
password, once only, throttled; recovery codes; a required role sets it up before anything else.
Account page, administrator reset and county setting: tests/web/test_mfa_account.py."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
import segno
from sqlalchemy import select
from sqlalchemy.orm.attributes import set_committed_value

from blueprints.access import PUBLIC_ENDPOINTS
from models import AuditEvent, RecoveryCode, User, UserSession
from models.base import utcnow
from models.enums import Role
from models.operations.mfa import Check, check_totp
from tests import factories as f
from tests.helpers import PASSWORD, Auth
from tests.html import by_id, csrf_token, elements, text_of
from tests.web.mfa_steps import audit_rows, code, enrolled, send_code, setup_key


@pytest.fixture
def app(make_app):
    """The second factor enforced, as in a county's installation."""
    return make_app(MFA_ENFORCED=True)


@pytest.fixture
def sup(db):
    user = f.user(db, "sam.sup@example.org", role=Role.SUPERVISOR, name="Sam Supervisor")
    db.commit()
    return user


def test_ec_is_offered_it_and_sets_it_up_from_her_account(db, client, auth, ec):
    assert auth.login(ec.email).headers["Location"] == "/"  # offered, not required
    account = client.get("/account").text
    assert "It is offered for your role: your choice." in account
    assert "Santa Clara County requires it of these roles: Supervisor, Administrator" in account
    assert "is a county setting" in account
    page = client.get("/account/second-factor").text
    [uri] = re.findall(r"otpauth://totp/[^<\s]+", page)
    [qr] = elements(page, "figure.tandem-qr svg path")  # drawn by Tandem, no other site asked
    drawn = segno.make(html.unescape(uri), error="m").svg_inline(scale=5, border=4)
    assert f'd="{qr.get("d")}"' in drawn
    secret = setup_key(page)
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", text_of(by_id(page, "setup-key")))
    wrong = send_code(
        client, "000000" if code(secret) != "000000" else "111111", "/account/second-factor"
    )
    assert "That code does not match the key" in wrong.text
    done = send_code(client, code(secret), "/account/second-factor")
    assert done.status_code == 200 and "this is the only time Tandem shows them" in done.text
    shown = re.findall(r"<li>([0-9a-z]{5}-[0-9a-z]{5})</li>", done.text)
    assert len(shown) == 10 and len(set(shown)) == 10
    db.expire_all()
    user = db.get(User, ec.id)
    assert user.mfa_enrolled and user.totp_secret == secret
    hashes = db.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == ec.id)).all()
    assert len(hashes) == 10 and not any(c.replace("-", "") in h for c in shown for h in hashes)
    after = client.get("/account").text
    assert "On since" in after and "Recovery codes left: 10 of 10" in after
    assert secret not in after and text_of(by_id(page, "setup-key")) not in after
    assert client.get("/account/second-factor").headers["Location"] == "/account"
    assert audit_rows(db, "mfa_enrol") == [("mfa_enrol", "failed"), ("mfa_enrol", "ok")]
    assert all(secret not in r.detail for r in db.scalars(select(AuditEvent)))


def test_sign_in_asks_for_the_code_before_anything_else(db, client, auth, ec):
    f.case(db, ec, first="Rosa", last="Delgado")
    secret, _codes = enrolled(db, ec)
    response = auth.login(ec.email, query_string={"next": "/cases"})
    assert response.headers["Location"] == "/login/code"
    # The password alone signs nobody in: no session row, every page leads to the code.
    db.expire_all()
    assert db.scalars(select(UserSession)).all() == []
    assert client.get("/cases").headers["Location"] == "/login/code"
    assert client.get("/account").headers["Location"] == "/login/code"
    page = client.get("/login/code").text
    assert 'autocomplete="one-time-code"' in page and "recovery codes" in page
    signed_in = send_code(client, code(secret))
    assert signed_in.headers["Location"] == "/cases"  # where they were going
    assert "Rosa Delgado" in client.get("/cases").text
    assert audit_rows(db, "login", "login_mfa") == [
        ("login", "pending"),
        ("login_mfa", "ok"),
        ("login", "ok"),
    ]


def test_wrong_code_is_refused_next_to_the_field_and_audited(db, client, auth, ec):
    secret, _codes = enrolled(db, ec)
    auth.login(ec.email)
    wrong = send_code(client, "12345" + ("0" if code(secret)[-1] != "0" else "1"))
    assert wrong.status_code == 200
    error = by_id(wrong.text, "code-error")
    assert "That code is not right." in text_of(error)
    assert client.get("/cases").headers["Location"] == "/login/code"
    badly_typed = send_code(client, "12ab")
    assert "Enter the 6 digits your app shows" in text_of(by_id(badly_typed.text, "code-error"))
    assert audit_rows(db, "login_mfa") == [("login_mfa", "failed")]  # the typo is not a guess


def test_sixth_wrong_code_is_throttled_even_when_right(db, client, auth, ec):
    secret, _codes = enrolled(db, ec)
    auth.login(ec.email)
    right = code(secret)
    wrong = f"{(int(right) + 500000) % 1000000:06d}"
    for _ in range(5):
        assert send_code(client, wrong).status_code == 200
    sixth = send_code(client, right)
    assert sixth.status_code == 429 and "Too many wrong codes" in sixth.text
    assert client.get("/cases").status_code == 302
    outcomes = [o for _a, o in audit_rows(db, "login_mfa")]
    assert outcomes == ["failed"] * 5 + ["throttled"]
    # Another account is not slowed by this one's failures.
    other = f.user(db, "ben.ec@example.org")
    db.commit()
    other_secret, _ = enrolled(db, other)
    second = Auth(client.application.test_client())
    second.login(other.email)
    assert send_code(second.client, code(other_secret)).status_code == 302


def test_a_code_is_accepted_once_and_older_codes_never(db, client, auth, ec):
    secret, _codes = enrolled(db, ec)
    used = code(secret)
    auth.login(ec.email)
    assert send_code(client, used).status_code == 302
    auth.logout()
    auth.login(ec.email)
    again = send_code(client, used)
    assert "That code was already used" in text_of(by_id(again.text, "code-error"))
    older = send_code(client, code(secret, -1))
    assert older.status_code == 200 and "already used" in older.text
    assert client.get("/cases").status_code == 302
    assert audit_rows(db, "login_mfa")[-2:] == [("login_mfa", "failed"), ("login_mfa", "failed")]


def test_the_same_code_twice_at_once_is_spent_once(db, ec):
    """The step is spent by a conditional UPDATE: a second check — even from a session that read
    the account before the first was written — finds it used."""
    secret, _codes = enrolled(db, ec)
    typed = code(secret)
    assert check_totp(db, ec, typed, utcnow()) is Check.APP
    set_committed_value(ec, "totp_last_step", None)  # another server's copy, read before
    assert check_totp(db, ec, typed, utcnow()) is Check.REUSED


def test_recovery_code_signs_in_once(db, client, auth, ec):
    _secret, codes = enrolled(db, ec)
    auth.login(ec.email)
    first = send_code(client, codes[3].upper().replace("-", " "))  # as typed from paper
    assert first.headers["Location"] == "/account"
    page = client.get("/account").text
    assert "You signed in with a recovery code" in page and "Recovery codes left: 9 of 10" in page
    db.expire_all()
    used = db.scalars(select(AuditEvent).where(AuditEvent.action == "recovery_code_used")).one()
    assert used.detail == '{"left": 9}' and codes[3] not in used.detail
    auth.logout()
    auth.login(ec.email)
    again = send_code(client, codes[3])
    assert "already used" in text_of(by_id(again.text, "code-error"))


def test_required_role_must_set_it_up_and_reaches_nothing_else_meanwhile(
    app, db, client, auth, sup
):
    response = auth.login(sup.email)
    assert response.headers["Location"] == "/login/set-up"
    page = client.get("/login/set-up").text
    assert "Santa Clara County requires a second factor for your role" in page
    token = csrf_token(page)
    reached = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS or rule.endpoint == "auth.logout":
            continue  # sign-out is the way out (next test)
        url = re.sub(r"<any\([^)]*\):\w+>", "identify", rule.rule)
        url = re.sub(r"<isodate:\w+>", "2026-11-16", url)
        url = re.sub(r"<int:\w+>", "1", re.sub(r"<(string:)?\w+>", "A" * 43, url))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method == "GET":
                answer = client.get(url)
            else:
                answer = client.post(url, data={"csrf_token": token})
            reached[f"{method} {rule.rule}"] = (answer.status_code, answer.headers.get("Location"))
    assert len(reached) > 60
    assert {k: v for k, v in reached.items() if v != (302, "/login/set-up")} == {}
    # Still waiting (the walk above signed nothing in), then the code from the app.
    page = client.get("/login/set-up").text
    done = send_code(client, code(setup_key(page)), "/login/set-up")
    assert done.status_code == 200 and len(re.findall(r"<li>[0-9a-z-]{11}</li>", done.text)) == 10
    assert client.get("/cases").status_code == 200
    assert audit_rows(db, "mfa_enrol", "login") == [
        ("login", "pending"),
        ("mfa_enrol", "ok"),
        ("login", "ok"),
    ]


def test_leaving_the_set_up_page_cancels_the_sign_in(db, client, auth, sup):
    auth.login(sup.email)
    page = client.get("/login/set-up").text
    out = client.post("/logout", data={"csrf_token": csrf_token(page)})
    assert out.headers["Location"] == "/login"
    assert client.get("/login/set-up").headers["Location"] == "/login"
    assert client.get("/cases").headers["Location"].startswith("/login?next=")
    assert audit_rows(db, "login_mfa") == [("login_mfa", "cancelled")]


def test_each_sign_in_shows_a_new_key_until_one_is_confirmed(db, client, auth, sup):
    auth.login(sup.email)
    first = setup_key(client.get("/login/set-up").text)
    assert setup_key(client.get("/login/set-up").text) == first  # a reload keeps it
    auth.login(sup.email)
    assert setup_key(client.get("/login/set-up").text) != first


def test_a_half_finished_sign_in_expires(monkeypatch, db, client, auth, ec):
    import blueprints.second_factor as second_factor

    secret, _codes = enrolled(db, ec)
    auth.login(ec.email)
    token = csrf_token(client.get("/login/code").text)
    later = utcnow() + timedelta(minutes=6)
    monkeypatch.setattr(second_factor, "utcnow", lambda: later)
    response = client.post("/login/code", data={"csrf_token": token, "code": code(secret)})
    assert response.headers["Location"] == "/login"
    assert "not finished in time" in client.get("/login").text
    assert client.get("/cases").headers["Location"].startswith("/login?next=")


def test_setting_up_the_app_may_take_longer(monkeypatch, db, client, auth, sup):
    import blueprints.second_factor as second_factor

    auth.login(sup.email)
    start = utcnow()
    monkeypatch.setattr(second_factor, "utcnow", lambda: start + timedelta(minutes=10))
    assert client.get("/login/set-up").status_code == 200
    monkeypatch.setattr(second_factor, "utcnow", lambda: start + timedelta(minutes=16))
    assert client.get("/login/set-up").headers["Location"] == "/login"


def test_password_still_counts_first(db, auth, ec):
    enrolled(db, ec)
    wrong = auth.login(ec.email, "not the password at all")
    assert wrong.status_code == 200 and "do not match an active account" in wrong.text
    assert PASSWORD not in wrong.text
