"""The baseline of issue 14: a bare Flask app under the same gunicorn flags as Tandem.

`/` answers "hello"; `/file.pdf` serves BENCH_STATIC_FILE with Flask's send_file (how a static
file is served), so a stored signed PDF's download can be set beside the same bytes as a file.
"""

from __future__ import annotations

import os

from flask import Flask, send_file


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/")
    def hello() -> str:
        return "hello"

    @app.get("/file.pdf")
    def static_file():  # type: ignore[no-untyped-def]
        return send_file(os.environ["BENCH_STATIC_FILE"], mimetype="application/pdf")

    return app
