"""policy/ stays pure: standard library only, and every public rule cites its rule id."""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import policy

pytestmark = pytest.mark.pure

POLICY_DIR = Path(policy.__file__).parent
POLICY_FILES = sorted(POLICY_DIR.rglob("*.py"))
BANNED = {
    "flask",
    "sqlalchemy",
    "werkzeug",
    "jinja2",
    "weasyprint",
    "holidays",
    "models",
    "blueprints",
    "app",
    "wtforms",
    "alembic",
}


def imported_roots(source: str) -> set[str]:
    """Top-level module names a source file imports (relative imports count as policy)."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            roots.add("policy" if node.level else (node.module or "").split(".")[0])
    return roots


def forbidden(roots: set[str]) -> set[str]:
    return {root for root in roots if root in BANNED or root.startswith("flask_")}


def test_checker_catches_a_banned_import() -> None:
    source = "import os\nfrom flask import g\nimport sqlalchemy.orm\nfrom models.db import x\n"
    assert forbidden(imported_roots(source)) == {"flask", "sqlalchemy", "models"}
    assert forbidden(imported_roots("import flask_login\n")) == {"flask_login"}


def test_policy_has_the_expected_modules() -> None:
    names = {path.name for path in POLICY_FILES}
    assert {"__init__.py", "calendar.py", "deadlines.py", "findings.py", "hours.py"} <= names


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: p.name)
def test_no_app_or_framework_imports(path: Path) -> None:
    assert forbidden(imported_roots(path.read_text(encoding="utf-8"))) == set()


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: p.name)
def test_standard_library_only(path: Path) -> None:
    allowed = set(sys.stdlib_module_names) | {"policy", "__future__"}
    assert imported_roots(path.read_text(encoding="utf-8")) - allowed == set()


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: p.name)
def test_files_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 250


def test_importing_policy_loads_no_framework() -> None:
    code = (
        "import sys, policy, policy.calendar, policy.hours, policy.deadlines\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {sorted(BANNED)!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=POLICY_DIR.parent,
    )
    assert result.stdout.strip() == ""


def public_callables() -> list[object]:
    found: list[object] = []
    for path in POLICY_FILES:
        if path.name == "__init__.py":
            continue
        module = importlib.import_module(f"policy.{path.stem}")
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                qualified = f"{module.__name__}.{name}"
                found.append(pytest.param(qualified, obj, id=qualified))
    return found


@pytest.mark.parametrize(("name", "obj"), public_callables())
def test_public_functions_and_classes_cite_a_rule(name: str, obj: object) -> None:
    doc = inspect.getdoc(obj) or ""
    assert "R-" in doc, f"{name} has no docstring citing an R-.. rule id"
