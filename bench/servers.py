"""The processes a bench run needs: a throwaway PostgreSQL (scripts/test.sh's recipe), gunicorn
started with `make demo`'s flags, and their workers' memory read from /proc."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv" / "bin"

# Exactly the Makefile's `demo` command line (2 workers, gthread, 4 threads): figures must be
# of the app as it is run, not of a tuned copy. The access log goes to a file, not the console.
GUNICORN_FLAGS = [
    "--workers", "2", "--threads", "4", "--worker-class", "gthread", "--timeout", "30", "--preload",
    "--max-requests", "2000", "--max-requests-jitter", "200",
    "--logger-class", "blueprints.gunicorn_logging.RedactingLogger",
    "--access-logformat", '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:  # type: ignore[type-arg]
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


@contextmanager
def gunicorn(app: str, env: dict[str, str], log: Path) -> Iterator[tuple[int, int]]:
    """(port, master pid) of a gunicorn serving `app`; stopped (SIGTERM to its pid) after."""
    port = free_port()
    command = [str(VENV / "gunicorn"), "--bind", f"127.0.0.1:{port}", *GUNICORN_FLAGS]
    command += ["--access-logfile", str(log), "--error-logfile", str(log), app]
    with open(log, "ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        _wait_for_port(port, process)
        yield port, process.pid
    finally:
        # SIGINT is gunicorn's quick shutdown: SIGTERM would wait up to 30 s for keep-alive
        # connections the load generator still holds.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def postgresql() -> Iterator[str]:
    """A throwaway cluster on a free port, fsync off, deleted afterwards (scripts/test.sh)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: [int(x) for x in p.split("/")[-2].split(".")],
    )
    pg_bin = Path(found[-1]) if found else Path(shutil.which("initdb") or "initdb").parent
    folder = Path(tempfile.mkdtemp(prefix="tandem-bench-pg."))
    as_pg: list[str] = []
    if os.getuid() == 0:
        shutil.chown(folder, "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    data = f"{folder}/data"
    subprocess.run(
        [*as_pg, str(pg_bin / "initdb"), "-D", data, "-A", "trust", "-U", "tandem"],
        check=True,
        **quiet,
    )  # type: ignore[call-overload]
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = ["-D", data, "-l", f"{folder}/log", "-w", "-o", options, "start"]
    subprocess.run([*as_pg, str(pg_bin / "pg_ctl"), *start], check=True, **quiet)  # type: ignore[call-overload]
    try:
        yield f"postgresql+psycopg://tandem@127.0.0.1:{port}/postgres"
    finally:
        stop = ["-D", data, "-m", "fast", "stop"]
        subprocess.run([*as_pg, str(pg_bin / "pg_ctl"), *stop], **quiet)  # type: ignore[call-overload]
        shutil.rmtree(folder, ignore_errors=True)


def version_of_postgresql() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    binary = found[-1] if found else (shutil.which("postgres") or "")
    if not binary:
        return "not installed"
    return subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        found: list[int] = []
        for task in tasks:
            found += [int(c) for c in (task / "children").read_text().split()]
        return found
    except OSError:
        return []


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def memory(master: int) -> tuple[list[float], list[float]]:
    """RSS (MB) of each worker of a gunicorn master, and of every process below the workers
    (the render service a worker started for PDFs, and its children at that moment)."""
    workers = _children(master)
    below: list[int] = []
    stack = [c for w in workers for c in _children(w)]
    while stack:
        pid = stack.pop()
        below.append(pid)
        stack += _children(pid)
    return [_rss_mb(p) for p in workers], [_rss_mb(p) for p in below]


def _render_service(socket: str) -> list[int]:
    """The PDF render service on `socket` and its children, found by their command line: a
    worker recycled by --max-requests leaves the service to init (it is shared, not the
    worker's)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"tandem_render" in command and socket.encode() in command:
            found.append(int(entry.name))
    return found


def render_service_mb(socket: str) -> float:
    return sum(_rss_mb(pid) for pid in _render_service(socket))


def stop_render_service(socket: str) -> None:
    """The bench started it (through its servers): stop it rather than leave it to idle out."""
    for pid in _render_service(socket):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
