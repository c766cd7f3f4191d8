"""WeasyPrint behind a locked door: only the app's own static files, a time limit, PDF/A.

- The URL fetcher serves ``tandem-static:<path>`` from ``static/`` (fonts, the print stylesheet)
  and refuses everything else: no network, no ``file:``, no ``data:`` — a document cannot
  reach outside the app even if a template or a value tried to (CVE-2024-28184 class).
- Rendering runs in a child process with a deadline, so a pathological document (thousands of
  rows) ends with a clear message instead of tying up a worker.
- The same HTML gives the same bytes: a fixed PDF identifier and no wall-clock dates, so a
  stored file's SHA-256 can be recomputed and compared.
"""

from __future__ import annotations

import hashlib
import mimetypes
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

STATIC_SCHEME = "tandem-static:"
SERVED_SUFFIXES = frozenset({".ttf", ".otf", ".css", ".svg", ".png"})
ARCHIVE_VARIANT = "pdf/a-3a"  # archival (PDF/A-3, attachments allowed) and tagged (level A)
DEFAULT_TIME_LIMIT = 20.0


class RenderError(Exception):
    """The document could not be made; the message is for the EC."""


class RenderTimeout(RenderError):
    pass


class RefusedURL(ValueError):
    pass


def _fetcher_class() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """Serves files under static/ by the tandem-static: scheme; refuses every other URL."""

        def __init__(self, static_root: Path) -> None:
            super().__init__(allowed_protocols=())
            self.root = static_root.resolve()

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith(STATIC_SCHEME):
                raise RefusedURL(f"documents may not load {url.split(':', 1)[0]}: URLs")
            relative = url[len(STATIC_SCHEME) :].split("?", 1)[0].split("#", 1)[0]
            path = (self.root / relative).resolve()
            if not path.is_relative_to(self.root) or path.suffix.lower() not in SERVED_SUFFIXES:
                raise RefusedURL("documents may only load the app's fonts, styles and images")
            if not path.is_file():
                raise RefusedURL("no such static file")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})

    return StaticOnlyFetcher


def static_fetcher(static_root: Path) -> Any:
    return _fetcher_class()(static_root)


@dataclass(frozen=True)
class Attachment:
    """A file carried inside the PDF (PDF/A-3), e.g. the scan of a wet-ink signature page."""

    name: str
    data: bytes
    description: str = ""
    created: datetime = datetime(2000, 1, 1, tzinfo=UTC)  # fixed by the caller (upload time)


def _write(
    html: str, static_root: str, identifier: bytes, attachments: Sequence[Attachment], variant: str
) -> bytes:
    import weasyprint

    fetcher = static_fetcher(Path(static_root))
    document = weasyprint.HTML(string=html, base_url=STATIC_SCHEME, url_fetcher=fetcher)
    files = [
        weasyprint.Attachment(
            string=a.data,
            name=a.name,
            description=a.description or a.name,
            created=a.created,
            modified=a.created,  # otherwise "now", and the same input would give other bytes
        )
        for a in attachments
    ]
    return document.write_pdf(
        pdf_variant=variant or None,
        pdf_identifier=identifier,
        attachments=files or None,
        pdf_tags=True,
        uncompressed_pdf=False,
    )


def _child(conn: Any, args: tuple[Any, ...]) -> None:
    try:
        conn.send(("ok", _write(*args)))
    except Exception as exc:  # reported to the parent, which turns it into a RenderError
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _context() -> Any:
    """A forkserver: children fork from a small single-threaded server that has WeasyPrint
    loaded, never from the threaded web worker (forking a threaded process can copy a held
    lock and hang the child)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["weasyprint", "blueprints.documents.pdf"])
    return context


def render_pdf(
    html: str,
    *,
    static_root: Path,
    document_id: str,
    attachments: Sequence[Attachment] = (),
    variant: str = ARCHIVE_VARIANT,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> bytes:
    """PDF bytes for ``html``; the same arguments always give the same bytes."""
    identifier = hashlib.sha256(document_id.encode()).digest()[:16]
    args = (html, str(static_root), identifier, tuple(attachments), variant)
    context = _context()
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, args), daemon=True)
    process.start()
    child.close()
    try:
        if not parent.poll(time_limit):
            raise RenderTimeout(
                f"The document took longer than {time_limit:g} seconds to build and was "
                "stopped. It is probably far too long; shorten the date range or the list."
            )
        status, payload = parent.recv()
    except EOFError:
        raise RenderError("The document could not be built. Try again in a moment.") from None
    finally:
        if process.is_alive():
            process.terminate()
        process.join(timeout=5)
        parent.close()
    if status != "ok":
        raise RenderError("The document could not be built: " + str(payload))
    assert isinstance(payload, bytes)
    return payload


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
