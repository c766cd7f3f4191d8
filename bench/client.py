"""A small HTTP client and a bounded load generator for bench/run.py.

http.client with keep-alive, one connection per load slot (the thread's name: run_load names
its threads load-0, load-1, ...), cookies kept by hand. A slot keeps its connection from one load
run to the next, so each run of a paired figure (the preview alone, then while PDFs render) goes
to the same gunicorn workers: with new connections each run, whether two landed on one worker
(one GIL) or on two was a coin toss that moved the preview's p95 from 6 to 16 ms. Cookies are
kept by hand: Tandem's cookies
are `__Host-` (Secure), which cookie jars refuse to send over plain http to 127.0.0.1, and a
benchmark should not depend on a jar's rules anyway. `wrk` is not packaged for this machine, so
the load generator is Python threads; it runs in the bench process, not in gunicorn's.
"""

from __future__ import annotations

import http.client
import json
import re
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CSRF_HEADER = re.compile(r"hx-headers='(\{[^']*\})'")


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    ms: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def queries(self) -> int | None:
        value = self.headers.get("x-tandem-queries")
        return int(value) if value is not None else None


class Client:
    """One signed-in browser: its cookies are shared by every thread's connection."""

    def __init__(self, port: int, timeout: float = 120.0) -> None:
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self._conns: dict[str, http.client.HTTPConnection | None] = {}
        self._lock = threading.Lock()

    def _conn(self) -> http.client.HTTPConnection:
        slot = threading.current_thread().name
        conn = self._conns.get(slot)
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self._conns[slot] = conn
        return conn

    def close(self) -> None:
        """Close every slot's connection."""
        for conn in self._conns.values():
            if conn is not None:
                conn.close()
        self._conns.clear()

    def spread(
        self, slots: int, workers: list[int], owner: Callable[[int], int | None], path: str
    ) -> list[int]:
        """Open load slots load-0 ... load-{slots-1} so that slot i is served by worker i mod n:
        an even share for any number of slots, as many browsers' connections come to be over
        time. Which worker accepts a keep-alive connection is a race: two preview connections
        on one worker (one GIL) had twice the p95 of one on each, and that coin toss decided a
        figure. `owner(client port)` names the worker holding a connection (servers.py reads
        it from /proc); a slot is reconnected until the right worker holds it, at most 50
        times. Returns the slots each worker holds, in `workers` order."""
        for index in range(slots):
            name, wanted = f"load-{index}", workers[index % len(workers)]
            for _attempt in range(50):
                conn = self._conns.get(name)
                if conn is None or conn.sock is None:
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                    self._conns[name] = conn
                    conn.request("GET", path, headers={"Connection": "keep-alive"})
                    conn.getresponse().read()  # answered: a worker has accepted it
                if owner(conn.sock.getsockname()[1]) == wanted:
                    break
                conn.close()
                self._conns[name] = None
        conns = [self._conns.get(f"load-{index}") for index in range(slots)]
        held = [owner(c.sock.getsockname()[1]) for c in conns if c is not None and c.sock]
        return [held.count(worker) for worker in workers]

    def _drop(self, conn: http.client.HTTPConnection) -> None:
        conn.close()
        self._conns[threading.current_thread().name] = None

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, htmx: bool = False
    ) -> Reply:
        headers = {"Connection": "keep-alive"}
        with self._lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if htmx:
            headers.update({"HX-Request": "true", "X-CSRFToken": self.csrf})
        for attempt in (1, 2):  # a worker recycled by --max-requests closes the connection
            conn = self._conn()
            start = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
            except (http.client.HTTPException, ConnectionError, TimeoutError):
                self._drop(conn)
                if attempt == 2:
                    raise
                continue
            ms = (time.perf_counter() - start) * 1000
            self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
            if response.headers.get("Connection", "").lower() == "close":
                self._drop(conn)
            return Reply(
                response.status, {k.lower(): v for k, v in response.headers.items()}, data, ms
            )
        raise AssertionError("unreachable")

    def _keep_cookies(self, lines: list[str]) -> None:
        with self._lock:
            for line in lines:
                name, _, rest = line.partition("=")
                value = rest.split(";", 1)[0]
                if "max-age=0" in line.lower() or "expires=thu, 01 jan 1970" in line.lower():
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value

    def sign_in(self, email: str, password: str) -> None:
        """Through the real sign-in form, CSRF token and all."""
        page = self.request("GET", "/login").text
        token = CSRF_INPUT.search(page)
        assert token, "sign-in page without a CSRF token"
        reply = self.request(
            "POST", "/login", {"email": email, "password": password, "csrf_token": token.group(1)}
        )
        if reply.status not in (302, 303):
            raise RuntimeError(f"sign-in as {email} answered {reply.status}")
        self.refresh_csrf("/cases")

    def refresh_csrf(self, path: str) -> None:
        page = self.request("GET", path).text
        found = CSRF_HEADER.search(page)
        assert found, f"{path} carries no htmx CSRF header"
        self.csrf = json.loads(found.group(1))["X-CSRFToken"]


@dataclass
class Load:
    """What a run of concurrent requests did."""

    concurrency: int
    seconds: float
    times: list[float] = field(default_factory=list)
    errors: int = 0
    server_cpu_s: float | None = None  # the server's CPU seconds over the run (measured_cpu)

    @property
    def rps(self) -> float:
        return len(self.times) / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms(self) -> float | None:
        """The server's CPU milliseconds per request served (errors included: they cost too)."""
        served = len(self.times) + self.errors
        if self.server_cpu_s is None or not served:
            return None
        return self.server_cpu_s * 1000 / served

    def pct(self, p: float) -> float:
        if not self.times:
            return float("nan")
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run_load(send, concurrency: int, seconds: float, stop: threading.Event | None = None) -> Load:  # type: ignore[no-untyped-def]
    """Call `send()` (which returns a Reply) from `concurrency` threads for `seconds`, each thread
    one request at a time (a closed loop: bounded, it never queues more than `concurrency`)."""
    result = Load(concurrency, seconds)
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()

    def worker() -> None:
        while time.perf_counter() < deadline and not (stop and stop.is_set()):
            try:
                reply = send()
                ok = 200 <= reply.status < 400
            except Exception:  # counted, the run goes on (a worker restart, a timeout)
                ok, reply = False, None
            with lock:
                if ok and reply is not None:
                    result.times.append(reply.ms)
                else:
                    result.errors += 1

    threads = [threading.Thread(target=worker, name=f"load-{i}") for i in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result


def measured_cpu(run: Callable[[], Load], cpu: Callable[[], float] | None) -> Load:
    """`run()`, with the server's CPU seconds over it (`cpu()` read before and after) kept."""
    if cpu is None:
        return run()
    before = cpu()
    load = run()
    load.server_cpu_s = cpu() - before
    return load


def timed(send, runs: int) -> tuple[float, int | None, int]:  # type: ignore[no-untyped-def]
    """Median milliseconds of `runs` sequential calls, the query count and the status seen."""
    times, queries, status = [], None, 0
    for _ in range(runs):
        reply = send()
        times.append(reply.ms)
        queries, status = reply.queries, reply.status
    return statistics.median(times), queries, status
