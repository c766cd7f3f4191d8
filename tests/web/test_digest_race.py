"""Two `send-digest` runs at the same moment queue one digest, not two (issue 15's leftover):
the database refuses the twin (uq_outbox_digest_week, migration 0017) and the run that lost
starts again and counts it as already queued."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from models import OutboxMessage, migrate
from models.enums.outbox import MessageKind
from models.operations import digest
from tests.helpers import TODAY, migration_revisions
from tests.models.test_migrations import empty_engine  # noqa: F401 (fixture)
from tests.web.test_unit_digest import _digest, _messages, _unit


def test_a_run_that_read_none_before_the_other_committed_adds_no_twin(
    make_app, db, team, monkeypatch
):
    _unit(db, team)
    assert "1 queued" in _digest(make_app).output
    # The second run read "nothing queued yet" just before the first committed.
    real, reads = digest.queued_already, []

    def raced(*args):  # type: ignore[no-untyped-def]
        reads.append(args)
        return False if len(reads) == 1 else real(*args)

    monkeypatch.setattr(digest, "queued_already", raced)
    second = _digest(make_app)
    assert second.exit_code == 0, second.output
    assert "0 queued, 1 already queued this week" in second.output
    assert len(_messages(db)) == 1 and len(reads) == 2  # refused, then read again


def test_the_database_refuses_a_second_digest_for_the_same_week_but_not_other_mail(db):
    now = datetime(2026, 11, 23, 8, tzinfo=UTC)

    def message(kind: MessageKind) -> OutboxMessage:
        return OutboxMessage(
            kind=kind, to_address="sam.sup@example.org", subject=digest.digest_subject(TODAY),
            body="counts", discard_after=now,
        )  # fmt: skip

    db.add_all(
        [message(MessageKind.DIGEST), message(MessageKind.OTHER), message(MessageKind.OTHER)]
    )
    db.commit()
    db.add(message(MessageKind.DIGEST))
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()


def test_twins_already_queued_are_kept_and_renamed_so_the_index_can_be_built(
    empty_engine,  # noqa: F811
):
    this, before = migration_revisions("digest_once_a_week")
    migrate.upgrade(empty_engine, before)
    insert = text(
        "INSERT INTO outbox_message (to_address, subject, body, created_at, discard_after, error, "
        "kind, state) VALUES (:to, :subject, 'counts', '2026-11-23 08:00:00', "
        "'2026-11-30 08:00:00', '', :kind, 'queued')"
    )
    week = "Tandem: your unit, week of 11/23/2026"
    with empty_engine.begin() as conn:
        for to, kind in (("sam@x.org", "digest"), ("sam@x.org", "digest"), ("uma@x.org", "digest"),
                         ("sam@x.org", "other"), ("sam@x.org", "other")):  # fmt: skip
            conn.execute(insert, {"to": to, "subject": week, "kind": kind})
    migrate.upgrade(empty_engine, this)
    with empty_engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, to_address, subject, kind FROM outbox_message ORDER BY id")
        )
        assert [tuple(r) for r in rows] == [
            (1, "sam@x.org", week, "digest"),
            (2, "sam@x.org", f"{week} (duplicate 2)", "digest"),
            (3, "uma@x.org", week, "digest"),
            (4, "sam@x.org", week, "other"),
            (5, "sam@x.org", week, "other"),
        ]
    migrate.downgrade(empty_engine, before)
    migrate.upgrade(empty_engine, this)
