"""Read a page as a browser would, for assertions: an element tree built with the standard
library's html.parser (no third-party HTML parser is installed, and the tests add none), simple
CSS selectors, and the questions tests ask of a page: an element's text, a field's value, a
select's options, the links, the CSRF token.

Asserting on parsed elements, not on slices of the raw page, keeps a check to the part of the
page it is about (a number in the totals, not a clock time elsewhere in the same section)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import NamedTuple

# Elements with no content and no end tag.
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Elements a browser lays out on a line of their own: their text never runs into the next.
BLOCK = frozenset(
    "address article aside blockquote br caption dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr legend li main nav ol optgroup option p pre section "
    "summary table tbody td tfoot th thead tr ul".split()
)
# Elements whose content is never shown as text.
UNSHOWN = frozenset({"script", "style", "template", "head"})
# A start tag that closes an open element of these kinds, as the HTML parsing rules do.
CLOSES = {
    "li": {"li"},
    "option": {"option"},
    "optgroup": {"option", "optgroup"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "p": {"p"},
}


@dataclass(eq=False)
class Element:
    """One element: its tag, attributes (entities decoded) and children (elements and text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = field(default=None, repr=False)
    order: int = 0  # position in document order, to compare where two elements are

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def id(self) -> str | None:
        return self.attrs.get("id")

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        """Every element below this one, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def select(self, selector: str) -> list[Element]:
        """The elements below this one that match a CSS selector (see `_compile`)."""
        steps = _compile(selector)
        return [el for el in self.iter() if _matches(el, steps)]

    def one(self, selector: str) -> Element:
        """The single element below this one that matches; fails the test otherwise."""
        found = self.select(selector)
        assert len(found) == 1, f"{len(found)} elements match {selector!r}"
        return found[0]

    @property
    def text(self) -> str:
        """The text a reader sees: tags dropped, blocks apart, runs of white space as one."""
        parts: list[str] = []
        _collect_text(self, parts)
        return " ".join("".join(parts).split())

    @property
    def inner_html(self) -> str:
        return "".join(_serialize(child) for child in self.children)

    @property
    def outer_html(self) -> str:
        return _serialize(self)


def _collect_text(element: Element, parts: list[str]) -> None:
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag not in UNSHOWN:
            block = child.tag in BLOCK
            parts.append(" " if block else "")
            _collect_text(child, parts)
            parts.append(" " if block else "")


def _serialize(node: Element | str) -> str:
    if isinstance(node, str):
        return escape(node, quote=False)
    attrs = "".join(
        f' {name}="{escape(value)}"' if value else f" {name}" for name, value in node.attrs.items()
    )
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    inner = "".join(
        c if isinstance(c, str) and node.tag in UNSHOWN else _serialize(c) for c in node.children
    )
    return f"<{node.tag}{attrs}>{inner}</{node.tag}>"


class _TreeBuilder(HTMLParser):
    """Builds the Element tree; forgiving like a browser (stray end tags are ignored)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        closes = CLOSES.get(tag, set())
        while len(self.stack) > 1 and self.stack[-1].tag in closes:
            self.stack.pop()
        # The first of two same-named attributes wins, as in a browser.
        values = {name: value or "" for name, value in reversed(attrs)}
        self.count += 1
        element = Element(tag, values, parent=self.stack[-1], order=self.count)
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str | Element) -> Element:
    """The document's root element (an Element is returned as it is)."""
    if isinstance(html, Element):
        return html
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# --- Selectors: tag, #id, .class, [attr], [attr=v], [attr^=v], [attr$=v], [attr*=v], and the
# descendant combinator (a space). Enough for tests; no other combinators or pseudo-classes.

_PART = re.compile(
    r"""\#(?P<id>[\w-]+)
      | \.(?P<cls>[\w-]+)
      | \[(?P<attr>[\w:-]+)(?:(?P<op>[\^$*]?=)(?P<value>"[^"]*"|'[^']*'|[^\]]*))?\]""",
    re.X,
)
_TAG = re.compile(r"[a-zA-Z][\w-]*|\*")


class _Step(NamedTuple):
    tag: str | None
    tests: tuple[tuple[str, str, str | None], ...]  # (kind, name, value)


def _compile(selector: str) -> list[_Step]:
    steps = []
    for compound in re.findall(r"(?:[^\s\[]|\[[^\]]*\])+", selector):
        tag_match = _TAG.match(compound)
        tag = tag_match.group(0) if tag_match else None
        rest = compound[tag_match.end() :] if tag_match else compound
        tests: list[tuple[str, str, str | None]] = []
        while rest:
            part = _PART.match(rest)
            assert part, f"selector not understood: {selector!r}"
            if part["id"]:
                tests.append(("=", "id", part["id"]))
            elif part["cls"]:
                tests.append(("class", "class", part["cls"]))
            else:
                value = part["value"]
                if value is not None and value[:1] in "\"'":
                    value = value[1:-1]
                tests.append((part["op"] or "has", part["attr"], value))
            rest = rest[part.end() :]
        steps.append(_Step(None if tag in (None, "*") else tag.lower(), tuple(tests)))
    assert steps, "empty selector"
    return steps


