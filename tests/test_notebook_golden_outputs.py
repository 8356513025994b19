"""The cells a meeting reads word for word give the same output as the golden files.

Notebooks are committed without outputs (no widget state, no execution
counts), so nbval only checks that every cell runs. The cells tagged
``golden`` (titles, tables, lists the group reads) are compared here instead:
each phase notebook runs once under papermill with its default parameters, and
the HTML of every tagged cell must equal ``tests/data/golden/<notebook>.json``
after the same sanitising nbval used (dates and report paths vary).

After an intended change of output, regenerate with
``HLO_UPDATE_GOLDEN=1 pytest tests/test_notebook_golden_outputs.py`` and
review the diff of ``tests/data/golden/``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from hlo_design.base.config import NOTEBOOKS_DIR

pytestmark = pytest.mark.notebook

GOLDEN_DIR = Path(__file__).parent / "data" / "golden"
PHASE_NOTEBOOKS = ("01_diagnose", "02_ontwerp", "03_valorisatie", "04_overzicht")
SANITISE = (
    (re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"), "DATE-TIME"),
    (re.compile(r"/[^\s\"'<>]*/reports/"), "REPORTS/"),
)


def sanitise(text: str) -> str:
    for pattern, replacement in SANITISE:
        text = pattern.sub(replacement, text)
    return text


def golden_outputs(notebook: nbformat.NotebookNode) -> list[list[str]]:
    """The readable output of every cell tagged ``golden``: HTML where there is some, else plain text."""
    cells = [c for c in notebook.cells if c.cell_type == "code" and "golden" in c.metadata.get("tags", [])]
    return [[sanitise(_readable(output)) for output in cell.outputs] for cell in cells]


def _readable(output: nbformat.NotebookNode) -> str:
    data = output.get("data", {})
    return str(data.get("text/html", data.get("text/plain", output.get("text", ""))))


def test_sanitising_hides_what_varies() -> None:
    """A timestamp and an absolute report path do not make the outputs differ."""
    assert sanitise("Gemaakt 2026-12-04 14:33 in /tmp/x/reports/zorg") == "Gemaakt DATE-TIME in REPORTS/zorg"


@pytest.mark.parametrize("stem", PHASE_NOTEBOOKS)
def test_golden_cells_match(stem: str, tmp_path: Path) -> None:
    """Every tagged cell of the notebook, run for the default case, gives its stored output."""
    output = tmp_path / f"{stem}.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS_DIR / f"{stem}.ipynb"), str(output),
        parameters={"output_dir": str(tmp_path / "reports")}, cwd=str(NOTEBOOKS_DIR),
        progress_bar=False, kernel_name="python3",
    )  # fmt: skip
    actual = golden_outputs(nbformat.read(output, as_version=4))
    golden = GOLDEN_DIR / f"{stem}.json"
    if os.environ.get("HLO_UPDATE_GOLDEN") == "1":
        golden.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual, f"{stem}: no cell is tagged 'golden'"
    assert actual == expected
