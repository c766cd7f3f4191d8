"""`flask disable-inactive` (security.md 43, ARC-AMPE AC-2(3)) and `flask enable-user`."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from models import AuditEvent, User
from models.base import utcnow
from models.users import UserSession
from tests import factories as f


def test_accounts_with_no_sign_in_for_60_days_are_disabled_and_signed_out(app, db, client, auth):
    now = utcnow()
    stale = f.user(db, "stale.ec@example.org")
    never = f.user(db, "never.ec@example.org")
    recent = f.user(db, "recent.ec@example.org")
    db.commit()
    auth.login("stale.ec@example.org")  # a session that must end with the account
    db.execute(
        update(User).where(User.id == stale.id).values(last_login_at=now - timedelta(days=61))
    )
    db.execute(update(User).where(User.id == never.id).values(created_at=now - timedelta(days=90)))
    db.execute(
        update(User).where(User.id == recent.id).values(last_login_at=now - timedelta(days=59))
    )
    db.commit()
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["disable-inactive", "--dry-run"])
    assert "would disable: stale.ec@example.org" in dry.output and dry.exit_code == 0
    db.expire_all()
    assert stale.active
    result = runner.invoke(args=["disable-inactive"])
    assert result.exit_code == 0, result.output
    assert "2 account(s) with no sign-in for 60 days." in result.output
    db.expire_all()
    assert (stale.active, never.active, recent.active) == (False, False, True)
    assert db.scalars(select(UserSession).where(UserSession.user_id == stale.id)).all() == []
    rows = db.scalars(select(AuditEvent).where(AuditEvent.action == "account_disable")).all()
    assert sorted(r.object_id for r in rows) == sorted([str(stale.id), str(never.id)])
    assert client.get("/cases").status_code == 302  # the copied session is gone
    assert auth.login("stale.ec@example.org").status_code == 200  # and sign-in is refused
    again = runner.invoke(args=["enable-user", "--email", "STALE.ec@example.org"])
    assert again.exit_code == 0 and "can sign in again" in again.output
    db.expire_all()
    assert stale.active
    assert runner.invoke(args=["disable-inactive"]).output.startswith("0 account(s)")
