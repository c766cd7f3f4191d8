"""Audit rows of read-only requests, committed together: group commit (issue 14).

A download changes nothing, yet it must leave a durable row saying who took which document
(security.md) before the bytes leave. With SQLite's `synchronous=FULL` every commit waits for
the disk, so eight people downloading at once waited for eight flushes, one after the other.
Here one thread per process writes every row that is waiting in one transaction: one flush
serves them all. Nothing is weakened: each request still waits until its own row is committed,
and answers nothing (AuditUnavailable) if it was not.

Requests that change a case keep writing their audit rows in their own transaction, with the
change (blueprints/audit.record): the row and the change stand or fall together.
"""

from __future__ import annotations

import os
import queue
import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from models.audit import AuditEvent

BATCH = 64  # rows in one transaction at most
IDLE_SECONDS = 30.0  # the thread ends when nothing came for this long; the next row restarts it
WAIT_SECONDS = 15.0  # longer than the SQLite busy timeout (5 s): a locked database fails first


_INSERT = insert(AuditEvent.__table__)


class AuditUnavailable(Exception):
    """The row could not be committed: the request must not hand out what it was for."""


@dataclass
class _Pending:
    values: dict[str, Any]
    done: threading.Event = field(default_factory=threading.Event)
    error: str = ""


class GroupCommit:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def write(self, values: dict[str, Any]) -> None:
        """Queue one AuditEvent's columns and wait until they are committed."""
        pending = _Pending(values)
        self._queue.put(pending)
        self._ensure_writer()
        if not pending.done.wait(WAIT_SECONDS):
            raise AuditUnavailable("the audit trail did not answer in time")
        if pending.error:
            raise AuditUnavailable(pending.error)

    def _ensure_writer(self) -> None:
        with self._lock:
            # A gunicorn worker is forked from a parent that may have had a thread: start one
            # in this process.
            alive = self._thread is not None and self._thread.is_alive()
            if alive and self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="audit-group", daemon=True)
            self._thread.start()

    def _take(self) -> list[_Pending] | None:
        try:
            batch = [self._queue.get(timeout=IDLE_SECONDS)]
        except queue.Empty:
            return None
        while len(batch) < BATCH:
            try:
                batch.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return batch

    def _run(self) -> None:
        while True:
            batch = self._take()
            if batch is None:
                with self._lock:
                    if not self._queue.empty():  # a row came as the wait ended: keep going
                        continue
                    self._thread = None
                    return
            self._commit(batch)

    def _commit(self, batch: list[_Pending]) -> None:
        error = ""
        try:
            # One Core INSERT for the batch (executemany) on the session's connection: the ORM's
            # bulk path adds nothing here but its own cost.
            with self._sessions() as db:
                db.connection().execute(_INSERT, [pending.values for pending in batch])
                db.commit()
        except Exception as exc:  # every waiter refuses its answer; nothing else to undo
            error = f"the audit trail could not be written ({type(exc).__name__})"
        for pending in batch:
            pending.error = error
            pending.done.set()
