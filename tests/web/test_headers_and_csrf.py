"""Headers on every response, CSRF on every state change, generic errors (security.md 22–29)."""

from __future__ import annotations

import json

import pytest

from tests import factories as f
from tests.html import csrf_token, element, urls


@pytest.fixture
def signed_in(auth, ec):
    auth.login("ana.ec@example.org")
    return auth


def assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "script-src 'self'",
    ):
        assert directive in csp
    assert "unsafe-eval" not in csp and "unsafe-inline" not in csp
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    content_type = response.headers["Content-Type"]
    assert "charset=utf-8" in content_type or content_type == "application/json"


@pytest.mark.parametrize("path", ["/login", "/no/such/page", "/health"])
def test_public_responses_carry_security_headers(client, path):
    assert_security_headers(client.get(path))


def test_signed_in_pages_are_never_cached_and_vary_on_htmx(client, signed_in):
    response = client.get("/cases")
    assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"
    assert "HX-Request" in response.headers["Vary"]


def test_htmx_is_hardened_in_the_page_config(client, signed_in):
    page = client.get("/cases").text
    config = json.loads(element(page, "meta[name=htmx-config]").get("content"))
    assert config["allowEval"] is False and config["includeIndicatorStyles"] is False
    assert config["selfRequestsOnly"] is True and config["historyCacheSize"] == 0
    assert config["historyRestoreAsHxRequest"] is False
    headers = json.loads(element(page, "[data-hx-headers]").get("data-hx-headers"))
    assert headers["X-CSRFToken"]  # htmx sends the token with every request


def test_no_third_party_urls_in_pages(client, signed_in):
    for path in ("/login", "/cases"):
        page = client.get(path).text
        assert not [u for u in urls(page) if u.startswith(("//", "http://", "https://"))], path


def test_post_without_csrf_token_is_refused(client, signed_in):
    response = client.post("/logout")
    assert response.status_code == 400
    assert "did not come from Tandem" in response.text
    assert client.get("/cases").status_code == 200  # still signed in


def test_csrf_token_in_htmx_header_is_accepted(client, signed_in):
    token = signed_in.csrf()
    response = client.post("/logout", headers={"X-CSRFToken": token})
    assert response.status_code == 302


def test_csrf_token_from_another_session_is_refused(app, db, client, signed_in):
    other = app.test_client()
    foreign_token = csrf_token(other.get("/login").text)
    assert client.post("/logout", headers={"X-CSRFToken": foreign_token}).status_code == 400


def test_https_post_needs_same_origin_referer(client, signed_in):
    token = signed_in.csrf()
    base = {"base_url": "https://localhost"}
    cross = client.post(
        "/logout", headers={"X-CSRFToken": token, "Referer": "https://evil.example/"}, **base
    )
    assert cross.status_code == 400
    same = client.post(
        "/logout", headers={"X-CSRFToken": token, "Referer": "https://localhost/cases"}, **base
    )
    assert same.status_code == 302


def test_unexpected_error_gives_a_generic_page(app, db, client, auth):
    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret internals")

    f.user(db, "ana.ec@example.org")
    db.commit()
    auth.login("ana.ec@example.org")
    response = client.get("/boom-for-test")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text
    assert not app.debug


def test_method_not_allowed_is_a_page_not_a_trace(client):
    response = client.put("/login")
    assert response.status_code in (400, 405)
    assert "Traceback" not in response.text
