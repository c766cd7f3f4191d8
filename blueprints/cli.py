"""Command-line tools: init-db, load-holidays, seed-demo, create-user, prune-sessions,
prune-drafts, send-outbox, prune-outbox, disable-inactive, enable-user, backup, restore,
seed-bench, refresh-due-items, send-digest."""

from __future__ import annotations

from datetime import timedelta

import click
from flask import Flask, current_app
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from models import migrate
from models.base import utcnow
from models.county import CountyProfile
from models.db import engine
from models.drafts import StepDraft
from models.enums import Role
from models.operations.passwords import PasswordPolicyError, check_policy, hash_password
from models.operations.reference import ensure_reference_data
from models.queries.calendars import not_loaded_message
from models.users import User, UserSession
from policy.calendar import CalendarNotLoaded

from .accounts_cli import register_accounts
from .backup_cli import register_backup
from .bench_cli import register_bench
from .clock import today
from .database_errors import guard_database_errors
from .db_role_cli import register_db_role
from .digest_cli import register_digest
from .due_cli import fill_held_messages, fill_if_empty, register_due
from .holidays_cli import fully_loaded_years, register_holidays
from .mail_cli import register_mail
from .throttle import prune as prune_throttle

DRAFT_KEEP_DAYS = 30


def _session() -> Session:
    return current_app.extensions["tandem_sessionmaker"]()


def init_db() -> list[int]:
    """Migrate to the newest schema and load reference data (counties, holidays for SEED_YEARS,
    today's year and the next); returns the years whose court and state calendars are loaded."""
    migrate.upgrade(engine())
    with _session() as db:
        ensure_reference_data(db, today=today())
        fill_if_empty(db)  # the upgrade that added due items: count them for existing cases
        fill_held_messages(db)  # the upgrade that made held notices due (migration 0018)
        db.commit()
        return fully_loaded_years(db)


def register(app: Flask) -> None:
    register_due(app)
    register_holidays(app)
    register_accounts(app)
    register_db_role(app)
    register_mail(app)
    register_digest(app)
    register_backup(app)
    register_bench(app, init_db=init_db, session=_session)

    @app.cli.command("init-db")
    def init_db_command() -> None:
        """Create or upgrade the schema and load counties and holidays."""
        years = init_db()
        click.echo(
            "Database is at the newest schema; counties and holidays loaded "
            f"(holiday calendars for {', '.join(map(str, years))})."
        )

    @app.cli.command("seed-demo")
    @click.option(
        "--documents/--no-documents",
        default=True,
        help="Render and store the signed forms of the active plans (WeasyPrint, a few "
        "seconds); --no-documents loads the data alone (the tests).",
    )
    def seed_demo_command(documents: bool) -> None:
        """Load invented demo accounts and cases (never on a production database)."""
        from models.demo.seed import load_demo

        from .documents.demo_signing import sign_demo_plans

        init_db()
        with _session() as db:
            try:
                summary = load_demo(db, password=current_app.config["DEMO_PASSWORD"], today=today())
            except CalendarNotLoaded as exc:
                raise click.ClickException(not_loaded_message(exc)) from exc
            db.commit()
            stored = 0
            if documents:
                click.echo("Rendering the signed forms of the active demo plans (a few seconds)…")
                # The forms are rendered from the app's templates, as in a request.
                with current_app.test_request_context():
                    stored = sign_demo_plans(db)
                db.commit()
        signed = f" Signed forms stored: {stored}." if documents else ""
        click.echo(f"Demo data: {summary.users} accounts, {summary.cases} cases.{signed}")

    @app.cli.command("create-user")
    @click.option("--email", required=True)
    @click.option("--name", required=True)
    @click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
    @click.option("--county", type=click.Choice(["orange", "santa_clara"]), required=True)
    @click.password_option("--password", help="Prompted (twice, hidden) when omitted.")
    def create_user_command(email: str, name: str, role: str, county: str, password: str) -> None:
        """Create a staff account."""
        email = email.strip().lower()
        try:
            check_policy(password, email=email)
        except PasswordPolicyError as exc:
            raise click.BadParameter(str(exc), param_hint="--password") from exc
        with _session() as db:
            profile = db.scalars(select(CountyProfile).where(CountyProfile.code == county)).first()
            if profile is None:
                raise click.ClickException("No county profiles yet: run `flask --app app init-db`.")
            if db.scalars(select(User).where(func.lower(User.email) == email)).first():
                raise click.ClickException(f"An account with email {email} already exists.")
            db.add(
                User(
                    email=email,
                    name=name.strip(),
                    role=Role(role),
                    county_id=profile.id,
                    password_hash=hash_password(password),
                )
            )
            db.commit()
        click.echo(f"Created {role} account {email} in {profile.name}.")

    @app.cli.command("prune-sessions")
    def prune_sessions_command() -> None:
        """Delete sessions past the idle or absolute limit."""
        now = utcnow()
        with _session() as db:
            result = db.execute(
                delete(UserSession).where(
                    (UserSession.last_seen_at < now - app.config["SESSION_IDLE_TIMEOUT"])
                    | (UserSession.created_at < now - app.config["SESSION_ABSOLUTE_TIMEOUT"])
                )
            )
            db.commit()
        forgotten = prune_throttle(engine())
        click.echo(f"Removed {result.rowcount} expired sessions and {forgotten} old attempts.")

    @app.cli.command("prune-drafts")
    @click.option("--days", default=DRAFT_KEEP_DAYS, show_default=True, type=click.IntRange(1))
    def prune_drafts_command(days: int) -> None:
        """Delete unsaved drafts nobody touched for DAYS days (they hold client details)."""
        with _session() as db:
            result = db.execute(
                delete(StepDraft).where(StepDraft.saved_at < utcnow() - timedelta(days=days))
            )
            db.commit()
        click.echo(f"Removed {result.rowcount} old drafts.")

    guard_database_errors(app.cli)  # last: every command above, one line if the database fails
