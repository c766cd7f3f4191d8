"""Documents: the printable WTW 2, SCD/SCZ 1811 and 1811 A; signing; verification (issue 4).

routes.py serves the previews and downloads; signing_routes.py signs and stores; verify_routes.py
checks a PDF or a document id against what was stored.
"""

from __future__ import annotations

from . import routes, signing_routes, verify_routes  # noqa: F401
from .blueprint import bp

__all__ = ["bp"]
