"""Static files addressed by their content, so a browser keeps them (issue 14).

Every page links six files (USWDS, three style sheets, htmx, the icon). Served with Flask's
default `no-cache`, a browser asked for each again on every page view: six more requests, each
answered 304 by the app after loading the session. Here `url_for('static', ...)` adds `v=`, the
first 12 hex digits of the file's SHA-256, and a request naming the file's current digest is
answered `Cache-Control: public, max-age=31536000, immutable`: the browser does not ask again
until a release changes the file, and then its address changes with it. A request with no
digest or a stale one (a page cached before the release) still gets the file, with `no-cache`.

Static files are the same for everyone and say nothing about a case, so they are read without a
session (blueprints/sessions.py): no database query, and fetching them does not count as the
user being active.
"""

from __future__ import annotations

import hashlib
import os
import threading
from typing import Any

from flask import Flask, Response, request

YEAR = 31_536_000
DIGITS = 12


class Fingerprints:
    """File name → short SHA-256 of its content, read again when the file's size or time changes
    (so `flask run --debug` never serves a stale address)."""

    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        # name -> (path, (mtime, size), digest); every page asks for six names, so a known
        # name costs one stat, not the path resolution that keeps names inside the folder.
        self._known: dict[str, tuple[str, tuple[int, int], str]] = {}
        self._lock = threading.Lock()

    def of(self, filename: str) -> str | None:
        known = self._known.get(filename)
        if known is not None:
            path = known[0]
        else:
            path = os.path.realpath(os.path.join(self.root, filename))
            if not path.startswith(self.root + os.sep):
                return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        if known is not None and known[1] == stamp:
            return known[2]
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()[:DIGITS]
        with self._lock:
            self._known[filename] = (path, stamp, digest)
        return digest


def init_app(app: Flask) -> None:
    fingerprints = Fingerprints(app.static_folder or "static")
    app.extensions["tandem_static_fingerprints"] = fingerprints

    @app.url_defaults
    def _add_version(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            digest = fingerprints.of(values["filename"])
            if digest:
                values["v"] = digest

    @app.after_request
    def _keep(response: Response) -> Response:
        if request.endpoint != "static" or response.status_code not in (200, 304):
            return response
        filename = (request.view_args or {}).get("filename", "")
        wanted = request.args.get("v")
        if wanted and wanted == fingerprints.of(filename):
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        return response


def is_static_path(app: Flask, path: str) -> bool:
    return bool(app.static_url_path) and path.startswith(f"{app.static_url_path}/")
