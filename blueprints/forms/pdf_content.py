"""What an uploaded scan may contain before it is embedded in a signed record: pages, images and
text, never code or files (issue 12). A wet-ink scan travels on to the social worker inside the
signed PDF/A, so a PDF with JavaScript, a launch action or an attached file is refused."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Keys and action types that run something or carry a file (ISO 32000-1 §12.6, §7.11.4).
FORBIDDEN_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/XFA"})
FORBIDDEN_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
)
MAX_OBJECTS = 200_000  # a scan has a few hundred; a file with more is not a scan


class UnsafePdf(ValueError):
    """The PDF holds something a scan of signed pages never needs; the message says what."""


def _walk(root: Any) -> str | None:
    """The first forbidden thing found in the object graph, or None."""
    stack, seen, count = [root], set(), 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        count += 1
        if count > MAX_OBJECTS:
            return "too many objects for a scan"
        if isinstance(obj, DictionaryObject):
            for name, value in obj.items():
                if name in FORBIDDEN_KEYS:
                    return name.lstrip("/")
                if name == "/S" and isinstance(value, NameObject) and value in FORBIDDEN_ACTIONS:
                    return f"a {value.lstrip('/')} action"
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return None


def check_scan(data: bytes) -> None:
    """Raise UnsafePdf when the PDF cannot be read or carries code, actions or files."""
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UnsafePdf("The PDF is password-protected. Scan the signed pages again.")
        found = _walk(reader.trailer["/Root"])
        pages = len(reader.pages)
    except (PdfReadError, KeyError, ValueError, TypeError, RecursionError) as exc:
        if isinstance(exc, UnsafePdf):
            raise
        raise UnsafePdf("The PDF cannot be read. Scan the signed pages again.") from None
    if found:
        raise UnsafePdf(
            f"The PDF contains {found}, which a scan of signed pages never needs. Scan the "
            "paper pages again (print to PDF from the scanner, not from another program)."
        )
    if pages == 0:
        raise UnsafePdf("The PDF has no pages.")
