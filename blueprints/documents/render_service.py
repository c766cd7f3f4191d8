"""One render service per machine for every web worker (and every app server) on it (issue 14).

Before, each gunicorn worker started its own multiprocessing forkserver with WeasyPrint loaded
(about 100 MB each, kept for the worker's life), and nothing bounded how many documents were
drawn at once: two ECs printing took both cores from the live plan preview.

Now the first worker that needs a PDF starts one small server (BOOTSTRAP below: this folder's
renderer only, not the web app) on a Unix socket in a private folder; every worker of every app
server on the machine talks to it. The server:

- runs at a lower priority (``os.nice``, its session's autogroup too), so a render gets the CPU
  only when the web workers leave it idle: the preview is served first; and on as many cores as
  it has slots (the last ones), so the others always stay free of renders;
- has WeasyPrint loaded and warmed once (fonts, Pango), and forks a fresh child for each
  document, so one document never sees another's memory and the child's memory is returned
  when it ends;
- runs at most SLOTS children at a time (default: half the cores, at least one; setting
  ``TANDEM_PDF_RENDERS``); other requests wait in the socket's queue, each for at most
  ``PDF_QUEUE_LIMIT`` seconds, then get "busy, try again" instead of holding a worker;
- stops by itself after ``IDLE_SECONDS`` without work; a crashed server is started again by the
  next request (the socket is re-bound under a lock file, so only one server runs).

Each child is stopped by an interval timer a little after the document's time limit, and the
worker stops waiting at the time limit: a render that hangs or crashes ends in a clear error
page, never in a hung worker. Same uid only: the folder is 0700 and the socket 0600.

Wire format (both ways length-prefixed, no pickle): the server sends b"S" when a child takes
the request; the client sends a JSON header and the attachments' bytes; the child answers
b"O" + PDF or b"E" + message.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import gc
import hashlib
import json
import os
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# The scheduler gives a nice-0 web worker about 9 times the CPU share of a nice-10 render (70
# times at 19), once the service's autogroup is niced too (_lower_priority). Not SCHED_IDLE: on a
# machine kept busy by something else a render would never finish, and it bought nothing clear
# (issue 14, 2 cores, the preview's two connections on two workers: p95 while two PDFs render
# x1.27-1.59 of alone under SCHED_IDLE, x1.29-1.82 at nice 10, x1.41-1.74 at 19).
NICE = int(os.environ.get("TANDEM_PDF_NICE", "10"))
IDLE_SECONDS = 600.0
START_SECONDS = 20.0  # starting the service (WeasyPrint, fonts) on a loaded 2-core machine
_LENGTH = struct.Struct("!Q")


def default_slots() -> int:
    """Half the cores, at least one: the other half stays with the web workers."""
    configured = os.environ.get("TANDEM_PDF_RENDERS", "")
    if configured.strip():
        return max(1, int(configured))
    return max(1, (os.cpu_count() or 2) // 2)


def socket_path() -> Path:
    """One socket per uid and per copy of this code (a changed renderer gets a new server)."""
    if configured := os.environ.get("TANDEM_RENDER_SOCKET", "").strip():
        return Path(configured)
    version = hashlib.sha256()
    for name in ("render_service.py", "pdf.py", "print_ua.css"):
        version.update((Path(__file__).parent / name).read_bytes())
    version.update(sys.executable.encode())
    folder = Path(tempfile.gettempdir()) / f"tandem-render-{os.getuid()}"
    return folder / f"{version.hexdigest()[:16]}.sock"


def _private_folder(folder: Path) -> None:
    """Create the socket's folder, or accept it only if it is this user's and no one else's:
    in a shared /tmp another account could otherwise put its own socket there and be sent the
    documents."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    found = os.lstat(folder)
    if (
        not stat.S_ISDIR(found.st_mode)
        or found.st_uid != os.getuid()
        or stat.S_IMODE(found.st_mode) & 0o077
    ):
        raise Failed(f"the render service's folder {folder} is not private to this account")


