"""Command-line tools for the outbox: send-outbox (encrypted, verified SMTP) and prune-outbox."""

from __future__ import annotations

import smtplib
import sys
import time

import click
from flask import Flask
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from models.base import utcnow
from models.db import engine
from models.operations.outbox import (
    MailSecurityError,
    MailServer,
    deliver,
    discard_expired,
    waiting,
)

from .database_errors import database_reason


def mail_server(config: dict) -> MailServer:
    return MailServer(
        host=config.get("SMTP_HOST", ""),
        port=int(config.get("SMTP_PORT", 25)),
        sender=config["MAIL_FROM"],
        security=config.get("SMTP_SECURITY", "starttls"),
        ca_file=config.get("SMTP_CA_FILE", ""),
        username=config.get("SMTP_USERNAME", ""),
        password=config.get("SMTP_PASSWORD", ""),
    )


def send_once(server: MailServer) -> str:
    """One run of send-outbox: what it did, in words. Raises MailSecurityError."""
    with Session(engine()) as db:
        if not server.host:
            return f"No mail server configured (TANDEM_SMTP_HOST); {waiting(db)} waiting."
        before = waiting(db)
        outcome = deliver(db, server)
        words = f"Sent {outcome.sent} of {before} messages."
        if outcome.retried:
            words += f" {outcome.retried} to try again later."
        if outcome.failed:
            words += f" {outcome.failed} could not be sent (shown on the case)."
        return words


def register_mail(app: Flask) -> None:
    @app.cli.command("send-outbox")
    @click.option(
        "--loop",
        "every",
        type=click.IntRange(min=0),
        default=None,
        help="Keep running: send, then wait this many seconds (for sites without cron).",
    )
    @click.option("--rounds", type=click.IntRange(min=1), default=None, hidden=True)
    def send_outbox_command(every: int | None, rounds: int | None) -> None:
        """Send queued e-mail through TANDEM_SMTP_HOST (TLS required unless TANDEM_SMTP_SECURITY=plain
        on localhost); each message once, a sent message's body is blanked. Safe to run from cron
        while another run (or a --loop) is still going."""
        server = mail_server(app.config)
        done = 0
        while True:
            try:
                click.echo(send_once(server))
            except MailSecurityError as exc:
                with Session(engine()) as db:
                    click.echo(f"{exc} {waiting(db)} waiting.", err=True)
                if every is None:
                    sys.exit(1)
            except (OSError, smtplib.SMTPException) as exc:  # the server is down: try next round
                click.echo(
                    f"The mail server could not be reached ({type(exc).__name__}).", err=True
                )
                if every is None:
                    sys.exit(1)
            except OperationalError as exc:
                # The database stayed locked or could not be reached: a --loop keeps going (a
                # message claimed and not marked sent is claimed again once its claim is stale).
                # Only the driver's first line: the statement and its values are not shown.
                click.echo(
                    f"The database could not be used ({database_reason(exc)}); "
                    + ("trying again next round." if every is not None else "nothing more sent."),
                    err=True,
                )
                if every is None:
                    sys.exit(1)
            done += 1
            if every is None or (rounds is not None and done >= rounds):
                return
            time.sleep(every)

    @app.cli.command("prune-outbox")
    def prune_outbox_command() -> None:
        """Blank unsent messages whose link has expired (they carry a link token)."""
        with Session(engine()) as db:
            count = discard_expired(db, utcnow())
            db.commit()
        click.echo(f"Discarded {count} unsent messages.")
