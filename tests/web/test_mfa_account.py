"""The second factor from the account page (offered to ECs, required of the roles the county
names), an administrator's reset, the county setting, the demo's waiver, the command line."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from models import AuditEvent, CountyProfile, RecoveryCode, User
from models.enums import Role
from tests import factories as f
from tests.helpers import Auth
from tests.html import by_id, csrf_token, text_of
from tests.web.mfa_steps import audit_rows, code, enrolled, send_code


@pytest.fixture
def app(make_app):
    """The second factor enforced, as in a county's installation."""
    return make_app(MFA_ENFORCED=True)


@pytest.fixture
def sup(db):
    user = f.user(db, "sam.sup@example.org", role=Role.SUPERVISOR, name="Sam Supervisor")
    db.commit()
    return user


@pytest.fixture
def admin(db):
    user = f.user(db, "ada.admin@example.org", role=Role.ADMIN, name="Ada Admin")
    db.commit()
    return user


def test_ec_may_turn_it_off_a_supervisor_may_not(db, client, auth, ec, sup):
    secret, _codes = enrolled(db, ec)
    auth.login(ec.email)
    send_code(client, code(secret))
    page = client.get("/account").text
    assert "Turn off the second factor" in page
    wrong = client.post(
        "/account/second-factor/off", data={"csrf_token": csrf_token(page), "off-code": "000000"}
    )
    assert wrong.status_code == 200 and by_id(wrong.text, "off-code-error")
    off = client.post(
        "/account/second-factor/off",
        data={"csrf_token": csrf_token(page), "off-code": code(secret, 1)},
    )
    assert off.headers["Location"] == "/account"
    assert "Second factor turned off" in client.get("/account").text
    db.expire_all()
    assert not db.get(User, ec.id).mfa_enrolled
    assert db.scalars(select(RecoveryCode)).all() == []
    auth.logout()
    assert auth.login(ec.email).headers["Location"] == "/"  # password only again

    sup_secret, _ = enrolled(db, sup)
    auth.logout()
    auth.login(sup.email)
    send_code(client, code(sup_secret))
    page = client.get("/account").text
    assert "Turn off the second factor" not in page and "cannot be turned off" in page
    crafted = client.post(
        "/account/second-factor/off",
        data={"csrf_token": csrf_token(page), "off-code": code(sup_secret, 1)},
    )
    assert crafted.headers["Location"] == "/account"
    db.expire_all()
    assert db.get(User, sup.id).mfa_enrolled
    assert audit_rows(db, "mfa_disable") == [("mfa_disable", "failed"), ("mfa_disable", "ok")]


def test_new_recovery_codes_need_a_current_code_and_replace_the_old(db, client, auth, ec):
    secret, old = enrolled(db, ec)
    auth.login(ec.email)
    send_code(client, code(secret))
    page = client.get("/account").text
    refused = client.post(
        "/account/second-factor/recovery-codes",
        data={"csrf_token": csrf_token(page), "codes-code": ""},
    )
    assert "Enter the code." in text_of(by_id(refused.text, "codes-code-error"))
    fresh = client.post(
        "/account/second-factor/recovery-codes",
        data={"csrf_token": csrf_token(page), "codes-code": code(secret, 1)},
    )
    new = re.findall(r"<li>([0-9a-z]{5}-[0-9a-z]{5})</li>", fresh.text)
    assert len(new) == 10 and not set(new) & set(old)
    assert "Your old recovery codes no longer work" in fresh.text
    auth.logout()
    auth.login(ec.email)
    assert "That code is not right" in send_code(client, old[0]).text
    assert send_code(client, new[0]).status_code == 302
    assert ("mfa_recovery_codes", "ok") in audit_rows(db, "mfa_recovery_codes")


