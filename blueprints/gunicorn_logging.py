"""Gunicorn access log without share-link tokens (`--logger-class` in the Makefile).

The access log records the request path, and a share link's token is in its path; every atom
that can hold the path or the referring URL is redacted before formatting (security.md 20).
Every atom is also escaped: a path with %0A or raw ANSI escapes must not forge a log line or
repaint a terminal (log injection, ASVS 16.4.1, security.md 35).
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from .logs import escape_control, redact


class RedactingLogger(Logger):  # type: ignore[misc]
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in list(atoms.items()):
            if isinstance(value, str):
                atoms[key] = escape_control(
                    redact(value) if "/s/" in value or "/calendar/" in value else value
                )
        return atoms
