"""The shape of the code base: what `lint-imports` cannot see.

The layering contract itself lives in ``pyproject.toml`` and runs in ``make
lint``; these tests keep the rest of the promises of the README's layout
section: no import hidden in a function or behind ``TYPE_CHECKING`` to dodge
a cycle, no module over 500 lines, notebooks committed clean.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from hlo_design.base.config import NOTEBOOKS_DIR, PROJECT_ROOT

LIBRARY = PROJECT_ROOT / "hlo_design"
MODULES = sorted(LIBRARY.rglob("*.py"))
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
MAX_MODULE_LINES = 500
MAX_NOTEBOOK_BYTES = 200 * 1024


def _name(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


def _hidden_workbook_imports(tree: ast.Module) -> list[int]:
    """Lines of `hlo_design` imports that are not at module level or sit under `if TYPE_CHECKING:`."""
    top_level = {id(node) for node in tree.body}
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom | ast.Import)
        and id(node) not in top_level
        and any(
            name.startswith("hlo_design")
            for name in ([node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names])
        )
    ]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_workbook_imports_sit_at_the_top_of_the_module(path: Path) -> None:
    """A lazy or type-only import of the workbook hides a dependency (often a cycle) from the contract."""
    assert _hidden_workbook_imports(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_a_hidden_import_is_found() -> None:
    """The check above sees imports in functions and under TYPE_CHECKING."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from hlo_design.model.case import Case\n"
        "def f():\n    import hlo_design.render\n"
    )
    assert _hidden_workbook_imports(ast.parse(source)) == [3, 5]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_modules_stay_small(path: Path) -> None:
    """One concern per module: a module over 500 lines has more than one job."""
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_notebooks_are_committed_clean(path: Path) -> None:
    """No saved widget state (it made 01_diagnose 31 MB), no execution counts, under 200 KB."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in notebook["metadata"]
    assert [c["execution_count"] for c in notebook["cells"] if c["cell_type"] == "code" and c["execution_count"]] == []
    assert path.stat().st_size <= MAX_NOTEBOOK_BYTES
