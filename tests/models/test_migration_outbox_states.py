"""Migration 0014: the share-link e-mails already in the outbox keep their meaning as states, and
a downgrade never lets an unreleased notice go out through the old sender (issue 15)."""

from __future__ import annotations

from sqlalchemy import text

from models import migrate
from tests.helpers import migration_revisions
from tests.models.test_migrations import empty_engine  # noqa: F401 (fixture)

ROW = (
    "INSERT INTO outbox_message (to_address, subject, body, created_at, sent_at, discard_after, "
    "error) VALUES ('dana@example.org', :subject, :body, '2026-11-01 10:00:00', :sent, "
    "'2026-12-01 10:00:00', :error)"
)


def test_existing_messages_get_their_state_and_unreleased_ones_never_go_out(
    empty_engine,  # noqa: F811
):
    this, before = migration_revisions("sw_notices")
    migrate.upgrade(empty_engine, before)
    with empty_engine.begin() as conn:
        for subject, body, sent, error in (
            ("sent", "", "2026-11-02 10:00:00", ""),
            ("waiting", "https://tandem.example/s/token", None, ""),
            ("withdrawn", "", None, "withdrawn before sending"),
        ):
            conn.execute(
                text(ROW), {"subject": subject, "body": body, "sent": sent, "error": error}
            )
    migrate.upgrade(empty_engine, this)
    with empty_engine.begin() as conn:
        rows = conn.execute(
            text("SELECT subject, kind, state, attempts, cancel_reason FROM outbox_message")
        )
        assert {r[0]: tuple(r[1:]) for r in rows} == {
            "sent": ("share_link", "sent", 0, ""),
            "waiting": ("share_link", "queued", 0, ""),
            "withdrawn": ("share_link", "cancelled", 0, "withdrawn before sending"),
        }
        conn.execute(text("UPDATE outbox_message SET state = 'held' WHERE subject = 'waiting'"))
    migrate.downgrade(empty_engine, before)
    with empty_engine.connect() as conn:
        body = conn.execute(text("SELECT body FROM outbox_message WHERE subject = 'waiting'"))
        assert body.scalar_one() == ""  # the old sender sends any unsent row with a body
