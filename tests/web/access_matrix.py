"""The authorization matrix (OWASP authorization-testing automation): every route × every role.
A new route without a row here fails test_every_route_has_a_decision."""

from __future__ import annotations

# (method, path): expected status for anonymous, ec, supervisor, admin.
# 302 for anonymous GET = redirect to sign-in. POSTs are sent with a valid CSRF token.
MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/"): {"anonymous": 302, "ec": 302, "supervisor": 302, "admin": 302},
    ("GET", "/cases"): {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 403},
    ("GET", "/admin/users"): {"anonymous": 302, "ec": 403, "supervisor": 403, "admin": 200},
    ("GET", "/login"): {"anonymous": 200, "ec": 302, "supervisor": 302, "admin": 302},
    ("POST", "/logout"): {"anonymous": 302, "ec": 302, "supervisor": 302, "admin": 302},
    ("GET", "/account"): {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 200},
    # A POST without the fields re-renders the form with its errors (200).
    ("POST", "/account/password"): {"anonymous": 302, "ec": 200, "supervisor": 200, "admin": 200},
    ("POST", "/admin/users/<int:user_id>/disable"): {
        "anonymous": 302,
        "ec": 403,
        "supervisor": 403,
        "admin": 302,
    },
    ("POST", "/admin/users/<int:user_id>/enable"): {
        "anonymous": 302,
        "ec": 403,
        "supervisor": 403,
        "admin": 302,
    },
    ("GET", "/health"): {"anonymous": 200, "ec": 200, "supervisor": 200, "admin": 200},
}


def _merge_area_rows() -> None:
    """Each area keeps its rows in tests/web/access_rows_<area>.py (ROWS: same shape)."""
    import importlib
    import pkgutil
    from pathlib import Path

    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name.startswith("access_rows_"):
            rows = importlib.import_module(f"tests.web.{info.name}").ROWS
            clash = set(rows) & set(MATRIX)
            assert not clash, f"{info.name} repeats rows: {clash}"
            MATRIX.update(rows)


_merge_area_rows()
# Rules that are not pages of their own (served files, or the POST twin of a listed GET).
NOT_IN_MATRIX = {"static", "auth.login_post"}
