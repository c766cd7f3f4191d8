"""The printed WTW 2, SCD/SCZ 1811 and 1811 A: what the text says, that it is the same every
time, PDF/A, escaping, the locked-down fetcher and the time limit (issue 4).

The PDFs are rendered once for the module (a render costs a fraction of a second)."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pypdf
import pytest

from blueprints.documents import build
from blueprints.documents.pdf import RefusedURL, RenderTimeout, render_pdf, static_fetcher
from tests.documents import sample
from tests.helpers import TODAY, pdf_pages, pdf_text

STATIC = Path(__file__).resolve().parents[2] / "static"
SHEET = {"start": date(2026, 11, 30), "end": date(2026, 12, 27)}
JOBS = {
    # name: (county, kind, language, signed, extra)
    "wtw2": ("santa_clara", "wtw2", "en", False, {}),
    "wtw2_es_signed": ("santa_clara", "wtw2", "es", True, {}),
    "scd1811": ("santa_clara", "scd1811", "en", False, {}),
    "scd1811_es": ("santa_clara", "scd1811", "es", False, {}),
    "scd1811a": ("santa_clara", "scd1811a", "en", False, SHEET),
    "orange_wtw2": ("orange", "wtw2", "en", False, {}),
}


def squashed(pdf: bytes) -> str:
    """The text without any white space: typed values wrap across lines in table cells."""
    return re.sub(r"\s+", "", pdf_text(pdf))


@pytest.fixture(scope="module")
def world(module_app):
    """Seed both counties, sign nothing yet, and render every document once."""
    with module_app.test_request_context():
        db = module_app.extensions["tandem_sessionmaker"]()
        seeded = {
            "santa_clara": sample.seed(db),
            "orange": sample.seed(db, county="orange", email="oscar.ec@example.org"),
        }
        sc = seeded["santa_clara"]
        signatures = sample.sign(db, sc["version"], sc["worker"].id)
        sample.track(db, sc["version"])
        db.commit()

        def render(county: str, kind: str, language: str, signed: bool, extra: dict):
            s = seeded[county]
            return build.render_plan_document(
                db,
                s["case"],
                s["version"],
                kind,
                language=language,
                signatures=signatures if signed else [],
                final=signed,
                generated_on=TODAY,
                **extra,
            )

        docs = {name: render(*job) for name, job in JOBS.items()}
        yield {"db": db, "seeded": seeded, "docs": docs, "render": render, "sig": signatures}
        db.close()


def test_wtw2_names_the_participant_and_counts_30_as_15_plus_15_never_45(world):
    words = pdf_text(world["docs"]["wtw2"].pdf)
    assert "Welfare-to-Work Plan: Activity Assignment" in words
    assert "Rosa Delgado" in words and "C7654321" in words
    assert "30 hours a week, on average over each month." in words
    assert "WEEKLY REQUIREMENT 30 hours" in words
    assert "DFCS HOURS COUNTED 15 hours" in words
    assert "OTHER WTW HOURS NEEDED 15 hours" in words
    assert "TOTAL COUNTABLE HOURS 30 hours" in words
    assert "45" not in words
    assert "Basis: One aided adult, no aided child under 6" in words


def test_wtw2_lists_only_activities_on_the_wtw2_with_the_county_mark(world):
    words = pdf_text(world["docs"]["wtw2"].pdf)
    for name in ("Counseling", "Parenting class", "Job club", "Work2Future", "408-555-0100"):
        assert name in words
    assert "Peer support group" not in words  # not written on the WTW 2 (R-CF-02)
    assert "DFCS Counseling" in words and "DFCS Parenting class" in words
    assert "Tue and Thu 9:00–11:30" in words and "Dec 13, 2026" in words
    assert "Attends 90% of sessions" in words  # progress standard (R-PL-07)
    assert "Transportation Monthly bus pass $75.00 monthly Yes" in words


def test_wtw2_states_the_clients_rights(world):
    words = pdf_text(world["docs"]["wtw2"].pdf)
    assert "you have 3 working days to ask for changes to this plan" in words  # R-PL-04
    assert "within 30 days after you start your first activity" in words  # R-PL-05
    assert "count for both your DFCS case plan and your Welfare-to-Work plan" in words  # R-CF-07
    assert "agreed with these activities, hours and supportive services on Nov 20, 2026" in words


def test_the_address_of_a_protected_participant_is_never_printed(world):
    for document in world["docs"].values():
        assert sample.ADDRESS not in pdf_text(document.pdf)


def test_a_draft_says_so_on_every_page_with_id_hash_and_page_numbers(world):
    document = world["docs"]["wtw2"]
    found = pdf_pages(document.pdf)
    assert len(found) >= 2
    for number, page in enumerate(found, start=1):
        assert "DRAFT — not signed" in page
        assert document.document_id in page
        assert document.content_sha256[:12] in page
        assert f"Page {number} of {len(found)}" in page
        assert "Generated Nov 23, 2026" in page


def test_signed_spanish_wtw2_is_in_spanish_with_signatures_and_no_draft_mark(world):
    words = pdf_text(world["docs"]["wtw2_es_signed"].pdf)
    assert "Plan de Welfare-to-Work: Asignación de actividades" in words
    assert "Sus derechos" in words and "3 días hábiles" in words
    assert "Horas de DFCS contadas".upper() in words
    assert "del 1 dic 2026 al 30 nov 2027" in words
    assert "/s/ Rosa Delgado" in words and "/s/ Ana Reyes" in words
    assert "Firmado con tinta en una copia impresa; escaneo adjunto" in words
    assert "Firmado en persona en el dispositivo del trabajador" in words
    assert "Firmado el 23 nov 2026, 10:05 a.m. PST" in words  # county time, not UTC
    assert "Página 1 de 2" in words
    assert "DRAFT" not in words and "BORRADOR" not in words


def test_1811_has_both_cases_the_social_worker_activities_on_both_plans_and_consent(world):
    words = pdf_text(world["docs"]["scd1811"].pdf)
    assert "CalWORKs/DFCS Common Case: Integrated Plan" in words
    assert "DF-2026-0411" in words and "Family Reunification (FR)" in words
    assert "Dana Whitfield" in words and "FR Unit 4" in words and "408-555-0199" in words
    assert "Nov 10, 2026" in words and "Dec 8, 2026" in words  # removal, next court date
    assert "C7654321" in words and "Active" in words and "Ana Reyes" in words
    assert "Counseling" in words and "Job club" in words
    assert "Peer support group" not in words
    assert "☒ I agree that my DFCS case plan activities" in words
    assert "DFCS SOCIAL WORKER (OPTIONAL)" in words
    assert "Tandem layout; the county form's content is to confirm." in words
    assert "OTHER WTW HOURS NEEDED 15 hours" in words
    assert "DRAFT — not signed" in words


def test_spanish_1811(world):
    words = pdf_text(world["docs"]["scd1811_es"].pdf)
    assert "Caso común de CalWORKs/DFCS: Plan integrado" in words
    assert "Reunificación Familiar (FR)" in words
    assert "Consentimiento para integrar los planes" in words
    assert "BORRADOR — sin firmar" in words


def test_orange_marks_cfs_activities_and_never_says_dfcs(world):
    words = pdf_text(world["docs"]["orange_wtw2"].pdf)
    assert "Orange County" in words and "FSS" in words
    assert "CFS Counseling" in words and "CFS HOURS COUNTED 15 hours" in words
    assert "DFCS" not in words and "Specialized CM".upper() in words


def test_1811a_shows_each_week_with_recorded_hours_and_blank_weeks(world):
    words = pdf_text(world["docs"]["scd1811a"].pdf)
    assert "Activity Tracking" in words
    assert "Nov 30, 2026 to Dec 27, 2026" in words
    for monday, sunday in (("Nov 30", "Dec 6"), ("Dec 7", "Dec 13"), ("Dec 21", "Dec 27")):
        assert f"Week of {monday}, 2026 to {sunday}, 2026" in words
    assert "Verified: J. Gardner" in words and "Court" in words
    assert "DRAFT" not in words  # a tracking sheet is never signed


def test_1811a_model_schedules_by_week_and_totals_only_hours_that_count(world):
    sc = world["seeded"]["santa_clara"]
    model = build.view_model(
        world["db"],
        sc["case"],
        sc["version"],
        "scd1811a",
        language="en",
        signatures=[],
        final=False,
        generated_on=TODAY,
        **SHEET,
    )
    weeks = {w["monday"]: w for w in model["weeks"]}
    assert list(weeks) == ["Nov 30, 2026", "Dec 7, 2026", "Dec 14, 2026", "Dec 21, 2026"]
    first, second, third = (weeks[d] for d in ("Nov 30, 2026", "Dec 7, 2026", "Dec 14, 2026"))
    assert first["scheduled"] == "30"  # the peer group (not on the WTW 2) is not added
    counseling = second["rows"][0]
    assert (counseling["attended"], counseling["excused"], counseling["reason"]) == (
        "3",
        "2",
        "court",
    )
    assert counseling["verified"] is True and second["attended"] == "3"
    parenting = next(r for r in third["rows"] if r["name"] == "Parenting class")
    assert parenting["runs"] is False and parenting["scheduled"] == ""  # ended Dec 13
    assert third["scheduled"] == "26"
    assert first["attended"] == ""  # nothing recorded: left blank to fill in by hand


def test_the_view_model_is_plain_data(world):
    sc = world["seeded"]["santa_clara"]
    for kind in build.KINDS:
        model = build.view_model(
            world["db"],
            sc["case"],
            sc["version"],
            kind,
            language="vi",  # no Vietnamese catalog yet: English
            signatures=world["sig"],
            final=True,
            generated_on=TODAY,
        )
        assert json.loads(json.dumps(model)) == model
        assert model["language"] == "en"
        assert sample.ADDRESS not in json.dumps(model)


def test_the_same_input_renders_the_same_bytes(world):
    again = world["render"](*JOBS["wtw2"])
    first = world["docs"]["wtw2"]
    assert again.pdf == first.pdf and again.sha256 == first.sha256
    assert again.content_sha256 == first.content_sha256


def test_typed_markup_is_printed_as_text(world):
    flat = squashed(world["docs"]["wtw2"].pdf)
    assert "Attendseverysession<script>alert(1)</script>" in flat
    assert "Gardner</td><b>Family</b>Care" in flat


def test_every_document_declares_pdf_a_3(world):
    for document in world["docs"].values():
        reader = pypdf.PdfReader(io.BytesIO(document.pdf))
        assert reader.xmp_metadata is not None and reader.xmp_metadata.pdfaid_part == "3"


def test_the_fetcher_serves_only_the_apps_static_files():
    fetcher = static_fetcher(STATIC)
    for url in (
        "file:///etc/passwd",
        "http://example.org/style.css",
        "https://example.org/font.ttf",
        "data:text/css,body{}",
        "tandem-static:../app.py",
        "tandem-static:../../../../etc/passwd",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    font = fetcher.fetch("tandem-static:fonts/DejaVuSans.ttf")
    assert font is not None


def test_a_document_that_points_outside_still_renders_without_the_outside():
    html = (
        '<html><head><link rel="stylesheet" href="http://example.org/evil.css"></head><body>'
        '<p>Inside</p><img src="file:///etc/passwd" alt="x"><img src="/etc/passwd" alt="y">'
        '<iframe src="file:///etc/passwd"></iframe></body></html>'
    )
    pdf = render_pdf(html, static_root=STATIC, document_id="T-1", time_limit=20)
    words = pdf_text(pdf)
    assert "Inside" in words and "root:" not in words


def test_a_huge_document_stops_at_the_time_limit_with_a_clear_message():
    rows = "".join(f"<tr><td>{n}</td><td>{'word ' * 30}</td></tr>" for n in range(20000))
    with pytest.raises(RenderTimeout, match="took longer than 0.5 seconds"):
        render_pdf(f"<table>{rows}</table>", static_root=STATIC, document_id="T-2", time_limit=0.5)


def test_css_strings_cannot_escape_the_page_box():
    value = build.css_string('Ann "x"; } body { color: red </style><script>')
    assert '"' not in str(value)[1:-1] and "<" not in str(value) and "}" not in str(value)


def test_a_bare_case_without_worker_social_worker_or_activities_still_has_a_model(world):
    from models import Plan, PlanVersion
    from tests import factories as f

    db = world["db"]
    case = f.case(db, None, first="Lee", last="Bare")
    case.child_welfare_case.social_worker = None
    plan = Plan(case_id=case.id, plan_number="BARE-1")
    plan.versions.append(PlanVersion(version_no=1, requirement=20))
    db.add(plan)
    db.flush()
    for kind in build.KINDS:
        model = build.view_model(
            db,
            case,
            plan.current,
            kind,
            language="es",
            signatures=[],
            final=False,
            generated_on=TODAY,
        )
        assert model["participant"]["name"] == "Lee Bare" and model["worker"]["name"] == ""
        assert "<td" in build.plan_document_html(model)
    db.rollback()
