"""Downloads write their audit rows together (blueprints/audit_group.py, issue 14): each row is
committed before its answer leaves, rows waiting at the same moment share one commit, and a
download whose row could not be written hands out nothing."""

from __future__ import annotations

import os
import threading

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from blueprints import audit_group
from blueprints.audit_group import AuditUnavailable, GroupCommit
from models.audit import AuditEvent
from models.db import make_engine
from tests.documents.test_documents_web import audits, seeded, store_signed, url  # noqa: F401


def _row(n: int) -> dict:
    return {"action": "document_download", "object_type": "signed_document", "object_id": str(n)}


def test_the_row_is_committed_before_the_file_is_sent(app, client, auth, db, seeded):  # noqa: F811
    document = store_signed(db, seeded)
    auth.login("ana.ec@example.org")
    answer = client.get(url(seeded, f"/signed/{document.id}.pdf"))
    assert answer.status_code == 200
    # Another connection (a reviewer's) sees the row at once: it was committed, not pending.
    with app.extensions["tandem_sessionmaker"]() as other:
        (row,) = other.scalars(select(AuditEvent).where(AuditEvent.action == "document_download"))
    assert row.object_id == str(document.id) and row.case_id == seeded["case"].id
    assert row.actor_user_id == seeded["worker"].id and row.ip == "127.0.0.1"


def test_no_row_no_file(app, client, auth, db, seeded, monkeypatch):  # noqa: F811
    document = store_signed(db, seeded)
    auth.login("ana.ec@example.org")

    def locked(*_args, **_kwargs):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(app.extensions["tandem_audit_group"], "_sessions", locked)
    answer = client.get(url(seeded, f"/signed/{document.id}.pdf"))
    assert answer.status_code == 503
    assert b"%PDF" not in answer.data
    assert "could not be recorded in the audit trail" in answer.get_data(as_text=True)
    assert audits(db, "document_download") == []


def test_rows_waiting_together_share_one_commit(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'audit.db'}")
    AuditEvent.metadata.create_all(engine)
    commits: list[int] = []
    first_commit_started, release = threading.Event(), threading.Event()

    @event.listens_for(engine, "commit")
    def _count(_conn):  # type: ignore[no-untyped-def]
        commits.append(1)
        if len(commits) == 1:  # hold the first commit until seven more downloads are waiting
            first_commit_started.set()
            release.wait(10)

    group = GroupCommit(sessionmaker(engine))
    threads = [threading.Thread(target=group.write, args=(_row(0),))]
    threads[0].start()
    assert first_commit_started.wait(10)
    threads += [threading.Thread(target=group.write, args=(_row(n),)) for n in range(1, 8)]
    for thread in threads[1:]:
        thread.start()
    while group._queue.qsize() < 7:
        threading.Event().wait(0.01)
    release.set()
    for thread in threads:
        thread.join(10)
    with sessionmaker(engine)() as db:
        ids = sorted(int(r.object_id) for r in db.scalars(select(AuditEvent)))
    assert ids == list(range(8))
    assert len(commits) == 2  # the first alone, the seven that waited for it in one
    engine.dispose()


def test_the_writer_stops_when_idle_and_starts_again(tmp_path, monkeypatch):
    monkeypatch.setattr(audit_group, "IDLE_SECONDS", 0.05)
    engine = make_engine(f"sqlite:///{tmp_path / 'audit.db'}")
    AuditEvent.metadata.create_all(engine)
    group = GroupCommit(sessionmaker(engine))
    group.write(_row(1))
    writer = group._thread
    assert writer is not None
    writer.join(5)
    assert not writer.is_alive()  # no thread is left behind by a quiet process
    group.write(_row(2))
    with sessionmaker(engine)() as db:
        assert len(list(db.scalars(select(AuditEvent)))) == 2
    engine.dispose()


def test_an_unwritable_trail_is_an_error_for_every_waiter(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")  # no audit_event table
    group = GroupCommit(sessionmaker(engine))
    try:
        group.write(_row(1))
    except AuditUnavailable as refused:
        assert "could not be written" in str(refused)
    else:
        raise AssertionError("a row that was not written must not pass")
    engine.dispose()


def test_a_forked_worker_never_uses_its_parents_connections(tmp_path):
    """gunicorn --preload forks the workers from a process that built the app (models/db.py)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'fork.db'}")
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    assert engine.pool.checkedin() == 1  # the parent keeps one connection in its pool
    pid = os.fork()
    if pid == 0:  # the child: its pool must start empty, and a new connection must work
        code = 0 if engine.pool.checkedin() == 0 else 3
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except Exception:
            code = 4
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert engine.pool.checkedin() == 1  # the parent's connection is untouched
    engine.dispose()
