"""Plain, generic error pages: never a stack trace (ASVS 13.4.2, 16.5.1)."""

from __future__ import annotations

from typing import Any

from flask import Flask, g, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from .database_errors import database_reason, waiting_helps

MESSAGES = {
    400: ("The request could not be understood", "Go back, reload the page and try again."),
    403: (
        "You do not have access to this page",
        "If you need it for your work, ask your supervisor.",
    ),
    404: ("Page not found", "The address may be mistyped, or the record is not on your caseload."),
    405: ("That action is not allowed here", "Go back and use the buttons on the page."),
    409: (
        "Someone else changed this record",
        "Reload to see their changes, then make yours again.",
    ),
    410: ("This link has ended", "Ask the employment counselor for a new link."),
    413: (
        "That was too much to send at once",
        "A scan may be up to 10 MB and a PDF to check up to 20 MB; a form is far smaller. "
        "Go back, choose a smaller file or remove rows, and try again.",
    ),
    429: ("Too many requests", "Wait a few minutes and try again."),
    500: ("Something went wrong on our side", "Your saved work is safe. Try again in a moment."),
    503: (
        "Tandem is busy for a moment",
        "What you just did was not saved. Wait a few seconds and try again; if you were saving "
        "a form, go back: what you typed is still there.",
    ),
}
BUSY_RETRY_SECONDS = 5


def render_error(status: int, detail: str | None = None) -> tuple[str, int]:
    title, hint = MESSAGES.get(status, MESSAGES[500])
    return render_template(
        "errors/error.html", status=status, title=title, hint=detail or hint
    ), status


def _drop_failed_transaction() -> None:
    """The error page reads the signed-in user again, which a session whose flush failed would
    refuse (PendingRollbackError), leaving a bare server error instead of this page."""
    db = g.get("db")
    if db is not None:
        db.rollback()


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(_exc: CSRFError) -> Any:
        return render_error(
            400,
            "This form has expired or did not come from Tandem. "
            "Go back, reload the page and send it again.",
        )

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Any:
        response = render_error(exc.code or 500)
        if exc.code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
            return (*response, {"Allow": ", ".join(exc.valid_methods)})
        return response

    @app.errorhandler(OperationalError)
    def _database(exc: OperationalError) -> Any:
        if not waiting_helps(exc):
            return _unexpected(exc)
        _drop_failed_transaction()
        # One line: the cause is outside the request (another writer, the server); no values.
        app.logger.warning("database busy: %s", database_reason(exc))
        return (*render_error(503), {"Retry-After": str(BUSY_RETRY_SECONDS)})

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        app.logger.exception("unhandled error")
        _drop_failed_transaction()
        return render_error(500)
