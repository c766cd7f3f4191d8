"""The `documents` blueprint object, apart from the modules that add routes to it (no import circle)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("documents", __name__)
