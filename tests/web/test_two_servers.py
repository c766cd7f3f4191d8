"""Two app servers on two ports sharing one database (issue 14, scale-out): nothing a person
relies on lives in one process's memory. A browser signs in on A and goes on on B; a draft typed
on A is there on B; a share link made on A opens from B; the sign-in throttle counts guesses on
both; signing out on B ends the session on A. Real gunicorn processes, each with its own
instance folder; a due date set on A is on B's due list."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest

from tests import factories as f
from tests.helpers import PASSWORD
from tests.html import by_id, csrf_token, field_value, text_of
from tests.web.test_throttle_shared import _free_port
from tests.web.wizard.test_plan import _case, _plan_data

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
HX_CSRF = re.compile(r"hx-headers='(\{[^']*\})'")


class AppServer:
    """`gunicorn tests.web.crash_server:create()`: the test configuration on the test's
    database, one worker, its own port and instance folder."""

    def __init__(self, database_url: str, instance: Path) -> None:
        self.port = _free_port()
        env = dict(os.environ, TANDEM_DATABASE_URL=database_url)
        env["TANDEM_CRASH_INSTANCE"] = str(instance)
        env.pop("TANDEM_FAULT_INJECTION", None)
        self.process = subprocess.Popen(
            [str(GUNICORN), "--bind", f"127.0.0.1:{self.port}", "--workers", "1"]
            + ["tests.web.crash_server:create()"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 90  # a loaded 2-core machine starts gunicorn slowly
        while time.time() < deadline:
            try:
                if Browser().get(self, "/health")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


class Browser:
    """Cookies kept by hand and sent to whichever server is asked (the session cookie is
    __Host-, Secure: a cookie jar would not send it over plain http)."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, server, method, path, form=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            name, _, value = line.split(";")[0].partition("=")
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        return response.status, text, response.headers

    def get(self, server, path):
        return self.request(server, "GET", path)

    def post(self, server, path, form, page_path=None):
        """A form posted with the CSRF token of `page_path` (default: `path`) on the same server."""
        token = csrf_token(self.get(server, page_path or path)[1])
        return self.request(server, "POST", path, {**form, "csrf_token": token})

    def sign_in(self, server, email, password=PASSWORD):
        return self.post(server, "/login", {"email": email, "password": password})

    def htmx(self, server, page_path, path, form):
        header = json.loads(HX_CSRF.search(self.get(server, page_path)[1]).group(1))
        return self.request(server, "POST", path, form, {"HX-Request": "true", **header})


@pytest.fixture
def servers(app, database_url, tmp_path) -> Iterator[tuple[AppServer, AppServer]]:
    pair = (AppServer(database_url, tmp_path / "a"), AppServer(database_url, tmp_path / "b"))
    yield pair
    for server in pair:
        server.stop()


def test_a_person_works_across_two_app_servers_on_one_database(servers, db, team):
    a, b = servers
    plan_case = _case(db, team["ana"])
    shared = f.shared_case(db, team["ana"], first="Mara", last="Quinn", cw_number="C1112223")
    db.commit()
    browser = Browser()

    # Signed in on A, the same session goes on on B.
    assert browser.sign_in(a, "ana.ec@example.org")[0] in (302, 303)
    status, page, _ = browser.get(b, "/cases")
    assert status == 200 and "Mara Quinn" in page

    # A draft typed on A (the plan preview keeps it) is on the plan page served by B.
    plan = f"/cases/{plan_case.id}/plan"
    typed = _plan_data(rows=[("Typed on server A", "counseling", "2")])
    assert browser.htmx(a, plan, f"{plan}/preview", typed)[0] == 200
    status, page, _ = browser.get(b, plan)
    assert status == 200 and 'value="Typed on server A"' in page

    # A due date set by a save on A is on B's due list: due items live in the database, written
    # in the save's own transaction (issue 15).
    version = field_value(browser.get(a, plan)[1], "version") or "0"
    saved = browser.post(a, plan, {**_plan_data(required_from="08/31/2026"), "version": version})
    assert saved[0] in (302, 303)
    status, page, _ = browser.get(b, "/due?kind=plan_signature")
    assert status == 200 and "Plan signature" in text_of(page) and "Maria Lopez" in text_of(page)

    # A share link made on A opens from B, for someone with no session at all.
    made = browser.post(
        a,
        f"/cases/{shared.id}/share",
        {"recipient_name": "Dana Kim", "recipient_email": "dana.kim@example.org"}
        | {"days": "30", "scope": "view", "deliver": "show"},
    )
    assert made[0] == 200
    link = urlparse(by_id(made[1], "new-link-url").get("value")).path
    status, page, _ = Browser().get(b, link)
    assert status == 200 and "Mara Quinn" in text_of(page)

    # Guesses at Ben's password count on both servers: the sixth is refused, on either.
    guesser = Browser()
    statuses = [guesser.sign_in(s, "ben.ec@example.org", "wrong guess")[0] for s in (a, b) * 3]
    assert statuses[:5] == [200] * 5 and statuses[5] == 429
    assert guesser.sign_in(a, "ben.ec@example.org", "wrong guess")[0] == 429

    # Signing out on B ends the session on A too.
    browser.post(b, "/logout", {}, page_path="/cases")
    status, _, headers = browser.get(a, "/cases")
    assert status in (302, 303) and "/login" in headers["Location"]
