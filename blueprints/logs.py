"""Application logging: one line per record, request id attached, control characters escaped
(log injection, ASVS 16.4.1). Never log form data, tokens or client details (16.2.5)."""

from __future__ import annotations

import logging
import re

from flask import Flask, g, has_request_context

# A share-link token is a bearer credential in the URL path: no log line may carry it (16.2.5).
SHARE_TOKEN_IN_PATH = re.compile(r"/s/[A-Za-z0-9_-]+")
# So is an EC's calendar-feed token (/calendar/<token>.ics, issue 15).
FEED_TOKEN_IN_PATH = re.compile(r"/calendar/[A-Za-z0-9_-]+(?=\.ics)")


def redact(text: str) -> str:
    text = SHARE_TOKEN_IN_PATH.sub("/s/[redacted]", text)
    return FEED_TOKEN_IN_PATH.sub("/calendar/[redacted]", text)


def escape_control(text: str) -> str:
    """Newlines, escape sequences and other control characters as visible escapes."""
    return text.encode("unicode_escape").decode("ascii")


class RequestFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return escape_control(redact(super().format(record)))


class RedactShareTokens(logging.Filter):
    """For loggers we do not format ourselves (the development server's request lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True


def configure_logging(app: Flask) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        RequestFormatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(logging.INFO)
    for logger in (app.logger, logging.getLogger("werkzeug")):
        if not any(isinstance(f, RedactShareTokens) for f in logger.filters):
            logger.addFilter(RedactShareTokens())
