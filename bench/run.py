"""`make bench`: issue 14's figures at 1k, 10k and 100k cases on SQLite and PostgreSQL.

    .venv/bin/python bench/run.py [--sizes 1000 10000 100000] [--databases sqlite postgresql]
                                  [--seconds 15] [--rounds 3] [--out bench/RESULTS.md]
    .venv/bin/python bench/run.py --smoke      # one quick pass on a tiny county (tests use it)

For each database and size: a fresh database filled by `flask seed-bench`, gunicorn started with
`make demo`'s flags (TANDEM_DEMO=1 as there, which also waives the supervisors' second factor;
TANDEM_BENCH_COUNT_SQL=1 for the query counts), users signed in through the sign-in form, then
the load from this process. See bench/README.md.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import secrets
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import figures  # noqa: E402
import report  # noqa: E402
import servers  # noqa: E402
from client import Client, Load  # noqa: E402

DEMO_PASSWORD = "tandem-demo-2026"  # app.py's DEMO_PASSWORD, what seed-bench gives everyone


def _env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TANDEM_DATABASE_URL=url,
        TANDEM_DEMO="1",
        TANDEM_SECRET_KEY=secrets.token_hex(32),
        TANDEM_BENCH_COUNT_SQL="1",
        TANDEM_PDF_DRAFT_CACHE="",  # every PDF figure draws; the cache is tested, not timed
    )
    return env


def _seed(url: str, cases: int, log: Path) -> dict[str, Any]:
    command = [str(servers.VENV / "flask"), "--app", "app", "seed-bench", "--cases", str(cases)]
    done = subprocess.run(
        [*command, "--json"], cwd=servers.ROOT, env=_env(url), capture_output=True, text=True
    )
    log.write_text(done.stdout + done.stderr)
    if done.returncode != 0:
        raise RuntimeError(f"seed-bench failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fresh_database(kind: str, size: int, folder: Path, pg_url: str | None) -> str:
    if kind == "sqlite":
        return f"sqlite:///{folder / f'bench-{size}.db'}"
    assert pg_url is not None
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS bench_{size}"))
        conn.execute(text(f"CREATE DATABASE bench_{size}"))
    engine.dispose()
    return pg_url.rsplit("/", 1)[0] + f"/bench_{size}"


def _sign_in(port: int, email: str) -> Client:
    client = Client(port)
    client.sign_in(email, DEMO_PASSWORD)
    return client


def _one_size(
    kind: str, size: int, opts: argparse.Namespace, folder: Path, pg_url: str | None, first: bool
) -> dict[str, Any]:
    url = _fresh_database(kind, size, folder, pg_url)
    print(f"[{kind} {size}] seeding ...", flush=True)
    facts = _seed(url, size, folder / f"seed-{kind}-{size}.log")
    print(f"[{kind} {size}] seeded in {facts['seconds']} s; measuring", flush=True)
    result: dict[str, Any] = {"facts": facts}
    env = _env(url)  # one secret key: a second server (scale-out figure) shares the sessions
    with servers.gunicorn("app:create_app()", env, folder / f"gunicorn-{kind}.log") as (
        port,
        master,
    ):
        clients = {
            name: _sign_in(port, facts[key])
            for name, key in (
                ("supervisor", "supervisor"),
                ("countywide", "countywide"),
                ("ec", "ec"),
                ("large_ec", "large_ec"),
                ("small_ec", "small_ec"),
            )
        }
        result["memory_start"] = servers.memory(master)
        runs = 1 if opts.smoke else (10 if size <= 2000 else 5 if size <= 20000 else 3)
        county_runs = 1 if opts.smoke else (5 if size <= 20000 else 2)
        result["lists"] = figures.list_figures(clients, runs, county_runs)
        if first:  # figures that do not depend on the county's size: once per database
            result.update(_per_database(opts, folder, facts, clients["ec"], (port, master), url))
            log = folder / f"gunicorn-{kind}-second.log"
            with servers.gunicorn("app:create_app()", env, log) as (second, _):
                ec = clients["ec"]
                twins = [figures.twin(ec, port), figures.twin(ec, second)]
                result["scale_out"] = figures.scale_out(
                    ec, twins, facts["preview_case_id"], opts.seconds
                )
        result["memory_end"] = servers.memory(master)
        result["render_service_mb"] = servers.render_service_mb(env["TANDEM_RENDER_SOCKET"])
    return result


def _spread(client: Client, port: int, master: int, path: str) -> list[int]:
    """The client's eight load slots spread evenly over the server's workers (Client.spread)."""
    return client.spread(
        8,
        servers.workers(master),
        lambda client_port: servers.connection_owners(master, port).get(client_port),
        path,
    )


def _per_database(
    opts: argparse.Namespace,
    folder: Path,
    facts: dict[str, Any],
    ec: Client,
    server: tuple[int, int],
    url: str,
) -> dict[str, Any]:
    """The size-independent figures, each beside its baseline in `opts.rounds` alternating
    rounds (figures.paired_rounds), with the hello app running the whole time."""
    case_id, seconds = facts["preview_case_id"], opts.seconds
    rounds = 1 if opts.smoke else opts.rounds
    signed = f"/cases/{case_id}/documents/signed/{facts['signed_document_id']}.pdf"
    pdf = ec.request("GET", signed)
    static = folder / "signed.pdf"
    static.write_bytes(pdf.body)
    found: dict[str, Any] = {"download_queries": pdf.queries, "pdf_http_ms": []}
    env = dict(os.environ, BENCH_STATIC_FILE=str(static))
    with servers.gunicorn("bench.hello_app:create_app()", env, folder / "hello.log") as (hp, hm):
        hello = Client(hp)
        found["spread"] = {
            "app": _spread(ec, *server, "/health"),
            "hello": _spread(hello, hp, hm, "/"),
        }
        # What each request costs each server in CPU, beside requests a second (report.py).
        app_cpu = functools.partial(servers.cpu_seconds, server[1])
        hello_cpu = functools.partial(servers.cpu_seconds, hm)
        found["preview"], found["hello"] = figures.paired_rounds(
            rounds,
            lambda: figures.download(hello, "/", 8, seconds, hello_cpu),
            lambda: figures.preview(ec, case_id, 8, seconds, cpu=app_cpu),
        )
        found["download"], found["static"] = figures.paired_rounds(
            rounds,
            lambda: figures.download(hello, "/file.pdf", 8, seconds, hello_cpu),
            lambda: figures.download(ec, signed, 8, seconds, app_cpu),
        )

    def while_printing() -> Load:
        during, pdf_times = figures.preview_while_printing(ec, case_id, seconds)
        found["pdf_http_ms"] += pdf_times
        return during

    found["preview_during"], found["preview_alone"] = figures.paired_rounds(
        rounds, lambda: figures.preview(ec, case_id, 2, seconds), while_printing
    )
    found["preview_all"] = figures.preview(ec, case_id, 8, seconds, as_browser=False)
    probe = subprocess.run(
        [str(servers.VENV / "python"), "bench/pdf_probe.py", str(case_id)]
        + [str(facts["preview_version_id"]), "1" if opts.smoke else "7"],
        cwd=servers.ROOT,
        env=_env(url),
        capture_output=True,
        text=True,
        check=True,
    )
    found["pdf"] = json.loads(probe.stdout.strip().splitlines()[-1])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000, 100000])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--seconds", type=float, default=15.0, help="each load run")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="alternating rounds of each figure beside its baseline",
    )
    parser.add_argument("--out", type=Path, default=servers.ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--smoke", action="store_true", help="tiny county, SQLite, no file")
    opts = parser.parse_args(argv)
    if opts.smoke:
        opts.sizes, opts.databases, opts.seconds, opts.out = [60], ["sqlite"], 0.5, None
    sizes = sorted(set(opts.sizes))
    results: dict[str, dict[int, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="tandem-bench.") as tmp, ExitStack() as stack:
        folder = Path(tmp)
        # The bench's own PDF render service (shared by its servers and the PDF probe, in the
        # private temporary folder), so its memory can be told from any other on the machine.
        os.environ["TANDEM_RENDER_SOCKET"] = str(folder / "render.sock")
        stack.callback(servers.stop_render_service, os.environ["TANDEM_RENDER_SOCKET"])
        for kind in opts.databases:
            pg_url = stack.enter_context(servers.postgresql()) if kind == "postgresql" else None
            results[kind] = {}
            for index, size in enumerate(sizes):
                results[kind][size] = _one_size(kind, size, opts, folder, pg_url, index == 0)
    rows = report.rows(results, sizes)
    text = report.render(rows, results, sizes, smoke=opts.smoke)
    print(text)
    if opts.out:
        opts.out.write_text(text)
        print(f"written to {opts.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
