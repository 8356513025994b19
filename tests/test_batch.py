"""hlo_design.app.batch: every case through papermill in parallel, an index, failures reported not fatal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hlo_design.app.batch import run_batch, write_index
from hlo_design.base.config import CASES_DIR
from hlo_design.base.vocabulary import Vocabulary
from tests.helpers import EXAMPLE_CASES

pytestmark = pytest.mark.notebook


def test_batch_over_all_cases_in_parallel(tmp_path: Path) -> None:
    """Four cases on two workers: four reports, four notebooks and an index linking them."""
    results = run_batch("diagnose", None, tmp_path, workers=2)
    assert [r.case for r in results] == sorted(EXAMPLE_CASES)
    assert all(r.ok for r in results), [r.reason for r in results]
    index = write_index(results, tmp_path, Vocabulary()).read_text(encoding="utf-8")
    for case_id in EXAMPLE_CASES:
        assert f'href="{case_id}/diagnose.html"' in index
        assert f'href="{case_id}/01_diagnose.ipynb"' in index


def test_batch_keeps_going_when_a_case_fails(tmp_path: Path) -> None:
    """A broken case is reported with its reason; the good case still gets its report; exit code 1."""
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(CASES_DIR / "zorg.yaml", cases / "zorg.yaml")
    (cases / "kapot.yaml").write_text("id: kapot\nname: Kapot\nsector: x\nregion: NL\nsources: []\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "HLO_DESIGN_CASES": str(cases)}
    run = subprocess.run(
        [sys.executable, "-m", "hlo_design.app.cli", "batch", "--phase", "diagnose", "--out", str(out), "--workers", "2"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "kapot" in run.stdout
    assert "FAILED" in run.stdout
    assert "CaseFileError" in run.stdout
    assert "1 succeeded, 1 failed" in run.stdout
    assert (out / "zorg" / "diagnose.html").exists()
    assert "mislukt" in (out / "index.html").read_text(encoding="utf-8")
