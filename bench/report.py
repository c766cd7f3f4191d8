"""bench/RESULTS.md: the machine, then each figure beside its baseline, the ratio, issue 14's
target and whether it is met."""

from __future__ import annotations

import datetime
import os
import platform
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from client import Load
from servers import ROOT, version_of_postgresql

NOISE = (
    "This machine has 2 cores shared with other sessions working at the same time, and the load "
    "generator (Python threads) runs on the same cores as gunicorn: figures are noisy, compare "
    "ratios within one run rather than absolute numbers across runs. The preview, PDF and "
    "download figures are measured in alternating rounds beside their baselines (A B, B A, "
    "A B): a row shows the round with the median ratio and lists every round's ratio. Before "
    "them, the load generator's keep-alive connections are spread evenly over the two workers "
    "(slot i on worker i mod 2), for Tandem and for the hello app alike: which worker accepted "
    "each was a coin toss that could double the preview's p95. The preview and download rows "
    "and their baselines also give the server's CPU time per request (its workers' user and "
    "system time over the run, divided by the requests served), which the machine's other "
    "tenants shift far less than requests a second."
)


@dataclass
class Row:
    database: str
    what: str
    value: str
    baseline: str
    ratio: float | None
    target: str
    ok: bool | None
    rounds: list[float] | None = None  # every round's ratio, when measured in rounds


def _ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def _q(queries: int | None) -> str:
    return f", {queries} queries" if queries is not None else ""


def _list_rows(kind: str, by_size: dict[int, dict[str, Any]], sizes: list[int]) -> list[Row]:
    base_size = sizes[0]
    base = by_size[base_size]["lists"]
    found = []
    labels = {
        "unit page 1": "supervisor caseload page 1, unit of {unit:,}",
        "unit overdue": "supervisor caseload \u201cOverdue\u201d, unit of {unit:,}",
        "unit last page": "supervisor caseload last page, unit of {unit:,}",
        "county page 1": "county-wide supervisor page 1 (every case)",
        "county overdue": "county-wide supervisor \u201cOverdue\u201d",
        "large EC": "EC caseload, {large:,} cases (vs the 25-case EC)",
    }
    for size in sizes:
        facts, lists = by_size[size]["facts"], by_size[size]["lists"]
        for key, label in labels.items():
            figure = lists[key]
            what = f"{size:,} cases: " + label.format(
                unit=facts["supervisor_unit"], large=facts["large_ec_cases"]
            )
            if figure.status != 200:
                found.append(Row(kind, what, f"HTTP {figure.status}", "", None, "", False))
                continue
            if key == "large EC":
                ref, ref_text = lists["small EC"], "25 cases"
            else:
                ref, ref_text = base[key], f"{base_size:,} cases"
            ratio = figure.ms / ref.ms if ref.ms else None
            same_queries = figure.queries == ref.queries
            if key.startswith("county"):  # the target for one supervisor over a county
                target, ok = "< 300 ms", figure.ms < 300 and same_queries
            else:
                target = "\u2264 2\u00d7, same query count"
                ok = ratio is not None and ratio <= 2 and same_queries
            found.append(
                Row(
                    kind,
                    what,
                    _ms(figure.ms) + _q(figure.queries),
                    f"{ref_text}: {_ms(ref.ms)}{_q(ref.queries)}",
                    ratio,
                    target,
                    ok,
                )
            )
    return found


