"""What the form fuzzing (tests/web/test_fuzz_forms.py) sends and reads: hostile values for
hypothesis, the forms of a page as a browser would send them, the POST itself, and a digest
of the tables a saved change would touch."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import text
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from models import Base
from tests.helpers import HX
from tests.html import Element, csrf_token, parse

LONG = ["A" * 5_000, "é" * 20_000, "\x00" * 3_000]
OVERSIZE = "x" * 600_000  # over the form size limit (MAX_FORM_MEMORY_SIZE): a 413
SNIPPETS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202etxt.exe",  # right-to-left override
    "مرحبا بالعالم",
    "שלום",
    "\ufeff",
    "\ud7ff\ue000\U0010ffff",
    "👩‍👩‍👧‍👦",
    "' OR '1'='1",
    "1; DROP TABLE mutual_case; --",
    '" onmouseover="alert(1)',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{7*7}}",
    "${7*7}",
    "%s%s%n",
    "../../etc/passwd",
    '=HYPERLINK("http://x")',
    "true",
    "null",
    "[]",
    "{}",
    "on",
    "off",
    "None",
]
NUMBERS = ["²", "①", "١٢", "0", "-1", "-0", "1e308", "1e-308", "NaN", "nan", "Infinity", "-Infinity", "inf",
           "2147483648", "9223372036854775808", "-9223372036854775809", "99999999999999999999999", "0x1F",
           "1_000", "１２", "٣", "3.14159", "12,5", "+5", "  7  ", "24.0001", "168", "-0.0"]  # fmt: skip
DATES = ["2026-02-30", "2026-13-01", "0000-00-00", "0001-01-01", "9999-12-31", "10000-01-01",
         "11/31/2026", "31/12/2026", "2026/11/23", "23.11.2026", "Nov 23 2026", "2026-11-23T10:00",
         "2026-11-23 2026-11-24", "1970-01-01", "2100-01-01", "02/29/2027", "02/29/2028",
         "11/23/26", "-2026-11-23", "2026-W48", "today", "12/31/9999"]  # fmt: skip


def _dates_in_formats() -> st.SearchStrategy[str]:
    formats = st.sampled_from(["%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%Y%m%d"])
    days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
    return st.tuples(days, formats).map(lambda pair: pair[0].strftime(pair[1]))


HOSTILE = st.one_of(
    st.sampled_from(SNIPPETS),
    st.sampled_from(NUMBERS),
    st.sampled_from(DATES),
    st.sampled_from(LONG),
    st.text(max_size=40),  # any unicode but surrogates, control characters and NUL included
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    _dates_in_formats(),
)
FILES = st.one_of(
    st.just(b""),
    st.binary(max_size=200),
    st.just(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
    st.just(b"%PDF-1.4\n" + b"0" * 5000),
    st.just(b"<html><script>alert(1)</script></html>"),
)


# --- Reading the form a route receives ------------------------------------------------------


def path_pattern(path: str) -> re.Pattern[str]:
    """A rule as a regular expression over concrete paths."""
    out, position = "", 0
    for part in re.finditer(r"<([^>]+)>", path):
        out += re.escape(path[position : part.start()])
        converter = part[1]
        if converter.startswith("int:"):
            out += r"\d+"
        elif converter.startswith("isodate:"):
            out += r"\d{4}-\d{2}-\d{2}"
        elif converter.startswith("any("):
            choices = converter[4 : converter.index(")")].split(",")
            out += "(?:" + "|".join(re.escape(c.strip()) for c in choices) + ")"
        else:
            out += "[^/]+"
        position = part.end()
    return re.compile(out + re.escape(path[position:]) + "$")


FIELD_TAGS = ("input", "select", "textarea", "button")


def _fields_in(root: Element, page: Element) -> list[Element]:
    found = [el for el in root.iter() if el.tag in FIELD_TAGS and el.get("name")]
    if root.tag == "form" and root.id:  # fields placed outside the form with form="id"
        found += [el for el in page.iter() if el.tag in FIELD_TAGS and el.get("form") == root.id]
    return found


class FormSpec:
    """What a browser would send for one form, and the values each field offers."""

    def __init__(self, url: str, fields: list[Element], multipart: bool) -> None:
        self.url, self.multipart, self.found = url, multipart, bool(fields)
        self.names = sorted({el.get("name") or "" for el in fields} - {"csrf_token"})
        self.files = sorted({el.get("name") or "" for el in fields if el.get("type") == "file"})
        self.defaults: list[tuple[str, str]] = []
        # Sent as shown when the form is mangled (so that the form itself gets read): hidden
        # fields (the record's version, the action), the CSRF token, the button pressed.
        self.kept: set[str] = set()
        self.offered: dict[str, list[str]] = {}
        for el in fields:
            name = el.get("name") or ""
            if name == "csrf_token" or name in self.files:
                continue
            kind = (el.get("type") or "").lower()
            values = self.offered.setdefault(name, [])
            if el.tag == "select":
                options = el.select("option")
                values += [o.get("value", o.text) or "" for o in options]
                chosen = [o for o in options if "selected" in o.attrs] or options[:1]
                self.defaults += (
                    [(name, chosen[0].get("value", chosen[0].text) or "")] if chosen else []
                )
            elif el.tag == "textarea":
                self.defaults.append((name, el.text))
            elif el.tag == "button" or kind == "submit":
                values.append(el.get("value") or "")
                if not any(n == name for n, _ in self.defaults):  # the button pressed
                    self.defaults.append((name, el.get("value") or ""))
                    self.kept.add(name)
            elif kind in ("checkbox", "radio"):
                values.append(el.get("value", "on") or "on")
                if "checked" in el.attrs:
                    self.defaults.append((name, el.get("value", "on") or "on"))
            else:
                values.append(el.get("value") or "")
                self.defaults.append((name, el.get("value") or ""))
                if kind == "hidden":
                    self.kept.add(name)

    def take_hidden_values(self, hidden: dict[str, str]) -> None:
        """The hidden values (the record's version) the page shows after a save. Only values:
        what hypothesis draws from (names, choices) must stay as it was."""
        self.defaults = [
            (name, hidden.get(name, value) if name in self.kept else value)
            for name, value in self.defaults
        ]


def find_forms(html: str, pattern: re.Pattern[str]) -> list[FormSpec]:
    """Every form (or htmx element) of the page that posts to the route: a page may hold
    several, e.g. one small form per action on a noncompliance."""
    page = parse(html)
    found = []
    for el in page.iter():
        targets = [el.get("data-hx-post"), el.get("action") if el.tag == "form" else None]
        target = next(
            (t for t in targets if t and pattern.match(t.split("?")[0].split("#")[0])), None
        )
        if target is None:
            continue
        holder = el
        if el.tag != "form":  # a button that posts its table row (data-hx-include="closest tr")
            tr = next((a for a in el.ancestors() if a.tag == "tr"), None)
            holder = tr or next((a for a in el.ancestors() if a.tag == "form"), el)
        multipart = holder.get("enctype") == "multipart/form-data"
        found.append(FormSpec(target.split("#")[0], _fields_in(holder, page), multipart))
    return found


def token_of(html: str) -> str:
    try:
        return csrf_token(html)
    except AssertionError:
        return ""


# --- What is sent, and what must hold --------------------------------------------------------


@st.composite
def payloads(draw: Any, specs: list[FormSpec]) -> tuple[FormSpec, list[tuple[str, Any]]]:
    """One of the route's forms, and its fields mangled: hostile values, dropped, repeated,
    renamed (the CSRF token and the record's version kept, so the form gets read); or random
    pairs of its field names (those two included); or a field over the size limit; or nothing
    (the caller adds the CSRF token or not)."""
    spec = draw(st.sampled_from(specs))
    return spec, draw(_pairs(spec))


@st.composite
def _pairs(draw: Any, spec: FormSpec) -> list[tuple[str, Any]]:
    """One way of sending the form (see payloads)."""
    modes = ["mangle"] * 5 + ["one"] * 4 + ["random"] * 2 + ["browser", "empty", "oversize"]
    mode = draw(st.sampled_from(modes))
    if mode == "empty":
        return []
    if mode == "oversize":
        return [(draw(st.sampled_from(spec.names or ["value"])), OVERSIZE)]
    names = spec.names or ["value"]
    if mode == "one":  # what a browser sends, with one field (hidden ones too) hostile
        name = draw(st.sampled_from(names))
        return [*[p for p in spec.defaults if p[0] != name], (name, draw(HOSTILE))]
    if mode == "random":
        pairs = draw(st.lists(st.tuples(st.sampled_from(names), HOSTILE), max_size=12))
        return list(pairs)
    pairs: list[tuple[str, Any]] = []
    for name, value in spec.defaults:
        if mode == "browser":
            pairs.append((name, value))
            continue
        offered = spec.offered.get(name) or [value]
        if name in spec.kept or name.endswith("csrf_token"):
            pairs.append((name, value))
            continue
        what = draw(st.sampled_from(["keep", "keep", "offered", "hostile", "drop", "repeat"]))
        if what == "keep":
            pairs.append((name, value))
        elif what == "offered":
            pairs.append((name, draw(st.sampled_from(offered))))
        elif what == "hostile":
            pairs.append((name, draw(HOSTILE)))
        elif what == "repeat":
            pairs += [(name, draw(HOSTILE)), (name, draw(st.sampled_from(offered)))]
    if mode == "mangle" and draw(st.booleans()):  # a row index or a field no form has
        base = draw(st.sampled_from(names))
        renamed = re.sub(
            r"-\d+-", lambda _m: f"-{draw(st.sampled_from(['999', '-1', 'x']))}-", base
        )
        pairs.append((renamed if renamed != base else base + "_extra", draw(HOSTILE)))
    for name in spec.files:
        if draw(st.booleans()):
            pairs.append(
                (name, (draw(FILES), draw(st.sampled_from(["a.pdf", "", "x.exe", "..\\a.pdf"]))))
            )
    return pairs


def fingerprint(app, skip: set[str]) -> dict[str, str]:
    """A digest of every row of every table a saved change would touch."""
    digests = {}
    with app.extensions["tandem_engine"].connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            rows = conn.execute(text(f"SELECT * FROM {table.name} ORDER BY 1")).all()  # noqa: S608
            digests[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digests


def post(client, url: str, pairs: list[tuple[str, Any]], multipart: bool, hx: bool):
    headers = dict(HX) if hx else {}
    values = MultiDict()
    for key, value in pairs:
        if isinstance(value, tuple):
            value = FileStorage(io.BytesIO(value[0]), value[1], content_type="application/pdf")
        values.add(key, value)
    if multipart:
        boundary, body = encode_multipart(values)
        content_type = f"multipart/form-data; boundary={boundary}"
        return client.post(url, data=body, content_type=content_type, headers=headers)
    return client.post(url, data=values, headers=headers)
