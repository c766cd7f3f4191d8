"""A gunicorn worker killed (SIGKILL) in the middle of signing a plan (security.md 40): after the
restart the plan is either unsigned with nothing stored, or signed with complete PDFs whose
SHA-256 matches; never a part. The fault-injection hook (blueprints/fault_injection.py) pauses
the worker at the chosen point; the test kills it there. A real gunicorn, real PDFs, the
database file (or PostgreSQL) the test set up."""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from blueprints.documents import build
from models import AuditEvent, MutualCase, Plan, PlanSignature, PlanVersion, SignedDocument
from models.db import make_engine
from models.enums import PlanStatus, Stage
from tests.documents.signing import SIGN, ready_case
from tests.helpers import PASSWORD, PG_URL
from tests.html import csrf_token, field_value

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One gunicorn master with one sync worker; its log (the app's stderr) in a file."""

    def __init__(self, database_url: str, folder: Path, fault: str | None) -> None:
        self.port = _free_port()
        self.log = folder / f"gunicorn-{self.port}.log"
        env = dict(os.environ, TANDEM_DATABASE_URL=database_url)
        env["TANDEM_CRASH_INSTANCE"] = str(folder / "instance")
        env.pop("TANDEM_FAULT_INJECTION", None)
        if fault:
            env["TANDEM_FAULT_INJECTION"] = fault
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [str(GUNICORN), "--bind", f"127.0.0.1:{self.port}", "--workers", "1"]
                + ["--graceful-timeout", "5", "tests.web.crash_server:create()"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,  # its own process group, ended with it
            )
        self.wait_until_up()

    def wait_until_up(self) -> None:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if Browser(self).get_status("/health") == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer")

    def paused_worker(self, point: str, timeout: float = 60) -> int:
        """The id of the worker process once it logs that it is paused at `point`."""
        pattern = re.compile(rf"fault injection: paused at {point} in process (\d+)")
        deadline = time.time() + timeout
        while time.time() < deadline:
            if found := pattern.search(self.log.read_text(errors="replace")):
                return int(found.group(1))
            time.sleep(0.05)
        raise RuntimeError(f"the worker never paused at {point}:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        finally:
            try:  # anything the killed worker left behind in the server's process group
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=5)


class Browser:
    """http.client with the cookies kept by hand (the session cookie is __Host-, Secure)."""

    def __init__(self, server: Server) -> None:
        self.port = server.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict[str, str] | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=90)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        return response.status, text, response.headers

    def get_status(self, path: str) -> int:
        return self.request("GET", path)[0]

    def login(self, email: str) -> None:
        page = self.request("GET", "/login")[1]
        fields = {"email": email, "password": PASSWORD, "csrf_token": csrf_token(page)}
        status = self.request("POST", "/login", fields)[0]
        assert status in (302, 303), status

    def sign_form(self, case: MutualCase) -> dict[str, str]:
        page = self.request("GET", f"/cases/{case.id}/sign")[1]
        return {**SIGN, "csrf_token": csrf_token(page), "version": field_value(page, "version")}


def _sign_in_background(
    browser: Browser, case: MutualCase, fields: dict[str, str]
) -> tuple[threading.Thread, list[object]]:
    """POST the signatures from a thread; the list gets the status, or the error."""
    outcome: list[object] = []

    def send() -> None:
        try:
            outcome.append(browser.request("POST", f"/cases/{case.id}/sign", fields)[0])
        except (OSError, http.client.HTTPException) as exc:
            outcome.append(exc)

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread, outcome


def _check_database(database_url: str, case_id: int, *, signed: bool) -> None:
    """The plan is whole: unsigned with nothing stored, or signed with every PDF complete."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as db:
            case = db.get(MutualCase, case_id)
            version = db.scalars(
                select(PlanVersion).join(Plan).where(Plan.case_id == case_id)
            ).one()
            assert case is not None
            signatures = db.scalars(
                select(PlanSignature).where(PlanSignature.plan_version_id == version.id)
            ).all()
            docs = db.scalars(select(SignedDocument).where(SignedDocument.case_id == case_id)).all()
            signed_rows = db.scalars(
                select(AuditEvent).where(
                    AuditEvent.action == "plan_signed", AuditEvent.outcome == "ok"
                )
            ).all()
            if signed:
                assert version.status == PlanStatus.SIGNED and case.stage == Stage.PLAN_ACTIVE
                assert sorted(s.role for s in signatures) == ["client", "worker"]
                assert sorted(d.kind for d in docs) == sorted(build.kinds_for(case.county))
                for doc in docs:
                    assert doc.pdf.startswith(b"%PDF-") and b"%%EOF" in doc.pdf[-64:]
                    assert hashlib.sha256(doc.pdf).hexdigest() == doc.sha256
                assert len(signed_rows) == 1
            else:
                assert version.status == PlanStatus.AGREED_WITH_SW
                assert case.stage == Stage.PLAN_PENDING_SIGNATURE
                assert (signatures, docs, signed_rows) == ([], [], [])
                assert version.signed_client_at is None and version.change_window_ends is None
            empty = select(func.count()).where(func.length(SignedDocument.pdf) == 0)
            assert db.scalar(empty) == 0  # no zero-byte document anywhere
    finally:
        engine.dispose()
    if not PG_URL:
        with sqlite3.connect(make_url(database_url).database or "") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize(
    "point, signed", [("sign-before-commit", False), ("sign-after-commit", True)]
)
def test_a_worker_killed_while_signing_leaves_the_plan_unsigned_or_signed_whole(
    app, db, ec, database_url, tmp_path, point, signed
):
    case = ready_case(db, ec)
    db.close()
    server = Server(database_url, tmp_path, fault=point)
    try:
        browser = Browser(server)
        browser.login(ec.email)
        thread, outcome = _sign_in_background(browser, case, browser.sign_form(case))
        worker = server.paused_worker(point)
        assert worker != server.process.pid  # the worker, not the master
        os.kill(worker, signal.SIGKILL)
        thread.join(timeout=30)
        assert len(outcome) == 1 and isinstance(outcome[0], Exception), outcome  # no answer
        server.wait_until_up()  # the master has started a new worker
        _check_database(database_url, case.id, signed=signed)
        status, page, _ = browser.request("GET", f"/cases/{case.id}/documents")
        assert status == 200  # the same session, served by the new worker
        assert ("TDM-WTW2-" in page) is signed
    finally:
        server.stop()
    if signed:
        return
    # Nothing the crash left behind stops the plan being signed now.
    server = Server(database_url, tmp_path, fault=None)
    try:
        browser = Browser(server)
        browser.login(ec.email)
        status, _, headers = browser.request(
            "POST", f"/cases/{case.id}/sign", browser.sign_form(case)
        )
        assert status == 302 and headers["Location"].endswith(f"/cases/{case.id}/documents")
        _check_database(database_url, case.id, signed=True)
    finally:
        server.stop()
