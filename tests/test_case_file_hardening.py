"""A broken or hostile case file gives a located message and nothing else: no traceback, no memory blow-up."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from hlo_design.app.batch import JobResult, write_index
from hlo_design.base.errors import CaseFileError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile import loading
from hlo_design.casefile.loading import load_case
from hlo_design.casefile.yaml_source import MAX_FILE_BYTES
from hlo_design.phases.overview import sections as overview
from hlo_design.phases.start.sections import landing_html
from tests.helpers import EXAMPLE_CASES, TEST_DATA

REFUSED_VALUES = ("impossible_date", "unknown_tag", "deep_nesting")


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A 600 MB file is refused by its size on disk; the loader never holds it in memory."""
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(600_000_000)  # sparse: costs no disk
    tracemalloc.start()
    try:
        with pytest.raises(CaseFileError, match="should stay under"):
            load_case(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_FILE_BYTES


def test_validate_names_file_line_and_field_for_refused_values() -> None:
    """`hlo-design validate` reports an impossible date, a tag and deep nesting without a traceback."""
    paths = [str(TEST_DATA / "bad_cases" / f"{name}.yaml") for name in REFUSED_VALUES]
    run = subprocess.run(
        [sys.executable, "-m", "hlo_design.app.cli", "validate", *paths], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    output = run.stdout + run.stderr
    assert "impossible_date.yaml:20 scans[0].date: 2022-02-30 is not a date that exists" in output
    assert "unknown_tag.yaml:3 sector: tags such as !!python/object:os.system are not allowed" in output
    assert "deep_nesting.yaml:3: nested more than 40 levels deep" in output


@pytest.fixture
def cases_with_a_broken_one(cases_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example cases plus a file with an impossible date, as the pages would find them."""
    shutil.copy(TEST_DATA / "bad_cases" / "impossible_date.yaml", cases_dir / "kapot.yaml")
    monkeypatch.setattr(loading, "CASES_DIR", cases_dir)
    monkeypatch.setattr(overview, "CASES_DIR", cases_dir)
    return cases_dir


def test_the_start_page_lists_the_broken_case_beside_the_others(cases_with_a_broken_one: Path) -> None:
    page = str(landing_html(Vocabulary(), cases_with_a_broken_one))
    assert "kapot.yaml:20 scans[0].date: 2022-02-30 is not a date that exists" in page
    for case_id in EXAMPLE_CASES:
        assert f'data-case="{case_id}"' in page


def test_the_overview_says_which_case_it_leaves_out_and_why(cases_with_a_broken_one: Path) -> None:
    session = overview.open_overview()
    assert sorted(c.id for c in session.cases) == sorted(EXAMPLE_CASES)
    assert session.broken == {
        "kapot": "kapot.yaml:20 scans[0].date: 2022-02-30 is not a date that exists; write a real date as YYYY-MM-DD"
    }


def test_the_batch_index_survives_a_broken_case(cases_with_a_broken_one: Path, tmp_path: Path) -> None:
    failed = JobResult("kapot", "diagnose", tmp_path / "kapot" / "01_diagnose.ipynb", None, 1.0, "CaseFileError: ...")
    index = write_index([failed], tmp_path, Vocabulary()).read_text(encoding="utf-8")
    assert "kapot" in index