# -- framing ---------------------------------------------------------------------------------


def _send(sock: socket.socket, data: bytes) -> None:
    sock.sendall(_LENGTH.pack(len(data)) + data)


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError("render service closed the connection")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _recv(sock: socket.socket) -> bytes:
    (size,) = _LENGTH.unpack(_recv_exact(sock, _LENGTH.size))
    return _recv_exact(sock, size)


class Busy(Exception):
    """No render slot came free in time (or the service could not be started)."""


class TimedOut(Exception):
    pass


class Failed(Exception):
    """The child reported an error, or died (EOFError) before answering."""


# -- the client (a web worker) ---------------------------------------------------------------


# The server loads only this folder's renderer, not the web app: the folder is mounted as a
# package of its own, so blueprints/documents/__init__.py (the routes) is never imported.
BOOTSTRAP = (
    "import sys, types; package = types.ModuleType('tandem_render'); "
    "package.__path__ = [sys.argv[1]]; sys.modules['tandem_render'] = package; "
    "from tandem_render.pdf import serve_documents; "
    "serve_documents(sys.argv[2], int(sys.argv[3]))"
)


# Servers this process started: kept so that one still running is not reported as a leak when
# its Popen is collected, and polled (reaped) once it has stopped.
_STARTED: list[subprocess.Popen[bytes]] = []


