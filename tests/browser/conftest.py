"""Real headless Chromium (Debian's package, never a downloaded browser) against a live server."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from tests.browser.html_check import HtmlRecorder

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def live_server(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # Request threads are kept track of (not daemons), so the teardown waits for them: one still
    # answering when the test's engine is disposed would leave its database connection to the
    # garbage collector, which closed it (with a warning) during a later test.
    server.daemon_threads = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    closing = threading.Thread(target=server.server_close, daemon=True)  # joins request threads
    closing.start()
    closing.join(timeout=10)
    assert not closing.is_alive(), "a request to the live server was still running 10 s on"
    pool = app.extensions["tandem_engine"].pool
    assert pool.checkedout() == 0, "a request left a database connection checked out"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def html_recorder(tmp_path_factory) -> Iterator[HtmlRecorder]:
    """Every page and htmx partial the browser tests reach, checked by vnu once at the end: the
    session fails (an error at the last test's teardown) on any error vnu finds."""
    recorder = HtmlRecorder(tmp_path_factory.mktemp("html"))
    yield recorder
    recorder.write_index()
    errors = recorder.errors()
    assert not errors, (
        f"The Nu HTML Checker found {len(errors)} errors in {len(recorder.sources)} "
        + ("pages and fragments:\n" + "\n".join(errors))
    )
    assert not recorder.unreadable, "answers the recorder could not read:\n" + "\n".join(
        recorder.unreadable
    )


@pytest.fixture
def page(browser, live_server, html_recorder, request) -> Iterator[object]:
    context = browser.new_context(base_url=live_server)
    html_recorder.test = request.node.nodeid
    html_recorder.listen(context, live_server)
    page = context.new_page()
    page.problems = []  # console errors (CSP violations show here) and off-site requests
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(live_server) or r.url.startswith("data:")
            else page.problems.append("off-site request " + r.url)
        ),
    )
    yield page
    context.close()
