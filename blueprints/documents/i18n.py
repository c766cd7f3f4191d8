"""Languages of the client-facing documents (WTW 2, SCD/SCZ 1811, 1811 A): gettext catalogs.

Client-facing text is written in the templates as ``{{ _("English text") }}`` and translated
through ``translations/<lang>/LC_MESSAGES/documents.po`` (R-PL-13: county materials follow the
state translation rules). The ``.po`` file is read at run time and compiled in memory, so there
is no compiled ``.mo`` file to keep in step. English is the source language; an unknown or
untranslated language falls back to English (and the document says which language it is in).

Adding a language (for example Vietnamese, ``vi``):

1. copy ``translations/es`` to ``translations/vi`` and set ``Language: vi`` in the header;
2. translate every ``msgstr`` (leave ``msgid`` as it is; keep ``%(name)s`` placeholders);
3. add the language to ``LOCALES`` below if its dates need a particular regional format.

That is all: tests/documents/test_translations.py checks that every string the templates use
has a translation in every catalog. After adding text to a template, list the new strings with
``pybabel extract -F blueprints/documents/translations/babel.cfg -o /tmp/documents.pot .`` and
``pybabel update -i /tmp/documents.pot -d blueprints/documents/translations -D documents``.

Chinese: the shipped DejaVu fonts have no CJK glyphs. Adding ``zh`` also needs a CJK font (for
example Noto Sans CJK SC/TC, OFL) in ``static/fonts`` with an ``@font-face`` rule in
``templates/documents/_base.html``; otherwise the characters print as empty boxes. Vietnamese
is covered by DejaVu.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path

from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from policy.county_time import county_moment

CATALOGS = Path(__file__).parent / "translations"
DOMAIN = "documents"
SOURCE_LANGUAGE = "en"
# Regional formats for dates: both counties are in California.
LOCALES = {"en": "en_US", "es": "es_US"}
LANGUAGE_NAMES = {"en": "English", "es": "Español", "vi": "Tiếng Việt", "zh": "中文"}


def catalog_path(language: str) -> Path:
    return CATALOGS / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache  # the catalogs ship with the code; every date on a document asked the disk (issue 14)
def available() -> tuple[str, ...]:
    """English plus every language with a catalog, e.g. ("en", "es")."""
    found = sorted(p.parent.parent.name for p in CATALOGS.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


def normalize(language: str | None) -> str:
    """The language a document will actually be printed in: "es-MX" → "es", "vi" → "en"
    until a Vietnamese catalog exists."""
    code = (language or "").strip().lower().replace("_", "-").split("-", 1)[0]
    return code if code in available() else SOURCE_LANGUAGE


@lru_cache(maxsize=16)
def translations(language: str) -> NullTranslations:
    """A gettext object for ``language`` (cached); English and unknown languages pass through."""
    code = normalize(language)
    if code == SOURCE_LANGUAGE:
        return NullTranslations()
    with catalog_path(code).open("rb") as po:
        catalog = read_po(po, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out: they fall back to English
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


def _locale(language: str) -> str:
    code = normalize(language)
    return LOCALES.get(code, code)


def _plain(text: str) -> str:
    # CLDR puts narrow no-break spaces in times ("10:05 AM"); a normal no-break space prints
    # and copies the same in every PDF reader.
    return text.replace("\u202f", "\u00a0")


def day(value: date | None, language: str) -> str:
    """A date as the reader writes it: "Nov 2, 2026" in English, "2 nov 2026" in Spanish."""
    return _plain(format_date(value, "medium", locale=_locale(language))) if value else ""


def moment(value: datetime | None, language: str) -> str:
    """A signature time in county time: "Nov 2, 2026, 10:05 AM PST"."""
    if value is None:
        return ""
    local = county_moment(value)
    clock = format_time(local, "short", locale=_locale(language))
    return _plain(f"{day(local.date(), language)}, {clock} {local.strftime('%Z')}")
