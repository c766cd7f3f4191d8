"""Password change and account disabling really end sessions (ASVS 7.4.2/7.4.3)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import AuditEvent, User
from models.enums import Role
from models.operations.passwords import verify
from tests import factories as f
from tests.helpers import PASSWORD, Auth
from tests.html import csrf_token


def change(client, auth, current=PASSWORD, new="a brand new passphrase", confirm=None):
    return client.post(
        "/account/password",
        data={
            "csrf_token": auth.csrf("/account"),
            "current": current,
            "new": new,
            "confirm": confirm if confirm is not None else new,
        },
    )


def test_password_change_signs_out_other_sessions_but_not_this_one(app, db, client, auth, ec):
    other_device = app.test_client()
    Auth(other_device).login("ana.ec@example.org")
    auth.login("ana.ec@example.org")
    response = change(client, auth)
    assert response.status_code == 302
    page = client.get("/account").text
    assert "Password changed. 1 other session signed out." in page
    assert other_device.get("/cases").status_code == 302
    db.expire_all()
    assert verify(db.get(User, ec.id).password_hash, "a brand new passphrase")
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "password_change")).one()


@pytest.mark.parametrize(
    "current,new,confirm,message",
    [
        (
            "wrong current pass",
            "a brand new passphrase",
            None,
            "That is not your current password.",
        ),
        (PASSWORD, "short", None, "Use 12 to 128 characters."),
        (
            PASSWORD,
            "a brand new passphrase",
            "something different",
            "The two new passwords are different.",
        ),
        (PASSWORD, "ana.ec@example.org", None, "must not be the email address"),
    ],
)
def test_bad_password_change_is_explained_next_to_the_field(
    db, client, auth, ec, current, new, confirm, message
):
    auth.login("ana.ec@example.org")
    response = change(client, auth, current, new, confirm)
    assert response.status_code == 200
    assert message in response.text and 'class="usa-error-message"' in response.text
    db.expire_all()
    assert verify(db.get(User, ec.id).password_hash, PASSWORD)


def test_admin_disables_an_account_and_its_sessions_end(app, db, client, auth, ec):
    f.user(db, "ada.admin@example.org", role=Role.ADMIN)
    db.commit()
    ec_client = app.test_client()
    Auth(ec_client).login("ana.ec@example.org")
    assert ec_client.get("/cases").status_code == 200
    auth.login("ada.admin@example.org")
    response = client.post(
        f"/admin/users/{ec.id}/disable", data={"csrf_token": auth.csrf("/admin/users")}
    )
    assert response.status_code == 302
    assert (
        "Ana Reyes is disabled and was signed out of 1 session(s)."
        in client.get("/admin/users").text
    )
    assert ec_client.get("/cases").status_code == 302
    assert (
        "do not match an active account" in Auth(app.test_client()).login("ana.ec@example.org").text
    )
    client.post(f"/admin/users/{ec.id}/enable", data={"csrf_token": auth.csrf("/admin/users")})
    assert Auth(app.test_client()).login("ana.ec@example.org").status_code == 302


def test_admin_cannot_touch_another_countys_accounts(db, client, auth, ec):
    f.user(db, "oa.admin@example.org", role=Role.ADMIN, county_code="orange")
    db.commit()
    auth.login("oa.admin@example.org")
    response = client.post(
        f"/admin/users/{ec.id}/disable", data={"csrf_token": auth.csrf("/admin/users")}
    )
    assert response.status_code == 404
    db.expire_all()
    assert db.get(User, ec.id).active


def test_current_password_guesses_are_counted_audited_and_throttled(client, auth, db, ec):
    """A stolen session used to allow unlimited guesses of the password (issue 12)."""

    auth.login(ec.email)
    for attempt in range(5):
        token = csrf_token(client.get("/account").text)
        wrong = client.post(
            "/account/password",
            data={
                "csrf_token": token,
                "current": f"guess number {attempt}",
                "new": "x" * 14,
                "confirm": "x" * 14,
            },
        )
        assert wrong.status_code == 200 and "That is not your current password." in wrong.text
    token = csrf_token(client.get("/account").text)
    right = client.post(
        "/account/password",
        data={"csrf_token": token, "current": PASSWORD, "new": "y" * 14, "confirm": "y" * 14},
    )
    assert right.status_code == 429 and "Too many wrong current passwords" in right.text
    rows = db.scalars(
        select(AuditEvent).where(AuditEvent.action == "password_change").order_by(AuditEvent.id)
    ).all()
    assert [r.outcome for r in rows] == ["failed"] * 5 + ["throttled"]
