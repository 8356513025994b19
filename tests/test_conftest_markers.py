"""The root ``conftest.py`` and the markers: `make unit` runs no notebook, no papermill run, no browser.

``make unit`` selects ``-m "not browser and not notebook and not slow"``; an unmarked slow item would silently
make it slow (nbval's notebook cells were, before the root conftest marked them).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hlo_design.base.config import PROJECT_ROOT

TESTS = PROJECT_ROOT / "tests"
UNIT = "not browser and not notebook and not slow"
SLOW_CALLS = frozenset({"papermill", "execute_notebook", "run_batch"})
"""Names whose use means a test starts kernels: it must carry the notebook marker."""


def test_unit_selection_collects_no_notebook_cell_and_no_browser_test() -> None:
    """Collecting (not running) the notebooks, the browser tests and the wheel's under the unit selection leaves nothing."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q", "-m", UNIT,
         "notebooks", "tests/browser", "tests/test_wheel.py"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == pytest.ExitCode.NO_TESTS_COLLECTED, run.stdout + run.stderr
    assert "::" not in run.stdout
    deselected = re.search(r"\((\d+) deselected\)", run.stdout)
    assert deselected, run.stdout
    assert int(deselected.group(1)) > 40  # every cell of the five notebooks and the browser tests


def _marked_notebook(decorators: list[ast.expr]) -> bool:
    return any(ast.unparse(d) == "pytest.mark.notebook" for d in decorators)


FAKE_RUNS = 'monkeypatch.setattr(batch, "_run",'
"""How a test module says it replaces the notebook runs of the batch (see tests/test_batch_schedule.py)."""


def slow_tests_without_marker(source: str) -> list[str]:
    """Test functions that call papermill or the batch but carry no notebook marker (nor does their module).

    A module that replaces the batch's notebook run (``monkeypatch.setattr(batch, "_run", ...)``) starts
    no kernel: its batch calls are fast.
    """
    tree = ast.parse(source)
    module_marked = any(
        isinstance(node, ast.Assign) and ast.unparse(node).startswith("pytestmark = pytest.mark.notebook")
        for node in tree.body
    )
    if module_marked or FAKE_RUNS in source:
        return []
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and node.name.startswith("test_")
        and not _marked_notebook(node.decorator_list)
        and SLOW_CALLS & {getattr(n, "id", getattr(n, "attr", "")) for n in ast.walk(node)}
    ]


@pytest.mark.parametrize("path", sorted(TESTS.glob("test_*.py")), ids=lambda p: p.name)
def test_papermill_and_batch_tests_carry_the_notebook_marker(path: Path) -> None:
    assert slow_tests_without_marker(path.read_text(encoding="utf-8")) == []


def test_an_unmarked_papermill_test_is_found() -> None:
    """The check above sees a bare papermill call and accepts a marked one."""
    source = (
        "import papermill, pytest\n"
        "def test_bare():\n    papermill.execute_notebook('a', 'b')\n"
        "@pytest.mark.notebook\ndef test_marked():\n    run_batch('all')\n"
        "def test_fast():\n    assert True\n"
    )
    assert slow_tests_without_marker(source) == ["test_bare"]
    assert slow_tests_without_marker(source + f"\ndef _fake(monkeypatch):\n    {FAKE_RUNS} None)\n") == []
