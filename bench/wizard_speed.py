"""Speed targets for the screens an EC waits on, measured, not asserted in tests.

    .venv/bin/python bench/wizard_speed.py

Prints each measurement against its target and exits 1 if one misses. Targets: the live plan
totals feel instant when typing (< 150 ms per preview), a signed WTW 2 with 20 activities is
rendered within 3 s, and a supervisor's caseload of 500 cases opens within 800 ms.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app import create_app  # noqa: E402
from blueprints.documents import build  # noqa: E402
from models import Plan, PlanActivity, PlanVersion, migrate  # noqa: E402
from models.db import make_engine  # noqa: E402
from models.enums import ActivitySource, PlanStatus, Role, Stage  # noqa: E402
from models.operations.reference import ensure_reference_data  # noqa: E402
from tests import factories as f  # noqa: E402
from tests.helpers import PASSWORD  # noqa: E402
from tests.html import csrf_token as csrf_from  # noqa: E402

TARGETS = {"plan preview (ms)": 150, "WTW 2 render (ms)": 3000, "caseload of 500 (ms)": 800}


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'bench.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "bench", "DATABASE_URL": url, "TODAY": date(2026, 11, 23)}
    )
    db = app.extensions["tandem_sessionmaker"]()
    ensure_reference_data(db)
    sup = f.user(db, "sup@bench.example", role=Role.SUPERVISOR, password=PASSWORD)
    ec = f.user(db, "ec@bench.example", supervisor_id=sup.id, password=PASSWORD)
    cases = [
        f.case(
            db,
            ec,
            first=f"Client{i}",
            last="Bench",
            stage=Stage.MEETING_HELD,
            cw_number=f"C{i:07d}",
        )
        for i in range(500)
    ]
    version = PlanVersion(version_no=1, status=PlanStatus.DRAFT, requirement=30)
    version.activities = [
        PlanActivity(
            position=i,
            source=ActivitySource.CFS if i % 2 else ActivitySource.WTW,
            kind="counseling" if i % 2 else "job_search",
            name=f"Activity {i}",
            hours_per_week=Decimal("1.5"),
        )
        for i in range(20)
    ]
    db.add(Plan(case_id=cases[0].id, plan_number="SC-1", versions=[version]))
    db.commit()

    client = app.test_client()
    page = client.get("/login").text
    client.post(
        "/login",
        data={"email": "sup@bench.example", "password": PASSWORD, "csrf_token": csrf_from(page)},
    )
    plan_page = client.get(f"/cases/{cases[0].id}/plan").text
    token = csrf_from(plan_page)
    form = {
        f"activities-{i}-{k}": v
        for i in range(20)
        for k, v in (("source", "cfs"), ("kind", "counseling"), ("name", f"A{i}"), ("hours", "1.5"))
    }
    results = {
        "plan preview (ms)": _median_ms(
            lambda: client.post(
                f"/cases/{cases[0].id}/plan/preview",
                data=form,
                headers={"HX-Request": "true", "X-CSRFToken": token},
            ),
            20,
        ),
        "caseload of 500 (ms)": _median_ms(lambda: client.get("/cases"), 5),
    }
    with app.test_request_context():
        results["WTW 2 render (ms)"] = _median_ms(
            lambda: build.render_plan_document(
                db,
                cases[0],
                version,
                "wtw2",
                language="en",
                signatures=[],
                final=False,
                generated_on=date(2026, 11, 23),
            ),
            3,
        )
    failed = False
    for name, target in TARGETS.items():
        value = results[name]
        ok = value <= target
        failed |= not ok
        print(
            f"{name:24} {value:8.1f}  target {target:6}  {value / target:5.2f}x  "
            f"{'ok' if ok else 'TOO SLOW'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
