"""Every client-facing string of the printed forms has a translation in every catalog
(R-PL-13), placeholders survive translation, and an unknown language falls back to English."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from blueprints.documents import i18n

pytestmark = pytest.mark.pure

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "documents"
CALL = re.compile(r"(?<![\w.])_\(")
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def template_messages() -> dict[str, list[str]]:
    """msgid → where it is used, from every _("...") call in the document templates."""
    found: dict[str, list[str]] = {}
    for path in sorted(TEMPLATES.glob("*.html")):
        with path.open("rb") as source:
            calls = list(babel_extract(source, ("_",), [], {"silent": "false"}))
        # A _() whose argument is not a plain string cannot be extracted, nor translated.
        assert len(calls) == len(CALL.findall(path.read_text())), f"{path.name}: _() of a variable"
        for line, _function, message, _comments in calls:
            found.setdefault(message, []).append(f"{path.name}:{line}")
    return found


def catalogs():
    for language in i18n.available():
        if language != i18n.SOURCE_LANGUAGE:
            with i18n.catalog_path(language).open("rb") as po:
                yield language, read_po(po, locale=language, domain=i18n.DOMAIN)


def test_spanish_is_available():
    assert i18n.available() == ("en", "es")


def test_the_catalogs_are_listed_once_not_for_every_date(monkeypatch):
    """A WTW 2 prints some 45 dates; each one listed the catalogs' folder to see which exist."""
    i18n.available()
    listed: list[str] = []
    real_glob = Path.glob
    monkeypatch.setattr(
        Path, "glob", lambda self, pattern: listed.append(pattern) or real_glob(self, pattern)
    )
    days = [i18n.day(date(2026, 11, 2), language) for language in ("es", "en", "es-MX", "vi")]
    assert days == ["2 nov 2026", "Nov 2, 2026", "2 nov 2026", "Nov 2, 2026"]
    assert listed == []


def test_every_template_string_is_translated_in_every_catalog():
    used = template_messages()
    assert len(used) > 50
    for language, catalog in catalogs():
        missing = [
            f"{message!r} ({', '.join(where)})"
            for message, where in used.items()
            if not (catalog.get(message) and catalog[message].string) or catalog[message].fuzzy
        ]
        assert not missing, f"{language}: no translation for " + "; ".join(missing)


def test_catalogs_hold_no_strings_the_templates_no_longer_use():
    used = template_messages()
    for language, catalog in catalogs():
        stale = [m.id for m in catalog if m.id and m.id not in used]
        assert not stale, f"{language}: remove or update {stale}"


def test_translations_keep_every_placeholder():
    for language, catalog in catalogs():
        for message in catalog:
            if message.id:
                assert sorted(PLACEHOLDER.findall(message.id)) == sorted(
                    PLACEHOLDER.findall(message.string)
                ), f"{language}: {message.id!r}"


def test_the_compiled_catalog_translates_and_unknown_languages_fall_back_to_english():
    assert i18n.translations("es").gettext("Your rights") == "Sus derechos"
    assert i18n.translations("es-MX").gettext("Your rights") == "Sus derechos"
    assert i18n.translations("vi").gettext("Your rights") == "Your rights"
    assert i18n.normalize("es_US") == "es" and i18n.normalize("zh") == "en"
    assert i18n.normalize(None) == "en"


def test_dates_follow_the_language():
    assert i18n.day(date(2026, 11, 2), "en") == "Nov 2, 2026"
    assert i18n.day(date(2026, 11, 2), "es") == "2 nov 2026"
    signed = datetime(2026, 7, 1, 17, 30, tzinfo=timezone.utc)
    assert i18n.moment(signed, "en") == "Jul 1, 2026, 10:30\u00a0AM PDT"
    assert i18n.moment(signed, "es") == "1 jul 2026, 10:30\u00a0a.m. PDT"
