"""`flask seed-bench --cases N`: a generated county for measuring (bench/README.md), never the
demo set and never a production database."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime, timezone

import click
from flask import Flask, current_app
from sqlalchemy import insert
from sqlalchemy.orm import Session

from models.cases import MutualCase
from models.operations.passwords import hash_password
from models.operations.pg_tools import refresh_statistics
from models.plan import PlanVersion
from models.signing import SignedDocument

from .clock import today


def _store_signed_pdf(db: Session, case_id: int, version_id: int, user_email: str) -> int:
    """Render the preview case's WTW 2 once and store it as a signed document, so the download
    figure serves real PDF bytes of the usual size through the usual route."""
    from models.users import User

    from .documents import build

    case = db.get(MutualCase, case_id)
    version = db.get(PlanVersion, version_id)
    assert case is not None and version is not None
    ec = db.query(User).filter_by(email=user_email).one()
    with current_app.test_request_context():
        rendered = build.render_plan_document(
            db,
            case,
            version,
            "wtw2",
            language="en",
            signatures=[],
            final=False,
            generated_on=today(),
        )
    row = dict(
        plan_version_id=version.id,
        case_id=case.id,
        kind="wtw2",
        document_id=f"BENCH-{version.id}-wtw2",
        language="en",
        pdf=rendered.pdf,
        sha256=rendered.sha256,
        content_sha256=rendered.content_sha256,
        created_at=datetime.now(timezone.utc),
        created_by_id=ec.id,
    )
    result = db.execute(insert(SignedDocument).returning(SignedDocument.id), [row])
    return int(result.scalar_one())


def register_bench(
    app: Flask, *, init_db: Callable[[], object], session: Callable[[], Session]
) -> None:
    """cli.register passes its init_db and session factory (bench_cli must not import cli)."""

    @app.cli.command("seed-bench")
    @click.option("--cases", type=click.IntRange(1, 1_000_000), required=True)
    @click.option("--county", type=click.Choice(["santa_clara", "orange"]), default="santa_clara")
    @click.option("--no-pdf", is_flag=True, help="Skip rendering the stored signed WTW 2.")
    @click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON line.")
    def seed_bench_command(cases: int, county: str, no_pdf: bool, as_json: bool) -> None:
        """Fill the configured database with N generated cases in one county (for bench/)."""
        from models.demo.bench import generate

        started = time.perf_counter()
        init_db()
        with session() as db:
            try:
                summary = generate(
                    db,
                    cases=cases,
                    county_code=county,
                    # Hashed once: Argon2id takes ~50 ms by design, too slow for 300 accounts.
                    password_hash=hash_password(current_app.config["DEMO_PASSWORD"]),
                    today=today(),
                )
            except ValueError as exc:
                raise click.ClickException(str(exc)) from exc
            db.commit()
            document_id = None
            if not no_pdf:
                document_id = _store_signed_pdf(
                    db, summary.preview_case_id, summary.preview_version_id, summary.ec
                )
                db.commit()
            refresh_statistics(db.get_bind())  # as after any bulk load (PostgreSQL only)
        seconds = time.perf_counter() - started
        facts = dict(vars(summary), signed_document_id=document_id, seconds=round(seconds, 1))
        if as_json:
            click.echo(json.dumps(facts))
            return
        click.echo(
            f"Generated {summary.cases} cases, {summary.users} accounts, {summary.rows} rows "
            f"in {seconds:.1f} s (password: the demo password)."
        )
        click.echo(f"County-wide supervisor (every case): {summary.countywide}")
        click.echo(f"Unit supervisor ({summary.supervisor_unit} cases): {summary.supervisor}")
        click.echo(f"EC: {summary.ec} (plan preview case {summary.preview_case_id})")
        click.echo(f"Small EC (25 cases): {summary.small_ec}")
        click.echo(f"Large EC ({summary.large_ec_cases} cases): {summary.large_ec}")
        if document_id:
            click.echo(
                f"Signed WTW 2: /cases/{summary.preview_case_id}/documents/signed/{document_id}.pdf"
            )