@atexit.register
def _leave_started_running() -> None:
    """At exit the servers this process started keep running, as they are meant to (they serve
    the other workers): collecting their Popen objects then is not a leak, and Python's
    "subprocess N is still running" warning would only alarm whoever reads the output."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        _STARTED.clear()


def _start_server(path: Path, slots: int) -> subprocess.Popen[bytes]:
    """Start the service detached (its own session: it outlives a recycled worker). Output goes
    to a log beside the socket, never to the caller's pipes, which it would hold open."""
    _private_folder(path.parent)
    with open(path.with_suffix(".log"), "ab") as log:
        server = subprocess.Popen(  # nosec B603: this interpreter and this folder's code
            [sys.executable, "-c", BOOTSTRAP, str(Path(__file__).parent), str(path), str(slots)],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
    _STARTED[:] = [p for p in _STARTED if p.poll() is None] + [server]
    return server


def _server_running(path: Path) -> bool:
    """A server holds the lock file from its start (before it binds) to its end."""
    _private_folder(path.parent)
    with open(path.with_suffix(".lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
        return False


def _connect(path: Path, slots: int, wait: float) -> socket.socket:
    deadline = time.monotonic() + max(wait, START_SECONDS)
    started: subprocess.Popen[bytes] | None = None
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(str(path))
            return sock
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
            # None running (or a stale socket): start one and wait for it; start another only
            # if that one has ended (it lost the race to a server another worker started).
            if (started is None or started.poll() is not None) and not _server_running(path):
                started = _start_server(path, slots)
        except BlockingIOError:  # the queue is full
            sock.close()
            raise Busy() from None
        if time.monotonic() > deadline:
            raise Busy()
        time.sleep(0.05)


def render(
    header: dict[str, Any],
    blobs: list[bytes],
    *,
    time_limit: float,
    queue_limit: float,
    slots: int | None = None,
    path: Path | None = None,
) -> bytes:
    """Send one document to the service; its PDF bytes, or Busy, TimedOut or Failed."""
    path = path or socket_path()
    sock = _connect(path, slots or default_slots(), queue_limit)
    try:
        sock.settimeout(queue_limit)
        try:
            if sock.recv(1) != b"S":  # a child has taken the request
                raise Failed("")
        except TimeoutError:
            raise Busy() from None
        sock.settimeout(time_limit)
        try:
            _send(sock, json.dumps({**header, "time_limit": time_limit}).encode())
            for blob in blobs:
                _send(sock, blob)
            reply = _recv(sock)
        except TimeoutError:
            raise TimedOut() from None
        except (EOFError, OSError):  # the child died (or was killed) before answering
            raise Failed("") from None
    finally:
        sock.close()
    if reply[:1] == b"O":
        return reply[1:]
    raise Failed(reply[1:].decode("utf-8", "replace"))


# -- the server ------------------------------------------------------------------------------


def _child(conn: socket.socket, write: Callable[..., bytes]) -> None:
    """One document in a forked child: stopped by SIGALRM a second after its time limit even if
    the client has gone, so a child never outlives its request by much."""
    # One document and then exit: the collector's passes over WeasyPrint's many small objects
    # cost a WTW 2 up to a quarter of its time (issue 14), and whatever cycles it leaves go
    # with the process. Reference counting still frees the rest as it goes.
    gc.disable()
    conn.settimeout(60)  # the client sends its request at once; a silent one is dropped
    conn.sendall(b"S")
    header = json.loads(_recv(conn))
    signal.setitimer(signal.ITIMER_REAL, float(header["time_limit"]) + 1.0)
    attachments = [{**meta, "data": _recv(conn)} for meta in header["attachments"]]
    try:
        pdf = write(header, attachments)
        reply = b"O" + pdf
    except Exception as exc:  # reported to the client, which turns it into a RenderError
        reply = b"E" + f"{type(exc).__name__}: {exc}".encode()
    _send(conn, reply)


def _reap(children: set[int], block: bool) -> None:
    while children:
        try:
            pid, _status = os.waitpid(-1, 0 if block else os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)
        block = False


def _lower_priority() -> None:
    """Nice the service, and its session's autogroup as well. The service runs in its own
    session, and where the kernel groups each session (CONFIG_SCHED_AUTOGROUP: on in Debian's
    and Ubuntu's kernels among others) nice only ranks tasks within a group while the groups
    share the CPU equally: a nice-10 render got as much CPU as every web worker together (issue
    14: the preview's p95 while two PDFs render x2.6-2.9 of alone, x1.3-1.8 with the group
    niced). Where a cgroup with the CPU controller holds both instead (systemd's CPUWeight=, a
    container's CPU limit), autogroups do not apply, the service and the workers compete in
    that cgroup and the plain nice is what counts."""
    os.nice(NICE)
    with contextlib.suppress(OSError):  # no autogroups (cgroups instead), or changed too soon
        Path("/proc/self/autogroup").write_text(str(NICE))


def _own_cores(slots: int) -> None:
    """Keep the service and its children on `slots` of the cores it may use (the last ones), when
    there are more: the web workers keep every core, and the others always stay free of
    renders. The nice alone left the preview's p95 while two PDFs render at
    x1.29-1.67 of alone (two cores, ten rounds); on a core of its own, x0.93-1.32."""
    with contextlib.suppress(OSError, AttributeError):  # no affinity on this platform
        cores = sorted(os.sched_getaffinity(0))
        if slots < len(cores):
            os.sched_setaffinity(0, set(cores[-slots:]))


def serve(path: Path, slots: int, warm: Callable[[], None], write: Callable[..., bytes]) -> None:
    _lower_priority()
    _own_cores(slots)
    _private_folder(path.parent)
    lock = open(path.with_suffix(".lock"), "a")  # noqa: SIM115 (held for the server's life)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return  # another server holds the socket
    warm()  # fonts and Pango loaded once; every child starts warm
    gc.collect()
    gc.freeze()  # what warm() loaded is shared with every child and never scanned again
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a stale socket left by a server that died
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    os.chmod(path, 0o600)
    listener.listen(64)
    listener.settimeout(1.0)
    children: set[int] = set()
    idle_since = time.monotonic()
    while True:
        _reap(children, block=len(children) >= slots)  # at most `slots` documents at a time
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            if children:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since > IDLE_SECONDS:
                break
            continue
        pid = os.fork()
        if pid == 0:
            listener.close()
            try:
                _child(conn, write)
            finally:
                os._exit(0)
        conn.close()
        children.add(pid)
        idle_since = time.monotonic()
    listener.close()
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
