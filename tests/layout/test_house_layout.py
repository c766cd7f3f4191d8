"""The house plan holds (README "Layout"): tables at the root of models/, operations/ changes
rows, queries/ reads them, demo/ is seed data, policy/ decides; no import circle; small files."""

from __future__ import annotations

import pytest

from .imports import ROOT, cycles, graph, module_name, source_files

pytestmark = pytest.mark.pure

MAX_LINES = 400
# The root of models/: tables, and the plumbing every table needs.
MODELS_INFRASTRUCTURE = {"models", "models.base", "models.db", "models.migrate", "models.enums"}


def _layer(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "models" and len(parts) > 2 and parts[1] in ("operations", "queries", "demo"):
        return f"models.{parts[1]}"
    if parts[0] == "models":
        return "models" if module in MODELS_INFRASTRUCTURE else "tables"
    return parts[0]


# Which layer may import which (besides itself). Anything not listed is a layering mistake.
ALLOWED = {
    "policy": set(),
    "tables": {"models", "policy"},
    "models": {"tables", "policy"},
    "models.queries": {"tables", "models", "policy"},
    "models.operations": {"tables", "models", "models.queries", "policy"},
    "models.demo": {"tables", "models", "models.queries", "models.operations", "policy"},
    "blueprints": {
        "tables",
        "models",
        "models.queries",
        "models.operations",
        "models.demo",
        "policy",
    },
    "app": {"blueprints", "tables", "models", "policy"},
}


def test_no_import_circle_among_the_projects_modules():
    assert cycles(graph()) == []


def test_no_source_file_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in source_files()
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for module, targets in graph().items():
        layer = _layer(module)
        if layer not in ALLOWED:  # tests and bench may use anything
            continue
        for target in targets:
            other = _layer(target)
            if other != layer and other not in ALLOWED[layer]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_every_module_under_models_is_in_its_place():
    """No operation, query or demo module is left at the root of models/."""
    root_modules = {
        module_name(p) for p in (ROOT / "models").glob("*.py") if p.name != "__init__.py"
    }
    misplaced = {m for m in root_modules if m.endswith(("_ops", "_view", "_query"))}
    misplaced |= {m for m in root_modules if m.rpartition(".")[2].startswith("demo")}
    assert misplaced == set()
