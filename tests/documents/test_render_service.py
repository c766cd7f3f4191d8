"""The machine's render service (issue 14): at most TANDEM_PDF_RENDERS documents drawn at once,
each in a child at a lower priority than the web workers; a child that dies or a service that
never answers ends in a clear error, within the limits, never a hang."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from blueprints.documents import render_service
from blueprints.documents.pdf import RenderBusy, RenderError, RenderTimeout, render_pdf

pytestmark = pytest.mark.pure
STATIC = Path(__file__).resolve().parents[2] / "static"
ROWS = "".join(f"<tr><td>{n}</td><td>{'word ' * 30}</td></tr>" for n in range(300))
LONG = f"<html><body><table>{ROWS}</table></body></html>"


def _drawing(pid: int) -> dict[int, int]:
    """The service's children that are drawing now, with the niceness of each, read in one go
    from /proc so a child that ends between the listing and the reading is simply not counted
    (the ended ones it has yet to reap are left out too)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    alive: dict[int, int] = {}
    for child in found:
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            alive[child] = int(fields[16])  # field 19 of stat: the niceness
    return alive


def _children(pid: int) -> list[int]:
    return list(_drawing(pid))


@pytest.fixture
def service(tmp_path, monkeypatch):
    """A service of its own (one slot) on a socket in this test's folder; stopped after."""
    monkeypatch.setenv("TANDEM_RENDER_SOCKET", str(tmp_path / "render" / "r.sock"))
    monkeypatch.setenv("TANDEM_PDF_RENDERS", "1")
    render_pdf("<p>start</p>", static_root=STATIC, document_id="T-START")
    server = render_service._STARTED[-1]
    yield server.pid
    server.terminate()
    server.wait(timeout=10)


