"""The command-line tools deployments and scripts use."""

from __future__ import annotations

from sqlalchemy import func, select

from models import CountyProfile, User
from models.enums import Role
from models.operations.passwords import verify


def test_create_user_with_password_option(app, db):
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--email",
            "Lena.EC@Example.org",
            "--name",
            "Lena Park",
            "--role",
            "ec",
            "--county",
            "orange",
            "--password",
            "a long enough passphrase",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Created ec account lena.ec@example.org in Orange County" in result.output
    user = db.scalars(select(User).where(User.email == "lena.ec@example.org")).one()
    assert user.role == Role.EC and user.county.code == "orange"
    assert verify(user.password_hash, "a long enough passphrase")


def test_create_user_prompts_for_the_password_twice_when_omitted(app, db):
    result = app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--email",
            "sup@example.org",
            "--name",
            "Sue",
            "--role",
            "supervisor",
            "--county",
            "santa_clara",
        ],
        input="prompted passphrase!\nprompted passphrase!\n",
    )
    assert result.exit_code == 0, result.output
    assert "Password" in result.output
    assert db.scalars(select(func.count()).select_from(User)).one() == 1


def test_create_user_refuses_short_password_and_duplicates(app, db):
    runner = app.test_cli_runner()
    base = [
        "create-user",
        "--email",
        "x@example.org",
        "--name",
        "X",
        "--role",
        "admin",
        "--county",
        "orange",
    ]
    short = runner.invoke(args=[*base, "--password", "short"])
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    assert runner.invoke(args=[*base, "--password", "long enough passphrase"]).exit_code == 0
    again = runner.invoke(args=[*base, "--password", "long enough passphrase"])
    assert again.exit_code != 0 and "already exists" in again.output


def test_create_user_rejects_unknown_role_and_county(app):
    runner = app.test_cli_runner()
    bad = runner.invoke(
        args=[
            "create-user",
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--role",
            "root",
            "--county",
            "orange",
            "--password",
            "p" * 12,
        ]
    )
    assert bad.exit_code != 0 and "Invalid value for '--role'" in bad.output
    bad = runner.invoke(
        args=[
            "create-user",
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--role",
            "ec",
            "--county",
            "alameda",
            "--password",
            "p" * 12,
        ]
    )
    assert bad.exit_code != 0 and "Invalid value for '--county'" in bad.output


def test_init_db_is_safe_to_run_twice_and_creates_no_accounts(app, db):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0, result.output
    assert db.scalars(select(func.count()).select_from(CountyProfile)).one() == 2
    assert db.scalars(select(func.count()).select_from(User)).one() == 0  # ASVS 6.3.2


def test_prune_drafts_removes_only_drafts_untouched_for_30_days(app, db):
    from datetime import timedelta

    from models.base import utcnow
    from models.drafts import StepDraft
    from tests import factories as f

    ec = f.user(db, "ana.ec@example.org")
    db.add_all(
        [
            StepDraft(user_id=ec.id, step="identify", data="[]", saved_at=utcnow()),
            StepDraft(
                user_id=ec.id, step="identify", data="[]", saved_at=utcnow() - timedelta(days=31)
            ),
        ]
    )
    db.commit()
    result = app.test_cli_runner().invoke(args=["prune-drafts"])
    assert result.exit_code == 0 and "Removed 1 old drafts." in result.output
    db.expire_all()
    assert db.query(StepDraft).count() == 1
