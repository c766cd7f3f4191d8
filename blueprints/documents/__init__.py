"""Documents: the printable WTW 2, SCD/SCZ 1811 and 1811 A; signing; verification (issue 4).

routes.py serves the previews and downloads; signing_routes.py (signing, amendments and
verification) is written separately and is optional until it exists.
"""

from __future__ import annotations

from importlib import import_module

from flask import Blueprint

bp = Blueprint("documents", __name__)

from . import routes  # noqa: E402,F401

try:
    import_module(f"{__name__}.signing_routes")
except ImportError as exc:  # only a missing signing module is tolerated, never a broken one
    if exc.name != f"{__name__}.signing_routes":
        raise
