"""Application logging: one line per record, request id attached, control characters escaped
(log injection, ASVS 16.4.1). Never log form data, tokens or client details (16.2.5)."""

from __future__ import annotations

import logging

from flask import Flask, g, has_request_context


class RequestFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        line = super().format(record)
        return line.encode("unicode_escape").decode("ascii")


def configure_logging(app: Flask) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        RequestFormatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(logging.INFO)
