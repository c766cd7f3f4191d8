"""`flask disable-inactive` (run daily from cron), `flask enable-user` (the way back for an
administrator whose own account was disabled) and `flask reset-second-factor` (the way back for
an administrator who lost their phone and recovery codes, with no other administrator to reset
it)."""

from __future__ import annotations

import json

import click
from flask import Flask
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from models.audit import AuditEvent
from models.base import utcnow
from models.db import engine
from models.operations.accounts import INACTIVE_DAYS, disable_inactive, inactive_accounts
from models.operations.mfa import remove_second_factor
from models.users import User, UserSession


def register_accounts(app: Flask) -> None:
    @app.cli.command("disable-inactive")
    @click.option("--days", default=INACTIVE_DAYS, show_default=True, type=click.IntRange(1))
    @click.option("--dry-run", is_flag=True, help="List the accounts without disabling them.")
    def disable_inactive_command(days: int, dry_run: bool) -> None:
        """Disable accounts with no sign-in for DAYS days (ARC-AMPE AC-2(3))."""
        with Session(engine()) as db:
            if dry_run:
                found = inactive_accounts(db, utcnow(), days)
            else:
                found = disable_inactive(db, utcnow(), days)
                db.commit()
            for user in found:
                click.echo(f"{'would disable' if dry_run else 'disabled'}: {user.email}")
            click.echo(f"{len(found)} account(s) with no sign-in for {days} days.")

    @app.cli.command("enable-user")
    @click.option("--email", required=True)
    def enable_user_command(email: str) -> None:
        """Enable a disabled account (the admin who was disabled for inactivity)."""
        with Session(engine()) as db:
            user = db.scalars(
                select(User).where(func.lower(User.email) == email.strip().lower())
            ).first()
            if user is None:
                raise click.BadParameter("No account has that e-mail.", param_hint="--email")
            user.active = True
            user.last_login_at = utcnow()  # a fresh 60 days to sign in
            db.add(
                AuditEvent(
                    action="account_enable",
                    object_type="account",
                    object_id=str(user.id),
                    detail=json.dumps({"by": "command line"}),
                )
            )
            db.commit()
            click.echo(f"{user.email} can sign in again.")

    @app.cli.command("reset-second-factor")
    @click.option("--email", required=True)
    def reset_second_factor_command(email: str) -> None:
        """Remove an account's second factor and end its sessions (audited)."""
        with Session(engine()) as db:
            user = db.scalars(
                select(User).where(func.lower(User.email) == email.strip().lower())
            ).first()
            if user is None:
                raise click.BadParameter("No account has that e-mail.", param_hint="--email")
            if not user.mfa_enrolled:
                raise click.ClickException(f"{user.email} has no second factor.")
            remove_second_factor(db, user)
            ended = db.execute(delete(UserSession).where(UserSession.user_id == user.id))
            db.add(
                AuditEvent(
                    action="mfa_reset",
                    object_type="account",
                    object_id=str(user.id),
                    detail=json.dumps({"by": "command line", "sessions_ended": ended.rowcount}),
                )
            )
            db.commit()
            click.echo(f"{user.email} has no second factor now; sessions ended.")
