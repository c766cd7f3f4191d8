"""The printed forms' own user-agent stylesheet (blueprints/documents/print_ua.css, issue 14):
WeasyPrint's HTML5 sheet cut down to the elements the forms use. It must draw exactly what the
full sheet draws, cover every element a form uses, and still be the sheet WeasyPrint applies."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from blueprints.documents import build
from blueprints.documents.pdf import PRINT_UA, STATIC_SCHEME, print_html_class, static_fetcher
from tests.documents import sample
from tests.helpers import TODAY

STATIC = Path(__file__).resolve().parents[2] / "static"
JOBS = {
    "wtw2": ("santa_clara", "wtw2", "en", {}),
    "wtw2_es": ("santa_clara", "wtw2", "es", {}),
    "scd1811": ("santa_clara", "scd1811", "en", {}),
    "scd1811a": (
        "santa_clara",
        "scd1811a",
        "en",
        {"start": date(2026, 11, 2), "end": date(2026, 11, 29)},
    ),
    "orange_wtw2": ("orange", "wtw2", "en", {}),
}


@pytest.fixture(scope="module")
def forms(module_app) -> dict[str, str]:
    """The HTML of each printed form for the sample cases (signed, so every block shows)."""
    with module_app.test_request_context():
        db = module_app.extensions["tandem_sessionmaker"]()
        seeded = {
            "santa_clara": sample.seed(db),
            "orange": sample.seed(db, county="orange", email="oscar.ec@example.org"),
        }
        signatures = sample.sign(
            db, seeded["santa_clara"]["version"], seeded["santa_clara"]["worker"].id
        )
        sample.track(db, seeded["santa_clara"]["version"])
        db.commit()
        found = {}
        for name, (county, kind, language, extra) in JOBS.items():
            s = seeded[county]
            model = build.view_model(
                db, s["case"], s["version"], kind, language=language,
                signatures=signatures if county == "santa_clara" else [], final=False,
                generated_on=TODAY, **extra,
            )  # fmt: skip
            model["content_hash"] = "0" * 12
            found[name] = build.plan_document_html(model)
        db.close()
        return found


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.add(tag)


# Inline elements with nothing to style: the full sheet has no rule for them either.
NO_RULES_NEEDED = {"span"}


def _elements_in_sheet() -> set[str]:
    css = re.sub(r"/\*.*?\*/", "", PRINT_UA.read_text(), flags=re.S)
    selectors = " ".join(re.findall(r"([^{}]+)\{", css))
    return set(re.findall(r"(?<![-\w:.#\[=@])([a-z][a-z0-9]*)\b(?![-(])", selectors))


def test_every_element_a_form_uses_has_its_rules_in_the_print_sheet(forms):
    covered = _elements_in_sheet()
    assert {"table", "td", "th", "h2", "ul", "li", "br"} <= covered  # the parser reads the sheet
    for name, html in forms.items():
        parser = _Tags()
        parser.feed(html)
        missing = parser.tags - covered - NO_RULES_NEEDED
        assert not missing, f"{name} uses {sorted(missing)}: add their rules from html5_ua.css"


def _pixels(pdf: bytes, folder: Path) -> list[str]:
    folder.mkdir()
    (folder / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "110", "-gray", "doc.pdf", "page"], cwd=folder, check=True)
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("page*.pgm"))]


def _pdf(html_class: type, html: str) -> bytes:
    document = html_class(string=html, base_url=STATIC_SCHEME, url_fetcher=static_fetcher(STATIC))
    return document.write_pdf(pdf_variant="pdf/a-3a", pdf_identifier=b"0" * 16, pdf_tags=True)


@pytest.mark.parametrize("name", ["wtw2", "scd1811", "scd1811a"])
def test_the_print_sheet_draws_the_very_same_pages_as_weasyprints_own(forms, name, tmp_path):
    import weasyprint

    assert shutil.which("pdftoppm"), "scripts/setup.sh test installs poppler-utils"
    full = _pixels(_pdf(weasyprint.HTML, forms[name]), tmp_path / "full")
    lean = _pixels(_pdf(print_html_class(), forms[name]), tmp_path / "lean")
    assert len(full) >= 1 and lean == full


def test_weasyprint_applies_the_print_sheet_and_not_its_own(forms, monkeypatch):
    """If a WeasyPrint upgrade stopped calling HTML._ua_stylesheets, the forms would still look
    right (the full sheet) but draw a third slower; this notices."""
    lean = print_html_class()
    asked = []
    original = lean._ua_stylesheets

    def spy(self, forms: bool = False):  # type: ignore[no-untyped-def]
        sheets = original(self, forms)
        asked.append(sheets)
        return sheets

    monkeypatch.setattr(lean, "_ua_stylesheets", spy)
    _pdf(lean, forms["scd1811"])
    assert asked == [[lean.ua_sheet]]
