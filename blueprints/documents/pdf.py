"""WeasyPrint behind a locked door: only the app's own static files, a time limit, PDF/A.

- The URL fetcher serves ``tandem-static:<path>`` from ``static/`` (fonts, the print stylesheet)
  and refuses everything else: no network, no ``file:``, no ``data:`` — a document cannot
  reach outside the app even if a template or a value tried to (CVE-2024-28184 class).
- Rendering runs in a child process of the machine's render service (render_service.py) with a
  deadline, at a lower priority and a bounded number at a time, so a pathological document
  (thousands of rows) ends with a clear message instead of tying up a worker, and printing
  never takes the CPU from the live preview.
- The same HTML gives the same bytes: a fixed PDF identifier and no wall-clock dates, so a
  stored file's SHA-256 can be recomputed and compared.
"""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import render_service

STATIC_SCHEME = "tandem-static:"
SERVED_SUFFIXES = frozenset({".ttf", ".otf", ".css", ".svg", ".png"})
ARCHIVE_VARIANT = "pdf/a-3a"  # archival (PDF/A-3, attachments allowed) and tagged (level A)
DEFAULT_TIME_LIMIT = 20.0
DEFAULT_QUEUE_LIMIT = 8.0  # with the time limit, under gunicorn's 30 s worker timeout


class RenderError(Exception):
    """The document could not be made; the message is for the EC."""


class RenderTimeout(RenderError):
    pass


class RenderBusy(RenderError):
    """Every render slot stayed busy for the whole queue limit."""


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


PRINT_UA = Path(__file__).with_name("print_ua.css")


def _lean_html_class() -> Any:
    """weasyprint.HTML with print_ua.css as its user-agent stylesheet instead of the whole
    HTML5 one (a third of a WTW 2's drawing time; see that file). The override point is
    HTML._ua_stylesheets; test_print_ua.py checks WeasyPrint still calls it."""
    import weasyprint
    from weasyprint.html import UA_COUNTER_STYLE

    sheet = weasyprint.CSS(string=PRINT_UA.read_text(), counter_style=UA_COUNTER_STYLE)

    class PrintHTML(weasyprint.HTML):  # type: ignore[misc]
        ua_sheet = sheet

        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [sheet]

    return PrintHTML


_PRINT_HTML: Any = None


def print_html_class() -> Any:
    global _PRINT_HTML
    if _PRINT_HTML is None:  # built once per process (the render service warms it up)
        _PRINT_HTML = _lean_html_class()
    return _PRINT_HTML


def _write(
    html: str, static_root: str, identifier: bytes, attachments: Sequence[Attachment], variant: str
) -> bytes:
    import weasyprint

    fetcher = static_fetcher(Path(static_root))
    document = print_html_class()(string=html, base_url=STATIC_SCHEME, url_fetcher=fetcher)
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


WARM_UP = (
    '<html><head><style>@font-face { font-family: "DejaVu Sans"; '
    'src: url("tandem-static:fonts/DejaVuSans.ttf"); } html { font: 9pt "DejaVu Sans"; }'
    "</style></head><body><p>Tandem</p><table><tr><td>1</td></tr></table></body></html>"
)


def serve_documents(path: str, slots: int) -> None:
    """The render service's main (render_service.serve with this module's writer)."""
    static_root = Path(__file__).resolve().parents[2] / "static"

    def warm() -> None:  # WeasyPrint, fonts and Pango loaded once, before any child is forked
        _write(WARM_UP, str(static_root), b"0" * 16, (), ARCHIVE_VARIANT)

    def write(header: dict[str, Any], files: list[dict[str, Any]]) -> bytes:
        attachments = tuple(
            Attachment(f["name"], f["data"], f["description"], datetime.fromisoformat(f["created"]))
            for f in files
        )
        return _write(
            header["html"],
            header["static_root"],
            bytes.fromhex(header["identifier"]),
            attachments,
            header["variant"],
        )

    render_service.serve(Path(path), slots, warm, write)


def render_pdf(
    html: str,
    *,
    static_root: Path,
    document_id: str,
    attachments: Sequence[Attachment] = (),
    variant: str = ARCHIVE_VARIANT,
    time_limit: float = DEFAULT_TIME_LIMIT,
    queue_limit: float = DEFAULT_QUEUE_LIMIT,
) -> bytes:
    """PDF bytes for ``html``; the same arguments always give the same bytes. Drawn by the
    machine's render service (render_service.py): lower priority, bounded, one child each."""
    header = {
        "html": html,
        "static_root": str(static_root),
        "identifier": hashlib.sha256(document_id.encode()).digest()[:16].hex(),
        "variant": variant,
        "attachments": [
            {"name": a.name, "description": a.description, "created": a.created.isoformat()}
            for a in attachments
        ],
    }
    try:
        return render_service.render(
            header,
            [a.data for a in attachments],
            time_limit=time_limit,
            queue_limit=queue_limit,
        )
    except render_service.Busy:
        raise RenderBusy(
            "Other documents are being built right now and this one could not start within "
            f"{queue_limit:g} seconds. Nothing was lost: try again in a minute."
        ) from None
    except render_service.TimedOut:
        raise RenderTimeout(
            f"The document took longer than {time_limit:g} seconds to build and was "
            "stopped. It is probably far too long; shorten the date range or the list."
        ) from None
    except render_service.Failed as exc:
        detail = str(exc)
        if not detail:  # no answer at all: the child crashed or was stopped
            raise RenderError("The document could not be built. Try again in a moment.") from None
        raise RenderError("The document could not be built: " + detail) from None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
