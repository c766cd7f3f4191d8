"""Issue 14's figures, measured against one running Tandem (and the hello app for baselines).

Each function returns plain numbers; bench/report.py sets them beside their baselines.
"""

from __future__ import annotations

import itertools
import re
import statistics
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from client import Client, Load, Reply, measured_cpu, run_load, timed

PAGE_COUNT = re.compile(r"Page \d+ of ([\d,]+)")


@dataclass
class ListFigure:
    ms: float
    queries: int | None
    status: int


@dataclass
class SizeFigures:
    """What one data size measured on one database."""

    cases: int
    unit_cases: int
    large_ec_cases: int
    lists: dict[str, ListFigure] = field(default_factory=dict)
    memory: dict[str, Any] = field(default_factory=dict)


def last_page(client: Client, path: str) -> int:
    page = client.request("GET", path).text
    found = PAGE_COUNT.search(page)  # the pager's "Page 1 of N"
    return int(found.group(1).replace(",", "")) if found else 1


def list_figures(
    clients: dict[str, Client], runs: int, countywide_runs: int
) -> dict[str, ListFigure]:
    """Sequential medians (one person waiting for a page) of each list of the issue's table."""
    sup, county = clients["supervisor"], clients["countywide"]
    pages = {
        "unit page 1": (sup, "/cases"),
        "unit overdue": (sup, "/cases?due=overdue"),
        "unit last page": (sup, f"/cases?page={last_page(sup, '/cases')}"),
        "county page 1": (county, "/cases"),
        "county overdue": (county, "/cases?due=overdue"),
        "large EC": (clients["large_ec"], "/cases"),
        "small EC": (clients["small_ec"], "/cases"),
    }
    found = {}
    for name, (client, path) in pages.items():
        count = countywide_runs if name.startswith("county") else runs
        client.request("GET", path)  # warm: templates compiled, connections open
        ms, queries, status = timed(lambda c=client, p=path: c.request("GET", p), count)
        found[name] = ListFigure(ms, queries, status)
    return found


def preview_form(activities: int = 20) -> dict[str, str]:
    """The plan form as the EC's browser posts it while typing: 20 activities."""
    form: dict[str, str] = {}
    for i in range(activities):
        form.update(
            {
                f"activities-{i}-source": "cfs" if i % 2 else "wtw",
                f"activities-{i}-kind": "counseling" if i % 2 else "job_search",
                f"activities-{i}-name": f"Activity {i + 1}",
                f"activities-{i}-hours": "1.5",
            }
        )
    return form


SHOWN = re.compile(r'id="plan-preview-shown" value="([^"]*)"')


def preview(
    ec: Client,
    case_id: int,
    concurrency: int,
    seconds: float,
    as_browser: bool = True,
    cpu: Callable[[], float] | None = None,
) -> Load:
    """The preview under load. As a browser posts it (``as_browser``): with the fingerprint of
    what the page shows, which the first answer gives, so each answer is the panel and only what
    changed. Without it, every answer carries all 20 rows' findings: the worst case. With
    `cpu` (the server's CPU seconds so far), the load also says what a request cost it."""
    ec.refresh_csrf(f"/cases/{case_id}/plan")
    form, path = preview_form(), f"/cases/{case_id}/plan/preview"
    first = ec.request("POST", path, form, htmx=True)  # warm; the draft is written once
    shown = SHOWN.search(first.text)
    if as_browser and shown:
        form = {**form, "preview_shown": shown.group(1)}

    def send() -> Reply:
        return ec.request("POST", path, form, htmx=True)

    return measured_cpu(lambda: run_load(send, concurrency, seconds), cpu)


def preview_while_printing(
    ec: Client, case_id: int, seconds: float, concurrency: int = 2
) -> tuple[Load, list[float]]:
    """The preview at `concurrency` while two PDF drafts render without a pause (two other ECs
    printing); returns the load and the PDF render times seen."""
    stop = threading.Event()
    pdf_times: list[float] = []

    def printing() -> None:
        while not stop.is_set():
            reply = ec.request("GET", f"/cases/{case_id}/documents/wtw2.pdf")
            if reply.status == 200:
                pdf_times.append(reply.ms)

    printers = [threading.Thread(target=printing) for _ in range(2)]
    for thread in printers:
        thread.start()
    try:
        during = preview(ec, case_id, concurrency, seconds)
    finally:
        stop.set()
        for thread in printers:
            thread.join()
    return during, pdf_times


def paired_rounds(
    rounds: int, baseline: Callable[[], Any], subject: Callable[[], Any]
) -> tuple[list[Any], list[Any]]:
    """A figure and its baseline measured in alternating rounds (A B, B A, A B, ...): a slow
    minute of the shared machine falls on both sides instead of deciding the verdict; the report
    takes the round with the median ratio and lists every round's."""
    baselines, subjects = [], []
    for index in range(rounds):
        if index % 2 == 0:
            baselines.append(baseline())
            subjects.append(subject())
        else:
            subjects.append(subject())
            baselines.append(baseline())
    return subjects, baselines


def download(
    client: Client,
    path: str,
    concurrency: int,
    seconds: float,
    cpu: Callable[[], float] | None = None,
) -> Load:
    client.request("GET", path)  # warm

    def send() -> Reply:
        return client.request("GET", path)

    return measured_cpu(lambda: run_load(send, concurrency, seconds), cpu)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def twin(client: Client, port: int) -> Client:
    """The same signed-in browser talking to another app server (the session is in the shared
    database, so the cookie and the CSRF token hold there too)."""
    other = Client(port, client.timeout)
    other.cookies, other.csrf = dict(client.cookies), client.csrf
    return other


def scale_out(
    one: Client, two: list[Client], case_id: int, seconds: float, concurrency: int = 8
) -> dict[str, tuple[Load, Load]]:
    """Throughput of the EC's caseload page and of the plan preview at `concurrency`: against
    one app server, then round-robin across two on two ports sharing one database."""
    form, preview_path = preview_form(), f"/cases/{case_id}/plan/preview"
    actions = {
        "caseload": lambda c: c.request("GET", "/cases"),
        "preview": lambda c: c.request("POST", preview_path, form, htmx=True),
    }
    found = {}
    for name, act in actions.items():
        for client in two:
            act(client)  # warm: templates compiled, connections open
        turn = itertools.count()
        single = run_load(lambda a=act: a(one), concurrency, seconds)
        double = run_load(lambda a=act, t=turn: a(two[next(t) % len(two)]), concurrency, seconds)
        found[name] = (single, double)
    return found