def _median_round(
    subjects: list[Load], baselines: list[Load], ratio_of: Callable[[Load, Load], float]
) -> tuple[Load, Load, float, list[float]]:
    """The round whose ratio is the median (its own figures, so a row's numbers agree with its
    ratio) and every round's ratio, in the order measured."""
    ratios = [ratio_of(s, b) for s, b in zip(subjects, baselines, strict=True)]
    middle = sorted(range(len(ratios)), key=lambda i: ratios[i])[len(ratios) // 2]
    return subjects[middle], baselines[middle], ratios[middle], ratios


def _rps_ratio(subject: Load, baseline: Load) -> float:
    return subject.rps / baseline.rps if baseline.rps else 0.0


def _slowdown(subject: Load, baseline: Load) -> float:
    return baseline.rps / subject.rps if subject.rps else float("inf")


def _p95_ratio(subject: Load, baseline: Load) -> float:
    return subject.pct(95) / baseline.pct(95)


def _cpu(load: Load) -> str:
    """What a request cost the server in CPU, when the run measured it (client.measured_cpu)."""
    return "" if load.cpu_ms is None else f", server CPU {load.cpu_ms:.2f} ms a request"


def _split(first: dict[str, Any], server: str) -> str:
    """The load connections each gunicorn worker held (client.Client.spread)."""
    held = first.get("spread", {}).get(server)
    return f" ({'/'.join(map(str, held))} connections per worker)" if held else ""


def _database_rows(kind: str, first: dict[str, Any]) -> list[Row]:
    p, hello, ratio, spread = _median_round(first["preview"], first["hello"], _rps_ratio)
    every = first["preview_all"]
    during, alone, slower, during_spread = _median_round(
        first["preview_during"], first["preview_alone"], _p95_ratio
    )
    download, static, download_ratio, download_spread = _median_round(
        first["download"], first["static"], _slowdown
    )
    pdf = first["pdf"]
    rows = [
        Row(
            kind,
            "htmx plan preview, 20 activities, c=8, as a browser posts it (with preview_shown)",
            f"{p.rps:,.0f} req/s, p50 {_ms(p.pct(50))}, p95 {_ms(p.pct(95))}, "
            f"p99 {_ms(p.pct(99))}"
            + (f", {p.errors} errors" if p.errors else "")
            + _cpu(p)
            + _split(first, "app"),
            f"hello {hello.rps:,.0f} req/s" + _cpu(hello) + _split(first, "hello"),
            ratio,
            "\u2265 0.1\u00d7 hello, p95 < 50 ms",
            ratio >= 0.1 and p.pct(95) < 50,
            spread,
        ),
        Row(
            kind,
            "the same, worst case: every row's findings in each answer (no preview_shown)",
            f"{every.rps:,.0f} req/s, p50 {_ms(every.pct(50))}, p95 {_ms(every.pct(95))}",
            f"hello {hello.rps:,.0f} req/s",
            every.rps / hello.rps if hello.rps else None,
            "report only",
            None,
        ),
        Row(
            kind,
            "WTW 2, 20 activities, render (render_pdf: the render service)",
            _ms(pdf["wtw2_ms"]),
            f"minimal document {_ms(pdf['minimal_ms'])}",
            pdf["ratio"],
            "\u2264 6\u00d7",
            pdf["ratio"] <= 6,
            pdf["ratios"],
        ),
        *_in_process_row(kind, pdf),
        Row(
            kind,
            f"preview p95 (c={alone.concurrency}) while two PDFs render"
            f" ({len(first['pdf_http_ms'])} renders over HTTP, median "
            f"{_ms(_median(first['pdf_http_ms']))})",
            _ms(during.pct(95)),
            f"preview alone {_ms(alone.pct(95))}",
            slower,
            "\u2264 1.3\u00d7",
            slower <= 1.3,
            during_spread,
        ),
        Row(
            kind,
            "download of a stored signed PDF, c=8",
            f"{download.rps:,.0f} req/s{_q(first['download_queries'])}"
            + (f", {download.errors} errors" if download.errors else "")
            + _cpu(download),
            f"same bytes as a static file {static.rps:,.0f} req/s" + _cpu(static),
            download_ratio,
            "\u2264 2\u00d7 slower",
            download_ratio <= 2,
            download_spread,
        ),
    ]
    return rows


def _in_process_row(kind: str, pdf: dict[str, Any]) -> list[Row]:
    """For reference: the same two documents drawn by WeasyPrint in the probe's own process."""
    return [
        Row(
            kind,
            "WTW 2, 20 activities, drawn in process (reference, no service)",
            _ms(pdf["wtw2_in_process_ms"]),
            f"minimal document {_ms(pdf['minimal_in_process_ms'])}",
            pdf["ratio_in_process"],
            "reference",
            None,
            pdf["ratios_in_process"],
        )
    ]


def _scale_out_rows(kind: str, found: dict[str, Any]) -> list[Row]:
    """Two app servers on two ports sharing the database, round-robin, beside one (c=8)."""
    names = {"caseload": "EC caseload page", "preview": "htmx plan preview, 20 activities"}
    rows = []
    for name, (one, two) in found.items():
        rows.append(
            Row(
                kind,
                f"{names.get(name, name)}, c=8, two app servers (round-robin)",
                f"{two.rps:,.0f} req/s, p95 {_ms(two.pct(95))}"
                + (f", {two.errors} errors" if two.errors else ""),
                f"one server {one.rps:,.0f} req/s, p95 {_ms(one.pct(95))}",
                two.rps / one.rps if one.rps else None,
                "reported (same 2 cores)",
                None,
            )
        )
    return rows


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else float("nan")


def _memory_row(kind: str, by_size: dict[int, dict[str, Any]], sizes: list[int]) -> Row:
    parts = []
    for size in sizes:
        (start, _), (end, below) = by_size[size]["memory_start"], by_size[size]["memory_end"]
        workers = (
            f"{'/'.join(f'{m:.0f}' for m in start)} \u2192 {'/'.join(f'{m:.0f}' for m in end)}"
        )
        parts.append(f"{size:,}: workers {workers} MB, below them {sum(below):.0f} MB")
        if "render_service_mb" in by_size[size]:  # shared by every worker, maybe not below them
            parts[-1] += f", the render service {by_size[size]['render_service_mb']:.0f} MB"
    return Row(kind, "memory (RSS)", "; ".join(parts), "", None, "", None)


def rows(results: dict[str, dict[int, dict[str, Any]]], sizes: list[int]) -> list[Row]:
    found: list[Row] = []
    for kind, by_size in results.items():
        found += _list_rows(kind, by_size, sizes)
        found += _database_rows(kind, by_size[sizes[0]])
        found += _scale_out_rows(kind, by_size[sizes[0]].get("scale_out", {}))
        found.append(_memory_row(kind, by_size, sizes))
    return found


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in open("/proc/cpuinfo")
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    ram = next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return [
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; commit {commit}",
        f"- CPU: {os.cpu_count()} cores (nproc), {cpu}; RAM {int(ram) / 1024 / 1024:.1f} GB",
        f"- Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}; "
        f"{version_of_postgresql()}",
        "- gunicorn as `make demo` runs it: 2 workers, gthread, 4 threads, timeout 30 s, --preload",
    ]


def _cell(row: Row) -> list[str]:
    ratio = f"\u00d7{row.ratio:.2f}" if row.ratio is not None else ""
    if row.rounds and len(row.rounds) > 1:
        ratio += " (rounds " + ", ".join(f"\u00d7{r:.2f}" for r in row.rounds) + ")"
    verdict = {True: "pass", False: "FAIL", None: "\u2014"}[row.ok]
    return [row.database, row.what, row.value, row.baseline, ratio, row.target, verdict]


def render(
    found: list[Row], results: dict[str, Any], sizes: list[int], *, smoke: bool = False
) -> str:
    title = "Tandem bench (smoke run)" if smoke else "Tandem bench: issue 14's figures"
    lines = [f"# {title}", "", *machine(), "", NOISE, ""]
    lines += [
        "| database | what | now | baseline | ratio | target | |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in found:
        lines.append("| " + " | ".join(c.replace("|", "/") for c in _cell(row)) + " |")
    seeded = [
        f"{kind} {size:,}: seed-bench {r['facts']['seconds']} s, {r['facts']['rows']:,} rows"
        for kind, by_size in results.items()
        for size, r in by_size.items()
    ]
    lines += ["", "Generated data: " + "; ".join(seeded) + ".", ""]
    return "\n".join(lines)
