"""The notebooks under papermill, as the batch runs them: a wrong case fails the run, the landing page lists every case."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import papermill
import pytest

from hlo_design.base.config import NOTEBOOKS_DIR
from tests.helpers import notebook_errors

pytestmark = pytest.mark.notebook


@pytest.mark.parametrize("notebook", ["01_diagnose.ipynb", "02_ontwerp.ipynb", "03_valorisatie.ipynb"])
def test_unknown_case_fails_the_papermill_run(notebook: str, tmp_path: Path) -> None:
    """Outside a dashboard a wrong case id must fail the run, with the message in the error."""
    with pytest.raises(papermill.PapermillExecutionError, match="unknown case 'bestaat-niet'"):
        papermill.execute_notebook(
            str(NOTEBOOKS_DIR / notebook), str(tmp_path / "out.ipynb"),
            parameters={"case": "bestaat-niet", "output_dir": str(tmp_path)}, cwd=str(NOTEBOOKS_DIR),
            progress_bar=False, kernel_name="python3",
        )  # fmt: skip


def test_landing_notebook_runs(tmp_path: Path) -> None:
    output = tmp_path / "index.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS_DIR / "index.ipynb"),
        str(output),
        cwd=str(NOTEBOOKS_DIR),
        progress_bar=False,
        kernel_name="python3",
    )
    assert notebook_errors(output) == []
    html = json.dumps(nbformat.read(output, as_version=4).cells[4].outputs)
    assert html.count('data-phase=\\"diagnose\\"') == 4
