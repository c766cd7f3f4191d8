"""Tandem: coordinates CalWORKs Welfare-to-Work with a parent's child-welfare case plan."""

from __future__ import annotations

import logging
import os
import secrets
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from blueprints import (
    access,
    converters,
    query_count,
    request_limits,
    request_text,
    security,
    static_assets,
    throttle,
)
from blueprints import htmx as htmx_support
from blueprints.errors import register_error_handlers
from blueprints.lazy import LazyText
from blueprints.logs import configure_logging
from blueprints.wizard import rescue, sanction_review
from models import db as database
from models.enums import CASE_EDITORS, Role
from models.users import User

csrf = CSRFProtect()
login_manager = LoginManager()


def _secret_key(app: Flask) -> str:
    if key := os.environ.get("TANDEM_SECRET_KEY"):
        return key
    if app.config["DEMO_MODE"]:
        # Demo only: a per-installation key kept in instance/, created on first run.
        path = Path(app.instance_path) / "secret_key"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return path.read_text().strip()
    raise RuntimeError("Set TANDEM_SECRET_KEY (64 random hex characters) before starting Tandem.")


def _defaults(app: Flask) -> dict[str, Any]:
    today = os.environ.get("TANDEM_TODAY")
    return dict(
        DATABASE_URL=os.environ.get(
            "TANDEM_DATABASE_URL", f"sqlite:///{Path(app.instance_path) / 'tandem.db'}"
        ),
        DEMO_MODE=os.environ.get("TANDEM_DEMO") == "1",
        DEMO_PASSWORD="tandem-demo-2026",
        TODAY=date.fromisoformat(today) if today else None,
        PROXY_HOPS=int(os.environ.get("TANDEM_PROXY_HOPS", "0")),
        # __Host- prefix: Secure, Path=/, no Domain (ASVS 3.3.1/3.3.3). Browsers treat
        # http://127.0.0.1 and localhost as secure contexts, so the demo works without TLS.
        SESSION_COOKIE_NAME="__Host-tandem",
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_PATH="/",
        SESSION_IDLE_TIMEOUT=timedelta(minutes=15),  # ARC-AMPE AC-11
        SESSION_ABSOLUTE_TIMEOUT=timedelta(hours=12),  # ASVS 4.0.3 V3.3.2
        # The token lives as long as the server-side session (which has its own limits), so a
        # long wizard step does not fail on a stale token after an hour.
        WTF_CSRF_TIME_LIMIT=None,
        LOGIN_LIMIT_PER_IP="60 per minute",  # a county office may share one address
        LOGIN_LIMIT_PER_ACCOUNT="5 per 15 minutes",
        # Second factor for the roles the county requires it of (CountyProfile.mfa_required_roles).
        # Only the demo (DEMO_MODE) and tests that are not about it waive it.
        MFA_ENFORCED=True,
        MFA_CODE_LIMIT="5 per 15 minutes",  # wrong second-factor codes per account
        MAX_CONTENT_LENGTH=21 * 1024 * 1024,  # the largest upload (a 20 MB PDF to check)
        MAX_FORM_MEMORY_SIZE=500 * 1024,  # every non-file field together
        MAX_FORM_PARTS=1000,
        SHARE_BAD_TOKEN_LIMIT="20 per minute",  # unknown share tokens per address (then 429)
        SMTP_HOST=os.environ.get("TANDEM_SMTP_HOST", ""),
        SMTP_PORT=int(os.environ.get("TANDEM_SMTP_PORT", "25")),
        # Share links to child-welfare records: TLS with a verified certificate unless the county
        # sets "plain" for a relay on this machine (refused for any other host).
        SMTP_SECURITY=os.environ.get("TANDEM_SMTP_SECURITY", "starttls"),
        SMTP_CA_FILE=os.environ.get("TANDEM_SMTP_CA_FILE", ""),
        SMTP_USERNAME=os.environ.get("TANDEM_SMTP_USERNAME", ""),
        SMTP_PASSWORD=os.environ.get("TANDEM_SMTP_PASSWORD", ""),
        MAIL_FROM=os.environ.get("TANDEM_MAIL_FROM", "tandem-noreply@localhost"),
        # Where staff open Tandem, for links in e-mail written outside a request (send-digest).
        PUBLIC_URL=os.environ.get("TANDEM_PUBLIC_URL", ""),
        # Draft PDFs kept by content hash (blueprints/documents/draft_cache.py): a folder, by
        # default the instance folder's pdf-drafts/ (None); "" draws every draft afresh.
        PDF_DRAFT_CACHE=os.environ.get("TANDEM_PDF_DRAFT_CACHE"),
        # bench/ only: an X-Tandem-Queries header with each response's SQL count.
        BENCH_COUNT_SQL=os.environ.get("TANDEM_BENCH_COUNT_SQL") == "1",
    )


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(_defaults(app))
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app)
    if app.config["PROXY_HOPS"]:
        app.wsgi_app = ProxyFix(
            app.wsgi_app,
            x_for=app.config["PROXY_HOPS"],  # type: ignore
            x_proto=app.config["PROXY_HOPS"],
        )

    configure_logging(app)
    database.init_app(app)
    from blueprints.sessions import DatabaseSessionInterface

    app.session_interface = DatabaseSessionInterface(app.extensions["tandem_sessionmaker"])
    from blueprints.audit_group import GroupCommit

    app.extensions["tandem_audit_group"] = GroupCommit(app.extensions["tandem_sessionmaker"])
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = None  # sessions are server-side and regenerated at login
    htmx_support.init_app(app)
    throttle.init_app(app)
    security.init_app(app)
    static_assets.init_app(app)
    access.init_app(app)
    rescue.init_app(app)
    register_error_handlers(app)
    converters.init_app(app)
    request_limits.init_app(app)
    request_text.init_app(app)
    query_count.init_app(app)

    from blueprints import (
        account,
        account_mfa,
        admin,
        audit_trail,
        auth,
        calendar_feed,
        cases,
        cli,
        documents,
        due,
        main,
        mfa,
        office_calendar,
        share,
        unit,
        wizard,
    )

    share.init_app(app)
    calendar_feed.init_app(app)
    pages = (auth, mfa, cases, due, wizard, documents, share, account, account_mfa, admin)
    pages += (calendar_feed, office_calendar)
    for module in (*pages, unit, audit_trail, main):
        app.register_blueprint(module.bp)
    cli.register(app)

    @app.context_processor
    def _county_terms() -> dict[str, Any]:
        from flask_login import current_user

        county = current_user.county if current_user.is_authenticated else None
        # Orange says "mutual client", Santa Clara "common case" (SEED000, SEED001).
        term = county.case_term if county is not None else "common case"
        role = current_user.role if current_user.is_authenticated else None
        return {
            "county": county,
            "demo_mode": app.config["DEMO_MODE"],
            "case_term": term,
            # Navigation decided here, not by comparing role codes in the template.
            "nav_cases": role in CASE_EDITORS,
            "nav_accounts": role == Role.ADMIN,
            "nav_review": LazyText(lambda: sanction_review.review_nav(current_user)),
            "nav_due": LazyText(lambda: due.due_nav(current_user)),
            "nav_unit": unit.unit_nav(current_user),
            "role_title": county.specialist_title
            if role == Role.EC and county
            else (role.label if role else ""),
        }

    return app


@login_manager.user_loader
def _load_user(user_id: str) -> User | None:
    from models.db import get_db

    user = get_db().get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


logging.getLogger("weasyprint").setLevel(logging.ERROR)
