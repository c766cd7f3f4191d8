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
    "--config", "gunicorn.conf.py",
    "--workers", "2", "--threads", "4", "--worker-class", "gthread", "--timeout", "30", "--preload",
    "--max-requests", "50000", "--max-requests-jitter", "5000",
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
def gunicorn(
    app: str, env: dict[str, str], log: Path, stop_seconds: float = 30
) -> Iterator[tuple[int, int]]:
    """(port, master pid) of a gunicorn serving `app`; stopped (SIGINT to its pid) after, and
    any of its workers still there once it is gone are killed."""
    port = free_port()
    command = [str(VENV / "gunicorn"), "--bind", f"127.0.0.1:{port}", *GUNICORN_FLAGS]
    command += ["--access-logfile", str(log), "--error-logfile", str(log), app]
    with open(log, "ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        _wait_for_port(port, process)
        yield port, process.pid
    finally:
        last = workers(process.pid)
        # SIGINT is gunicorn's quick shutdown: SIGTERM would wait up to 30 s for keep-alive
        # connections the load generator still holds.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=stop_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        _kill_left_behind(last)


def _kill_left_behind(pids: list[int]) -> None:
    """A gthread worker told to quit while it hands a request to its threads can deadlock in
    its signal handler (CPython #121649: ThreadPoolExecutor.shutdown from a signal handler): the
    master then waits its graceful timeout, 30 s, and stopping it at the same time left the
    worker behind, asleep and holding the port. The pids are checked to still be gunicorn's."""
    for pid in pids:
        try:
            if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)
        except OSError:  # gone already, as it should be
            continue


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


def _connection_inodes(server_port: int) -> dict[int, int]:
    """{client port: socket inode} of the server side of each TCP connection to `server_port`
    on 127.0.0.1, read from /proc/net/tcp (hex "address:port" columns)."""
    found: dict[int, int] = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], int(fields[9])
        if int(local.rsplit(":", 1)[1], 16) == server_port and inode:
            found[int(remote.rsplit(":", 1)[1], 16)] = inode
    return found


def workers(master: int) -> list[int]:
    """The worker pids of gunicorn `master`, in a stable order."""
    return sorted(_children(master))


def connection_owners(master: int, server_port: int) -> dict[int, int]:
    """{client port: worker pid} for the connections the workers of gunicorn `master` have
    accepted on `server_port`."""
    by_inode = {inode: port for port, inode in _connection_inodes(server_port).items()}
    owners: dict[int, int] = {}
    for worker in _children(master):
        try:
            fds = list(Path(f"/proc/{worker}/fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                port = by_inode.get(int(target[8:-1]))
                if port is not None:
                    owners[port] = worker
    return owners


def cpu_seconds(master: int) -> float:
    """CPU time (user + system, every thread) the workers of gunicorn `master` have used so far,
    from /proc/PID/stat. Read before and after a load run: the difference over the requests
    served is what one request costs the server, a figure the other tenants of a shared
    machine shift far less than they shift requests a second."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in _children(master):
        try:
            # The fields after the command name: utime and stime are the 12th and 13th.
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


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
