"""The sign-in throttle holds across two app servers sharing one database, and across a restart
(issue 12: counts kept in each worker's memory let 7 to 10 guesses through two workers, and
recycling the workers wiped them). Two real gunicorn processes on two ports."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.html import csrf_token

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One gunicorn process of the app on its own port."""

    def __init__(self, database_url: str) -> None:
        self.port = _free_port()
        env = dict(
            os.environ,
            TANDEM_DATABASE_URL=database_url,
            TANDEM_SECRET_KEY="shared-secret-for-both-servers",
        )
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "app:create_app()",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 90  # a loaded 2-core CI machine starts gunicorn slowly
        while time.time() < deadline:
            try:
                if self.request("GET", "/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def request(self, method: str, path: str, body: dict | None = None, cookie: str = ""):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Cookie": cookie} if cookie else {}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:  # closed also when the server is not up yet (a warning would fail the test)
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        cookies = [c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or []]
        return response.status, text, "; ".join(c for c in cookies if not c.endswith("="))

    def wrong_password(self, email: str) -> int:
        _status, page, cookie = self.request("GET", "/login")
        status, _text, _ = self.request(
            "POST",
            "/login",
            {"email": email, "password": "not the password at all", "csrf_token": csrf_token(page)},
            cookie,
        )
        return status

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def two_servers(app, database_url) -> Iterator[tuple[Server, Server]]:
    servers = (Server(database_url), Server(database_url))
    yield servers
    for server in servers:
        server.stop()


def test_five_wrong_passwords_in_all_across_two_servers_and_a_restart(
    two_servers, database_url, ec
):
    first, second = two_servers
    statuses = [server.wrong_password(ec.email) for server in (first, second, first, second, first)]
    assert statuses == [200] * 5  # each server saw only two or three of them
    assert second.wrong_password(ec.email) == 429
    assert first.wrong_password(ec.email) == 429
    first.stop()
    restarted = Server(database_url)  # what recycling the workers used to reset
    try:
        assert restarted.wrong_password(ec.email) == 429
    finally:
        restarted.stop()
