"""Draft PDFs kept by content hash, so the same draft is never drawn twice (issue 14).

An EC opens the draft, shows it to the participant, opens it again: the plan has not changed, so
the second answer comes from here. The key is the SHA-256 of exactly what the renderer is given
(the document's HTML, which the view model, the language and the templates make, the document
id, the PDF variant) and of the renderer's version: a changed plan, another language, a new
day's "Generated" date or an edited template gives another key, never a stale PDF.

Files live in the app's instance folder (``PDF_DRAFT_CACHE``; "" turns the cache off), 0700,
shared by every worker and app server using that folder; at most ``PDF_DRAFT_CACHE_FILES`` of
them, the least recently used removed first. Only drafts: a signed PDF is always drawn afresh
and stored in the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path

RENDERER_VERSION = "2"  # raise when pdf._write changes what the same HTML turns into
# 2: print_ua.css (the same pixels, other bytes)


@cache
def _renderer() -> str:
    return f"{RENDERER_VERSION}:weasyprint {version('weasyprint')}"


def key(html: str, document_id: str, variant: str) -> str:
    digest = hashlib.sha256(_renderer().encode())
    for part in (document_id, variant, html):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def _prune(folder: Path, keep: int) -> None:
    """Remove the least recently used files beyond `keep` (a hit touches its file)."""
    files = []
    for entry in os.scandir(folder):
        if entry.name.endswith(".pdf"):
            with contextlib.suppress(FileNotFoundError):
                files.append((entry.stat().st_mtime, entry.path))
    for _mtime, path in sorted(files)[: max(0, len(files) - keep)]:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def cached(folder: Path | None, name: str, keep: int, draw: Callable[[], bytes]) -> bytes:
    """The PDF stored under `name`, or `draw()`'s, stored for next time."""
    if folder is None:
        return draw()
    path = folder / f"{name}.pdf"
    try:
        data = path.read_bytes()
        if data.startswith(b"%PDF-"):
            os.utime(path)
            return data
    except OSError:
        pass
    data = draw()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written beside and renamed: a reader never sees half a file.
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as part:
            part.write(data)
        os.replace(part.name, path)
        _prune(folder, keep)
    except OSError:
        pass  # a full or read-only disk costs the next render, never this answer
    return data
