"""How much a request may carry (issue 12): uploads up to the largest file a page accepts, and
ordinary forms up to a size no person types. Werkzeug bounds multipart forms itself
(MAX_FORM_MEMORY_SIZE, MAX_FORM_PARTS); a url-encoded body is bounded here before it is read."""

from __future__ import annotations

from flask import Flask, abort, request

URLENCODED = "application/x-www-form-urlencoded"


def init_app(app: Flask) -> None:
    @app.before_request
    def _bounded_form() -> None:
        if request.mimetype == URLENCODED:
            limit = app.config["MAX_FORM_MEMORY_SIZE"]
            if (request.content_length or 0) > limit:
                abort(413)
