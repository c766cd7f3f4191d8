"""Text for every page that costs a query, worked out only if the page shows it.

The context processor runs for every template, the htmx partials included (the plan preview
answers after each pause in typing); the navigation's counts are only drawn by full pages.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import escape


class LazyText:
    """Jinja asks ``{% if x %}`` (bool) and ``{{ x }}`` (HTML): the first of either computes it."""

    __slots__ = ("_make", "_text")

    def __init__(self, make: Callable[[], str]) -> None:
        self._make: Callable[[], str] | None = make
        self._text = ""

    def __str__(self) -> str:
        if self._make is not None:
            self._text, self._make = self._make(), None
        return self._text

    def __bool__(self) -> bool:
        return bool(str(self))

    def __html__(self) -> str:
        return str(escape(str(self)))

    def __eq__(self, other: object) -> bool:
        return str(self) == other

    __hash__ = None  # type: ignore[assignment]
