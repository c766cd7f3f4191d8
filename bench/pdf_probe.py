"""Run by bench/run.py in its own process against the bench database: the WTW 2 of the preview
case (20 activities) beside a minimal one-page document, same fonts, same PDF/A-3a variant, same
render path (render_pdf and the machine's render service; the draft cache is off, so every run
draws), and for reference the same two drawn in this process (pdf._write, no service). The two
documents alternate run by run; the ratio is the median of the runs' own ratios. Prints one JSON
line.

    TANDEM_DATABASE_URL=... .venv/bin/python bench/pdf_probe.py CASE_ID VERSION_ID [RUNS]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app  # noqa: E402
from blueprints.clock import today  # noqa: E402
from blueprints.documents import build  # noqa: E402
from blueprints.documents.pdf import ARCHIVE_VARIANT, _write, render_pdf  # noqa: E402
from models.cases import MutualCase  # noqa: E402
from models.plan import PlanVersion  # noqa: E402

MINIMAL = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Minimal</title>
<style>
@font-face { font-family: "DejaVu Sans"; src: url("tandem-static:fonts/DejaVuSans.ttf"); }
@font-face { font-family: "DejaVu Sans"; font-weight: bold;
  src: url("tandem-static:fonts/DejaVuSans-Bold.ttf"); }
@page { size: letter; margin: 21mm 14mm 19mm; }
html { font: 9pt/1.3 "DejaVu Sans"; }
</style></head><body><h1>Minimal document</h1><p>One page, <b>the same fonts</b>.</p></body></html>"""


def _paired_ms(first, second, runs: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Milliseconds of `runs` calls of each, alternating (A B, B A, ...), so a slow second of the
    shared machine falls on both documents rather than on whichever ran then."""
    a_times: list[float] = []
    b_times: list[float] = []
    for index in range(runs):
        order = ((first, a_times), (second, b_times))
        for fn, times in order if index % 2 == 0 else order[::-1]:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
    return a_times, b_times


def _figures(name: str, first, second, runs: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Each document's median and the median of the runs' ratios (run i's A over run i's B)."""
    a, b = _paired_ms(first, second, runs)
    return {
        f"wtw2{name}_ms": statistics.median(a),
        f"minimal{name}_ms": statistics.median(b),
        f"ratio{name}": statistics.median(x / y for x, y in zip(a, b, strict=True)),
        f"ratios{name}": [round(x / y, 2) for x, y in zip(a, b, strict=True)],
    }


def main(case_id: int, version_id: int, runs: int) -> dict[str, Any]:
    app = create_app({"SECRET_KEY": "bench-probe", "PDF_DRAFT_CACHE": ""})
    static = Path(app.static_folder or "static")
    with app.test_request_context():
        db = app.extensions["tandem_sessionmaker"]()
        case, version = db.get(MutualCase, case_id), db.get(PlanVersion, version_id)
        assert case is not None and version is not None

        def wtw2() -> None:
            build.render_plan_document(
                db, case, version, "wtw2", language="en", signatures=[], final=False,
                generated_on=today(),
            )  # fmt: skip

        def minimal() -> None:
            render_pdf(MINIMAL, static_root=static, document_id="BENCH-MINIMAL")

        model = build.view_model(
            db, case, version, "wtw2", language="en", signatures=[], final=False,
            generated_on=today(),
        )  # fmt: skip
        model["content_hash"] = build.content_fingerprint(model)[:12]
        html = build.plan_document_html(model)

        def in_process(document: str) -> None:
            _write(document, str(static), b"0" * 16, (), ARCHIVE_VARIANT)

        minimal()  # the render service starts once, for either; not part of a figure
        in_process(MINIMAL)  # WeasyPrint loaded and warm in this process too
        return {
            **_figures("", wtw2, minimal, runs),
            **_figures("_in_process", lambda: in_process(html), lambda: in_process(MINIMAL), runs),
        }


if __name__ == "__main__":
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    print(json.dumps(main(int(sys.argv[1]), int(sys.argv[2]), runs)))
