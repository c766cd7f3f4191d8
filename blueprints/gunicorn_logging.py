"""Gunicorn access log without share-link tokens (`--logger-class` in the Makefile).

The access log records the request path, and a share link's token is in its path; every atom
that can hold the path or the referring URL is redacted before formatting (security.md 20).
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from .logs import redact


class RedactingLogger(Logger):  # type: ignore[misc]
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in list(atoms.items()):
            if isinstance(value, str) and "/s/" in value:
                atoms[key] = redact(value)
        return atoms