def test_admin_resets_a_workers_second_factor_and_signs_them_out(app, db, client, auth, sup, admin):
    sup_secret, _ = enrolled(db, sup)
    admin_secret, _ = enrolled(db, admin)
    sup_browser = Auth(app.test_client())
    sup_browser.login(sup.email)
    send_code(sup_browser.client, code(sup_secret))
    assert sup_browser.client.get("/cases").status_code == 200
    auth.login(admin.email)
    send_code(client, code(admin_secret))
    page = client.get("/admin/users").text
    assert "Second factor (a county setting)" in page
    assert "Reset the second factor of Sam Supervisor" in text_of(page)
    assert "of Ada Admin" not in text_of(page)  # not one's own
    own = client.post(
        f"/admin/users/{admin.id}/second-factor/reset", data={"csrf_token": csrf_token(page)}
    )
    assert "You cannot reset your own second factor" in client.get(own.headers["Location"]).text
    reset = client.post(
        f"/admin/users/{sup.id}/second-factor/reset", data={"csrf_token": csrf_token(page)}
    )
    listing = client.get(reset.headers["Location"]).text
    assert "second factor is reset and they were signed out of 1 session(s)" in listing
    assert "They set up a new one at their next sign-in." in listing
    assert "Off: set up at next sign-in" in listing
    assert sup_browser.client.get("/cases").status_code == 302
    assert sup_browser.login(sup.email).headers["Location"] == "/login/set-up"
    db.expire_all()
    assert db.get(User, admin.id).mfa_enrolled and not db.get(User, sup.id).mfa_enrolled
    row = db.scalars(select(AuditEvent).where(AuditEvent.action == "mfa_reset")).one()
    assert row.actor_user_id == admin.id and row.object_id == str(sup.id)
    assert row.detail == '{"sessions_ended": 1}'


def test_admin_cannot_reset_another_countys_worker(db, client, auth, admin):
    oscar = f.user(db, "oscar.sup@example.org", role=Role.SUPERVISOR, county_code="orange")
    db.commit()
    enrolled(db, oscar)
    admin_secret, _ = enrolled(db, admin)
    auth.login(admin.email)
    send_code(client, code(admin_secret))
    token = auth.csrf("/admin/users")
    assert (
        client.post(
            f"/admin/users/{oscar.id}/second-factor/reset", data={"csrf_token": token}
        ).status_code
        == 404
    )
    db.expire_all()
    assert db.get(User, oscar.id).mfa_enrolled


def test_the_county_setting_decides_who_must_use_it(db, client, auth, ec, sup):
    santa_clara = f.county(db)
    santa_clara.mfa_required_roles = "ec,supervisor,admin"
    db.commit()
    assert auth.login(ec.email).headers["Location"] == "/login/set-up"
    santa_clara.mfa_required_roles = ""
    db.commit()
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/login").text)})
    assert auth.login(sup.email).headers["Location"] == "/"
    assert "requires it of no role" in client.get("/account").text
    # Orange keeps the default: required for supervisors.
    orange = db.scalars(select(CountyProfile).where(CountyProfile.code == "orange")).one()
    assert orange.mfa_required_roles == "supervisor,admin"
    oscar = f.user(db, "oscar.sup@example.org", role=Role.SUPERVISOR, county_code="orange")
    db.commit()
    assert (
        Auth(client.application.test_client()).login(oscar.email).headers["Location"]
        == "/login/set-up"
    )


def test_demo_waives_the_requirement_and_says_so(make_app, db, sup):
    demo = make_app(DEMO_MODE=True, MFA_ENFORCED=True)
    browser = Auth(demo.test_client())
    login_page = browser.client.get("/login").text
    assert "In this demo no role has to use a second factor" in login_page
    assert browser.login(sup.email).headers["Location"] == "/"


def test_the_command_line_resets_a_lone_administrators_second_factor(app, db, admin):
    enrolled(db, admin)
    result = app.test_cli_runner().invoke(args=["reset-second-factor", "--email", admin.email])
    assert result.exit_code == 0, result.output
    db.expire_all()
    assert not db.get(User, admin.id).mfa_enrolled
    row = db.scalars(select(AuditEvent).where(AuditEvent.action == "mfa_reset")).one()
    assert '"by": "command line"' in row.detail
    again = app.test_cli_runner().invoke(args=["reset-second-factor", "--email", admin.email])
    assert again.exit_code != 0 and "has no second factor" in again.output
