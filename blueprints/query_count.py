"""For bench/ only: with TANDEM_BENCH_COUNT_SQL=1 every response carries `X-Tandem-Queries`, the
number of SQL statements the request ran before its response was built (the server-side session
save that follows is not counted). Off by default, and then nothing is registered at all."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, has_request_context
from sqlalchemy import event

HEADER = "X-Tandem-Queries"


def init_app(app: Flask) -> None:
    if not app.config.get("BENCH_COUNT_SQL"):
        return

    def _count(*_args: Any) -> None:
        # The listener runs on the request's own thread, so `g` is that request's.
        if has_request_context():
            g.tandem_queries = g.get("tandem_queries", 0) + 1

    event.listen(app.extensions["tandem_engine"], "before_cursor_execute", _count)

    @app.after_request
    def _header(response: Response) -> Response:
        response.headers[HEADER] = str(g.get("tandem_queries", 0))
        return response
