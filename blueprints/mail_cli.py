"""Command-line tools for the outbox: send-outbox (encrypted, verified SMTP) and prune-outbox."""

from __future__ import annotations

import sys

import click
from flask import Flask
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.base import utcnow
from models.db import engine
from models.operations.outbox import MailSecurityError, MailServer, deliver
from models.outbox import OutboxMessage


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


def register_mail(app: Flask) -> None:
    @app.cli.command("send-outbox")
    def send_outbox_command() -> None:
        """Send queued e-mail through TANDEM_SMTP_HOST (TLS required unless TANDEM_SMTP_SECURITY=plain
        on localhost); a sent message's body is blanked."""
        server = mail_server(app.config)
        with Session(engine()) as db:
            waiting = list(
                db.scalars(
                    select(OutboxMessage).where(
                        OutboxMessage.sent_at.is_(None), OutboxMessage.body != ""
                    )
                )
            )
            if not server.host:
                click.echo(f"No mail server configured (TANDEM_SMTP_HOST); {len(waiting)} waiting.")
                return
            try:
                sent = deliver(db, waiting, server)
            except MailSecurityError as exc:
                click.echo(f"{exc} {len(waiting)} waiting.", err=True)
                sys.exit(1)
        click.echo(f"Sent {sent} of {len(waiting)} messages.")

    @app.cli.command("prune-outbox")
    def prune_outbox_command() -> None:
        """Blank unsent messages whose link has expired (they carry a link token)."""
        with Session(engine()) as db:
            result = db.execute(
                update(OutboxMessage)
                .where(OutboxMessage.discard_after < utcnow(), OutboxMessage.body != "")
                .values(body="", error="discarded unsent: the link expired")
            )
            db.commit()
        click.echo(f"Discarded {result.rowcount} unsent messages.")
