"""A bounded memo for pure rule functions whose answers are frozen (findings, tuples).

The live plan preview asks the same questions after every pause in typing, for every row, and
all but the row being typed in are what they were (issue 14: "it re-validates every row").
Each worker keeps the last answers. Arguments that cannot be hashed (bad input from a caller
outside the app) are answered without the memo, so the function behaves as it always did.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def pure_cache(maxsize: int) -> Callable[[F], F]:
    """Keep up to ``maxsize`` answers of a pure function whose answers are frozen: the row
    findings the preview shows after each pause in typing (R-CF-04, R-PL-03)."""

    def decorate(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)

        @wraps(fn)
        def call(*args: Any) -> Any:
            try:
                return cached(*args)  # hashes the arguments once, on the way in
            except TypeError:
                try:
                    hash(args)
                except TypeError:  # not hashable: answered as without the memo
                    return fn(*args)
                raise  # the function's own error, raised as without the memo

        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return decorate
