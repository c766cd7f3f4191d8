"""The measuring tool of issue 14: `flask seed-bench`, the X-Tandem-Queries switch and one quick
pass of bench/run.py (bench/README.md)."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from blueprints.access import visible_cases
from models import MutualCase, Plan, User
from models.enums import Role
from models.tracking import TrackingEntry
from tests.helpers import PG_URL, Auth

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "tandem-demo-2026"


def _seed(app, cases: int) -> str:
    result = app.test_cli_runner().invoke(args=["seed-bench", "--cases", str(cases), "--no-pdf"])
    assert result.exit_code == 0, result.output
    return result.output


def vacuumed_and_analyzed_since(engine, started) -> bool:  # type: ignore[no-untyped-def]
    """PostgreSQL: a manual VACUUM and ANALYZE (not autovacuum's) ran on the cases table after
    `started`: statistics for the planner, the visibility map for counts from an index."""
    with engine.connect() as conn:
        last = conn.execute(
            text(
                "SELECT last_vacuum, last_analyze FROM pg_stat_user_tables "
                "WHERE relname = 'mutual_case'"
            )
        ).one()
    return all(at is not None and at >= started for at in last)


def test_seed_bench_builds_units_a_county_wide_supervisor_and_prints_who_to_sign_in_as(app, db):
    started = datetime.now(UTC)
    output = _seed(app, 60)
    if PG_URL:  # planner statistics after the bulk load, or the first pages plan blind
        assert vacuumed_and_analyzed_since(app.extensions["tandem_engine"], started)
    assert "Generated 60 cases" in output
    users = db.scalars(select(User).where(User.email.like("%@bench.tandem.example"))).all()
    ecs = [u for u in users if u.role == Role.EC]
    supervisors = [u for u in users if u.role == Role.SUPERVISOR]
    assert len(supervisors) == 2 and all(ec.supervisor_id for ec in ecs)  # one unit + county
    county = next(u for u in supervisors if u.email.startswith("supervisor-county"))
    assert db.scalar(select(func.count()).select_from(visible_cases(county).subquery())) == 60
    unit = next(u for u in supervisors if u is not county)
    assert db.scalar(select(func.count()).select_from(visible_cases(unit).subquery())) == 60
    assert len({u.password_hash for u in users}) == 1  # hashed once, for speed
    assert db.scalar(select(func.count()).select_from(Plan)) > 0
    for label in ("County-wide supervisor", "Unit supervisor", "EC:", "Small EC", "Large EC"):
        assert label in output
    # Orange's profile too, and a second run on the same database is refused, not doubled.
    again = app.test_cli_runner().invoke(args=["seed-bench", "--cases", "5", "--no-pdf"])
    assert again.exit_code != 0 and "already holds bench data" in again.output


def test_units_of_eight_ecs_and_a_year_of_tracking_at_a_few_thousand_cases(app, db):
    _seed(app, 3000)
    ecs = db.scalars(select(User).where(User.role == Role.EC)).all()
    per_unit: dict[int | None, int] = {}
    for ec in ecs:
        per_unit[ec.supervisor_id] = per_unit.get(ec.supervisor_id, 0) + 1
    assert max(per_unit.values()) == 8 and len(per_unit) == 2
    assert db.scalar(select(func.count()).select_from(MutualCase)) == 3000
    weeks = db.scalar(select(func.count(func.distinct(TrackingEntry.week_start))))
    assert weeks == 52


def test_generated_users_sign_in_with_the_demo_password(make_app, db):
    app = make_app(DEMO_MODE=True)
    output = _seed(app, 40)
    ec = next(line for line in output.splitlines() if line.startswith("EC: ")).split()[1]
    client = app.test_client()
    assert Auth(client).login(ec, DEMO_PASSWORD).status_code in (302, 303)
    page = client.get("/cases")
    assert page.status_code == 200 and "X-Tandem-Queries" not in page.headers  # off by default


def test_the_query_count_header_appears_only_when_switched_on(make_app, team):
    app = make_app(BENCH_COUNT_SQL=True)
    client = app.test_client()
    Auth(client).login("sam.sup@example.org")
    page = client.get("/cases")
    assert page.status_code == 200 and int(page.headers["X-Tandem-Queries"]) > 0


@pytest.mark.pure
def test_bench_runner_smoke_pass_prints_every_row():
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for row in (
        "supervisor caseload page 1",
        "supervisor caseload \u201cOverdue\u201d",
        "supervisor caseload last page",
        "county-wide supervisor page 1",
        "EC caseload",
        "htmx plan preview, 20 activities, c=8",
        "worst case: every row's findings",
        "WTW 2, 20 activities",
        "while two PDFs render",
        "download of a stored signed PDF",
        "memory (RSS)",
    ):
        assert row in done.stdout, row
    assert "queries" in done.stdout and "HTTP 5" not in done.stdout
    # the load's keep-alive connections were spread over both workers, for Tandem and hello
    assert done.stdout.count("(4/4 connections per worker)") == 2
    # what a request cost each server: the preview, hello, the download and the static file
    costs = re.findall(r"server CPU (\d+\.\d\d) ms a request", done.stdout)
    assert len(costs) == 4 and all(float(ms) > 0 for ms in costs), done.stdout


@pytest.mark.pure
def test_a_county_wide_supervisors_lists_are_judged_by_the_300_ms_target(monkeypatch):
    """Issue 14: a unit's pages at 100k within 2x of the same page at 1k; one supervisor over
    the whole county under 300 ms (their list is 100 times longer at 100k, not the same page)."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from figures import ListFigure
    from report import _list_rows

    def lists(unit_ms: float, county_ms: float) -> dict:
        names = ("unit page 1", "unit overdue", "unit last page", "large EC", "small EC")
        found = {name: ListFigure(unit_ms, 10, 200) for name in names}
        found |= {
            name: ListFigure(county_ms, 10, 200) for name in ("county page 1", "county overdue")
        }
        return found

    facts = {"supervisor_unit": 2400, "large_ec_cases": 2500}
    by_size = {
        1000: {"facts": facts, "lists": lists(10, 10)},
        100000: {"facts": facts, "lists": lists(19, 250)},
    }
    rows = {row.what: row for row in _list_rows("sqlite", by_size, [1000, 100000])}
    county = rows["100,000 cases: county-wide supervisor \u201cOverdue\u201d"]
    assert (county.target, county.ok) == ("< 300 ms", True)
    unit = rows["100,000 cases: supervisor caseload \u201cOverdue\u201d, unit of 2,400"]
    assert (unit.target, unit.ok) == ("\u2264 2\u00d7, same query count", True)
    by_size[100000]["lists"] = lists(21, 301)
    rows = {row.what: row for row in _list_rows("sqlite", by_size, [1000, 100000])}
    assert not rows["100,000 cases: county-wide supervisor page 1 (every case)"].ok
    assert not rows["100,000 cases: supervisor caseload page 1, unit of 2,400"].ok


@pytest.mark.pure
def test_a_figure_measured_in_rounds_is_judged_by_its_median_round_and_lists_every_round(
    monkeypatch,
):
    """One slow round of the shared machine (×4.00) neither fails the download nor hides: the
    verdict is the median round's (×1.50) and the row lists all three in the order measured."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from client import Load
    from report import _cell, _database_rows

    def load(rps: float, p95: float = 10.0, concurrency: int = 8, cpu_s: float = 0.0) -> Load:
        return Load(concurrency, 1.0, [p95] * int(rps), server_cpu_s=cpu_s or None)

    first = {
        "preview": [load(300, 40), load(100, 90), load(250, 45)],
        "hello": [load(2000), load(2000), load(2000)],
        "preview_all": load(200),
        "preview_during": [load(50, 13, 2), load(50, 30, 2), load(50, 12, 2)],
        "preview_alone": [load(50, 10, 2), load(50, 10, 2), load(50, 10, 2)],
        "pdf_http_ms": [600.0, 700.0],
        "download": [load(800, cpu_s=2.0), load(300), load(1000)],
        "static": [load(1200, cpu_s=1.2), load(1200), load(1200)],
        "download_queries": 2,
        "pdf": {
            "wtw2_ms": 250.0,
            "minimal_ms": 40.0,
            "ratio": 6.25,
            "ratios": [6.1, 6.25, 7.0],
            "wtw2_in_process_ms": 240.0,
            "minimal_in_process_ms": 19.0,
            "ratio_in_process": 12.6,
            "ratios_in_process": [12.6, 12.0, 13.1],
        },  # fmt: skip
    }
    rows = {row.what.split(",")[0]: row for row in _database_rows("sqlite", first)}
    download = rows["download of a stored signed PDF"]
    assert (round(download.ratio, 2), download.ok) == (1.5, True)
    assert "800 req/s" in download.value and "(rounds ×1.50, ×4.00, ×1.20)" in _cell(download)[4]
    # 2.0 CPU seconds over 800 requests, 1.2 over 1,200: the cost of one beside the other
    assert "server CPU 2.50 ms a request" in download.value
    assert "server CPU 1.00 ms a request" in download.baseline
    assert "server CPU" not in rows["htmx plan preview"].value  # not measured: nothing said
    preview = rows["htmx plan preview"]  # 250 req/s, p95 45 ms: the median round passes
    assert (preview.ratio, preview.ok) == (0.125, True) and "p95 45 ms" in preview.value
    during = next(row for key, row in rows.items() if "while two PDFs render" in key)
    assert (during.ratio, during.ok) == (1.3, True) and during.rounds == [1.3, 3.0, 1.2]
    wtw2 = next(r for r in _database_rows("sqlite", first) if "render service" in r.what)
    assert (wtw2.ratio, wtw2.ok) == (6.25, False) and wtw2.rounds == [6.1, 6.25, 7.0]


@pytest.mark.pure
def test_cpu_seconds_adds_up_what_each_worker_of_a_master_has_used(monkeypatch):
    """bench/servers.cpu_seconds reads the CPU time of a master's children (gunicorn's workers):
    a worker that burned half a second of CPU shows it; the master's own time is not counted."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from servers import cpu_seconds

    burn = "import time\nend = time.process_time() + 0.5\nwhile time.process_time() < end: pass\n"
    worker = burn + "time.sleep(60)\n"
    master = burn + f"import subprocess, sys\nsubprocess.run([sys.executable, '-c', {worker!r}])\n"
    process = subprocess.Popen([sys.executable, "-c", master], start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while cpu_seconds(process.pid) < 0.5 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert 0.5 <= cpu_seconds(process.pid) < 0.9  # the worker's half second, not the master's
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert cpu_seconds(process.pid) == 0.0  # gone: nothing to read


@pytest.mark.pure
def test_load_runs_reuse_each_slots_connection(monkeypatch):
    """A paired figure's two runs (the preview alone, then while PDFs render) go over the same
    keep-alive connections, so the same gunicorn workers serve both: new connections each run
    landed on one worker or on two by chance, which alone moved the preview's p95 threefold."""
    import http.server
    import socketserver
    import threading

    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from client import Client, run_load

    opened: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive

        def setup(self) -> None:
            super().setup()
            opened.append(str(self.client_address))

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
            pass

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = Client(server.server_address[1], timeout=5)
        first = run_load(lambda: client.request("GET", "/"), 2, 0.2)
        second = run_load(lambda: client.request("GET", "/"), 2, 0.2)
        assert first.times and second.times and not first.errors + second.errors
        assert len(opened) == 2  # two slots, one connection each, kept for the second run
        client.close()
    finally:
        server.shutdown()
        server.server_close()


def _gunicorn_command(text: str) -> list[str]:
    """The tokens of the first gunicorn command line in a Makefile or README (continued lines
    joined)."""
    joined = text.replace("\\\n", " ")
    line = next(row for row in joined.splitlines() if "bin/gunicorn" in row)
    return shlex.split(line.split("bin/gunicorn", 1)[1])


def _options(tokens: list[str]) -> dict[str, str]:
    short = {"-k": "--worker-class", "-w": "--workers"}
    found: dict[str, str] = {}
    for index, token in enumerate(tokens):
        if token.startswith("-"):
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            found[short.get(token, token)] = "" if following.startswith("-") else following
    return found


@pytest.mark.pure
def test_the_bench_runs_gunicorn_exactly_as_make_demo_and_the_readme_do(monkeypatch):
    """Figures must be of the app as it is run: the bench's flags are make demo's, and the
    README's production command recycles workers as they do (a worker recycled every 2,000
    requests left every keep-alive connection on the other worker and halved the preview's
    throughput; README "Worker recycling")."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    from servers import GUNICORN_FLAGS

    bench = _options(GUNICORN_FLAGS)
    demo = _options(_gunicorn_command((ROOT / "Makefile").read_text()))
    readme = _options(_gunicorn_command((ROOT / "README.md").read_text()))
    for option, value in bench.items():
        assert demo.get(option) == value, option
    for option in ("--config", "--worker-class", "--timeout", "--preload", "--max-requests",
                   "--max-requests-jitter", "--logger-class"):  # fmt: skip
        assert readme.get(option) == bench[option], option
    assert int(bench["--max-requests"]) >= 50_000


@pytest.mark.pure
def test_a_worker_that_does_not_quit_is_not_left_behind_holding_the_port(monkeypatch, tmp_path):
    """A gthread worker can hang in its quit handler (CPython #121649); the bench's servers
    were stopped at the master's own 30 s limit and such workers outlived every run."""
    import os
    import signal
    import time

    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import servers

    with servers.gunicorn(
        "bench.hello_app:create_app()", dict(os.environ), tmp_path / "hello.log", stop_seconds=2
    ) as (_, master):
        deadline = time.time() + 30
        while len(servers.workers(master)) < 2 and time.time() < deadline:
            time.sleep(0.1)
        stuck = servers.workers(master)[0]
        os.kill(stuck, signal.SIGSTOP)  # as deaf to the quit signal as a deadlocked one
    deadline = time.time() + 5
    while Path(f"/proc/{stuck}").exists() and time.time() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{stuck}").exists()