def test_two_documents_at_once_are_drawn_one_after_the_other_at_lower_priority(service):
    seen: list[tuple[int, int]] = []  # (children at that moment, niceness of each)
    results: list[object] = []

    def draw(n: int) -> None:
        try:
            results.append(render_pdf(LONG, static_root=STATIC, document_id=f"T-{n}"))
        except RenderError as exc:
            results.append(exc)

    threads = [threading.Thread(target=draw, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    try:
        while any(t.is_alive() for t in threads):
            drawing = _drawing(service)
            seen += [(len(drawing), nice) for nice in drawing.values()]
            time.sleep(0.01)
    finally:  # never leave a drawing thread behind to fail in the next test
        for thread in threads:
            thread.join(timeout=60)
    assert [r[:5] for r in results] == [b"%PDF-"] * 2  # type: ignore[index]
    assert seen, "no render child was ever seen"
    assert max(count for count, _ in seen) == 1  # one slot: never two documents at once
    assert min(nice for _, nice in seen) >= render_service.NICE
    assert os.getpriority(os.PRIO_PROCESS, 0) < render_service.NICE  # the web side is not niced


def _in_an_autogroup() -> bool:
    """The file exists on every kernel built with autogroups, but reads empty when the process's
    CPU share is set by a cgroup instead (a container with the CPU controller, as on CI)."""
    try:
        return bool(Path("/proc/self/autogroup").read_text().strip())
    except OSError:
        return False


@pytest.mark.skipif(
    not _in_an_autogroup() or os.geteuid() != 0,
    reason="no autogroup (none in the kernel, or a CPU cgroup instead); unprivileged, the kernel "
    "allows one change a second",
)
def test_the_services_session_is_niced_as_a_group_not_only_its_processes(service):
    """In its own session the service is its own autogroup: unless the group is niced, the
    kernel shares the CPU equally between it and the web workers' group, whatever each
    process's nice."""

    def group(pid: int | str) -> tuple[str, int]:
        name, _, nice = Path(f"/proc/{pid}/autogroup").read_text().split()
        return name, int(nice)

    assert group(service)[0] != group("self")[0]
    assert group(service)[1] == render_service.NICE
    assert group("self")[1] < render_service.NICE  # the web side's group is left as it was


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: nothing to keep apart")
def test_the_service_draws_on_as_many_cores_as_it_has_slots_and_leaves_the_rest(service):
    cores = sorted(os.sched_getaffinity(0))
    assert os.sched_getaffinity(service) == {cores[-1]}  # the fixture's service has one slot
    assert os.sched_getaffinity(0) == set(cores)  # the web side keeps every core


def test_a_child_that_dies_mid_render_gives_a_clear_error_and_the_next_document_renders(service):
    outcome: list[object] = []

    def draw() -> None:
        try:
            outcome.append(render_pdf(LONG * 4, static_root=STATIC, document_id="T-KILLED"))
        except RenderError as exc:
            outcome.append(exc)

    before = set(_children(service))  # the first document's child may still be exiting
    thread = threading.Thread(target=draw)
    thread.start()
    deadline = time.time() + 30
    while not (drawing := set(_children(service)) - before) and time.time() < deadline:
        time.sleep(0.01)
    os.kill(drawing.pop(), signal.SIGKILL)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert isinstance(outcome[0], RenderError)
    assert "could not be built. Try again in a moment." in str(outcome[0])
    pdf = render_pdf("<p>after</p>", static_root=STATIC, document_id="T-AFTER")
    assert pdf.startswith(b"%PDF-")


@pytest.fixture
def fake_service(tmp_path, monkeypatch):
    """A socket that accepts and then does what the test says (nothing, or 'S' and nothing)."""
    path = tmp_path / "fake.sock"
    monkeypatch.setenv("TANDEM_RENDER_SOCKET", str(path))
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(8)
    held: list[socket.socket] = []
    behaviour = {"greet": False, "close": False}

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            if behaviour["greet"]:
                conn.sendall(b"S")
            if behaviour["close"]:
                conn.recv(1 << 16)
                conn.close()
            else:
                held.append(conn)

    threading.Thread(target=accept, daemon=True).start()
    yield behaviour
    listener.close()
    for conn in held:
        conn.close()


def test_a_service_with_every_slot_busy_answers_busy_within_the_queue_limit(fake_service):
    start = time.monotonic()
    with pytest.raises(RenderBusy, match="could not start within 0.5 seconds"):
        render_pdf("<p>x</p>", static_root=STATIC, document_id="T-B", queue_limit=0.5)
    assert time.monotonic() - start < 5


def test_a_child_that_never_answers_stops_at_the_time_limit(fake_service):
    fake_service["greet"] = True
    with pytest.raises(RenderTimeout, match="took longer than 0.5 seconds"):
        render_pdf("<p>x</p>", static_root=STATIC, document_id="T-T", time_limit=0.5)


def test_a_child_that_closes_without_a_document_is_a_clear_error(fake_service):
    fake_service.update(greet=True, close=True)
    with pytest.raises(RenderError, match="could not be built. Try again in a moment."):
        render_pdf("<p>x</p>", static_root=STATIC, document_id="T-C")


def test_a_socket_folder_others_can_enter_is_refused(tmp_path, monkeypatch):
    folder = tmp_path / "open"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    monkeypatch.setenv("TANDEM_RENDER_SOCKET", str(folder / "r.sock"))
    with pytest.raises(RenderError, match="is not private to this account"):
        render_pdf("<p>x</p>", static_root=STATIC, document_id="T-P")
    assert not (folder / "r.sock").exists()


@pytest.mark.pure
def test_a_process_that_started_the_service_exits_without_a_warning_about_it(tmp_path):
    """The service outlives the worker that started it on purpose: no "subprocess N is still
    running" at that worker's exit. Under the test passes' warning filters it ended every pass's
    output; only ResourceWarning is made an error here, so another library's warning cannot fail
    this test."""
    code = (
        "import subprocess, sys\n"
        "from blueprints.documents import render_service\n"
        "render_service._STARTED.append(subprocess.Popen(\n"
        "    [sys.executable, '-c', 'import time; time.sleep(30)'], start_new_session=True,\n"
        "    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))\n"
        "print(render_service._STARTED[-1].pid, flush=True)\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "error::ResourceWarning", "-c", code],
        cwd=render_service.ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    pid = int(done.stdout.split()[0])
    try:
        assert done.returncode == 0, done.stderr
        os.kill(pid, 0)  # still running: the exit left it alone
        assert "still running" not in done.stderr and "Exception ignored" not in done.stderr
    finally:
        os.kill(pid, signal.SIGKILL)
