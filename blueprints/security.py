"""Response headers every page carries (security.md tests 26–28)."""

from __future__ import annotations

import uuid

from flask import Flask, Response, g, request

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

# Addresses whose path is the credential: share links and calendar feeds (security.md 17). They
# must not leak through a Referer nor be indexed.
CAPABILITY_PATHS = ("/s/", "/calendar/")


def init_app(app: Flask) -> None:
    @app.before_request
    def _request_id() -> None:
        g.request_id = str(uuid.uuid4())

    @app.after_request
    def _headers(response: Response) -> Response:
        h = response.headers
        h.setdefault("Content-Security-Policy", CSP)
        h["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        h["X-Content-Type-Options"] = "nosniff"
        # same-origin, not no-referrer: Flask-WTF's HTTPS CSRF check needs the Referer.
        h.setdefault("Referrer-Policy", "same-origin")
        h["Cross-Origin-Opener-Policy"] = "same-origin"
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        h["X-Request-ID"] = g.get("request_id", "")
        if request.path.startswith(CAPABILITY_PATHS):
            h["Referrer-Policy"] = "no-referrer"
            h["X-Robots-Tag"] = "noindex, nofollow"
        if request.endpoint != "static":
            # Case data must not sit in any cache, nor in the browser's back/forward cache.
            h["Cache-Control"] = "no-store"
            response.vary.add("HX-Request")
        return response