def _match_one(element: Element, step: _Step) -> bool:
    if step.tag is not None and element.tag != step.tag:
        return False
    for kind, name, value in step.tests:
        actual = element.attrs.get(name)
        if actual is None:
            return False
        if kind == "class" and value not in actual.split():
            return False
        if kind == "=" and actual != value:
            return False
        if kind == "^=" and not actual.startswith(value or ""):
            return False
        if kind == "$=" and not actual.endswith(value or ""):
            return False
        if kind == "*=" and (value or "") not in actual:
            return False
    return True


def _matches(element: Element, steps: list[_Step]) -> bool:
    if not _match_one(element, steps[-1]):
        return False
    remaining = steps[:-1]
    for ancestor in element.ancestors():
        if not remaining:
            break
        if _match_one(ancestor, remaining[-1]):
            remaining = remaining[:-1]
    return not remaining


# --- What tests ask of a page ----------------------------------------------------------------


def elements(html: str | Element, selector: str) -> list[Element]:
    """Every element of the page that matches the selector, in document order."""
    return parse(html).select(selector)


def element(html: str | Element, selector: str) -> Element:
    """The one element of the page that matches the selector; fails if none or several do."""
    return parse(html).one(selector)


def by_id(html: str | Element, id_: str) -> Element:
    """The element with this id."""
    return element(html, f"[id={id_}]")


def text_of(html: str | Element, selector: str | None = None) -> str:
    """The visible text of the page, or of the one element that matches the selector."""
    root = parse(html)
    return (root.one(selector) if selector else root).text


def definitions(html: str | Element, selector: str) -> dict[str, str]:
    """A description list (<dl>) as {term text: description text}."""
    found = element(html, selector)
    terms = found.select("dt")
    return {dt.text: _next_sibling(dt, "dd").text for dt in terms}


def _next_sibling(element: Element, tag: str) -> Element:
    assert element.parent is not None
    siblings = [c for c in element.parent.children if isinstance(c, Element)]
    following = siblings[siblings.index(element) + 1 :]
    return next(s for s in following if s.tag == tag)


def field_value(html: str | Element, name: str) -> str | None:
    """What the form would send for the field `name`, as a browser fills it in: an input's
    value, a textarea's text, a select's chosen option, the ticked radio or checkbox (None when
    nothing is ticked or there is no such field)."""
    fields = [
        el
        for el in parse(html).select(f"[name={name}]")
        if el.tag in ("input", "select", "textarea")
    ]
    for el in fields:
        if el.tag == "textarea":
            return "".join(c for c in el.children if isinstance(c, str)).removeprefix("\n")
        if el.tag == "select":
            options = el.select("option")
            chosen = [o for o in options if "selected" in o.attrs] or options[:1]
            return _option_value(chosen[0]) if chosen else None
        if el.get("type", "text").lower() in ("radio", "checkbox"):
            if "checked" in el.attrs:
                return el.get("value", "on")
            continue
        return el.get("value", "")
    return None


class Option(NamedTuple):
    value: str
    text: str
    selected: bool
    group: str | None  # the label of the <optgroup> it sits in


def _option_value(option: Element) -> str:
    value = option.get("value")
    return option.text if value is None else value


def select_options(html: str | Element, name: str) -> list[Option]:
    """The options of the select named `name`, in order, with their group."""
    select = element(html, f"select[name={name}]")
    return [
        Option(
            _option_value(o),
            o.text,
            "selected" in o.attrs,
            o.parent.get("label") if o.parent and o.parent.tag == "optgroup" else None,
        )
        for o in select.select("option")
    ]


class Link(NamedTuple):
    text: str
    href: str


def links(html: str | Element) -> list[Link]:
    """Every link (<a href>) with its visible text, in document order."""
    return [Link(a.text, a.get("href") or "") for a in elements(html, "a[href]")]


def link_to(html: str | Element, text: str) -> str:
    """The href of the first link whose visible text is `text`."""
    found = [link.href for link in links(html) if link.text == text]
    assert found, f"no link reads {text!r}"
    return found[0]


def urls(html: str | Element) -> list[str]:
    """Every src and href value on the page (empty ones left out)."""
    root = parse(html)
    return [value for el in root.iter() for name in ("src", "href") if (value := el.get(name))]


def csrf_token(html: str | Element) -> str:
    """The CSRF token a form or htmx would send: a hidden csrf_token field, or the
    X-CSRFToken header that data-hx-headers sets."""
    root = parse(html)
    for field_ in root.select("input[name=csrf_token]"):
        if field_.get("value"):
            return field_.get("value") or ""
    for holder in root.select("[data-hx-headers]"):
        headers = json.loads(holder.get("data-hx-headers") or "{}")
        if headers.get("X-CSRFToken"):
            return headers["X-CSRFToken"]
    raise AssertionError("page carries no CSRF token")
