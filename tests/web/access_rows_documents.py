"""Access rows for the printed forms (merged into access_matrix.MATRIX). The matrix case has no
plan yet, so the previews answer 404 ("No plan yet") to those who may see the case; document
999 does not exist. tests/documents/test_documents_web.py covers the 200s with a plan."""

from __future__ import annotations

_CASE_PAGE = {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403}
_NO_PLAN = {"anonymous": 302, "ec": 404, "supervisor": 404, "admin": 403}

ROWS: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/cases/<int:case_id>/documents"): _CASE_PAGE,
    ("GET", "/cases/<int:case_id>/documents/wtw2.pdf"): _NO_PLAN,
    ("GET", "/cases/<int:case_id>/documents/scd1811.pdf"): _NO_PLAN,
    ("GET", "/cases/<int:case_id>/documents/1811a.pdf"): _NO_PLAN,
    ("GET", "/cases/<int:case_id>/documents/signed/<int:doc_id>.pdf"): _NO_PLAN,
}
