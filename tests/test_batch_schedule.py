"""How hlo_design.app.batch schedules its runs: one job per notebook run, not per case (no kernel started here).

Phases read only the case file, never an earlier phase's output, so a case's runs need no order;
the overview (the longest run) starts first, results still come back case by case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from hlo_design.app import batch
from hlo_design.app.batch import OVERVIEW, SECTOR, JobResult, planned_runs, run_batch
from hlo_design.base.errors import WorkbookError

CASES = ["zorg", "logistiek"]


def _fake_runs(
    monkeypatch: pytest.MonkeyPatch, failing: str = "", *, write_notebooks: bool = False
) -> list[tuple[str, str]]:
    """Replace the papermill run by a record of what was started; runs of case ``failing`` fail.

    With ``write_notebooks`` each run leaves an (empty) executed notebook where papermill would.
    """
    started: list[tuple[str, str]] = []

    def run(
        job: batch._Run, out_dir: Path, language: str, timeout: float | None, environment: Mapping[str, str]
    ) -> JobResult:
        started.append((job.case, job.phase.id))
        reason = "CaseFileError: broken" if job.case == failing else ""
        notebook = out_dir / job.phase.notebook if reason else out_dir / job.case / job.phase.notebook
        if write_notebooks:
            notebook.parent.mkdir(parents=True, exist_ok=True)
            notebook.touch()
        return JobResult(job.case, job.phase.id, notebook, None, 0.0, reason)

    monkeypatch.setattr(batch, "_run", run)
    return started


def test_runs_start_phase_by_phase_with_the_overview_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    started = _fake_runs(monkeypatch)
    results = run_batch("all", CASES, tmp_path, workers=1)
    phases = ["diagnose", "design", "valorisation"]
    assert started == [(OVERVIEW, OVERVIEW)] + [(case, phase) for phase in phases for case in CASES]
    assert [(r.case, r.phase) for r in results] == [(c, p) for c in CASES for p in phases] + [(OVERVIEW, OVERVIEW)]


def test_a_failed_case_skips_its_later_runs_and_counts_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    started = _fake_runs(monkeypatch, failing="zorg")
    ended: list[int] = []
    results = run_batch("all", CASES, tmp_path, workers=1, on_done=ended.append)
    assert [phase for case, phase in started if case == "zorg"] == ["diagnose"]
    assert [phase for case, phase in started if case == "logistiek"] == ["diagnose", "design", "valorisation"]
    assert [r.ok for r in results if r.case == "zorg"] == [False]
    assert sum(ended) == planned_runs("all", CASES) == 2 * 3 + 1


# ---------------------------------------------------------------- choosing cases: --case, --sector, --region


@pytest.mark.parametrize(
    ("cases", "sector", "region", "expected"),
    [
        (None, "Zorg", None, ["zorg"]),  # "Zorg (zorgkundige)" contains it
        (None, "ZÓRG", None, ["zorg"]),  # case and accents do not matter
        (None, None, "VL", ["energietransitie", "zorg"]),  # every Flemish case, in the cases folder's order
        (None, "techniek", "VL", ["energietransitie"]),  # both filters at once
        (["zorg", "logistiek"], None, "NL", ["logistiek"]),  # --case narrowed by --region
        (["logistiek", "zorg"], None, None, ["logistiek", "zorg"]),  # no filter: as asked, in that order
        (None, None, None, ["energietransitie", "logistiek", "servicemedewerker", "zorg"]),
    ],
)
def test_select_cases(cases: list[str] | None, sector: str | None, region: str | None, expected: list[str]) -> None:
    assert batch.select_cases(cases, sector, region) == expected


@pytest.mark.parametrize(
    ("cases", "sector", "region", "message"),
    [
        (None, "bouw", None, "no case matches sector 'bouw'; known sectors: Dienstverlening"),
        (["logistiek"], None, "VL", "no case among logistiek matches region 'VL'; known sectors: Transport en"),
        (None, "logistiek", "VL", "no case matches sector 'logistiek' and region 'VL'; known sectors: "),
    ],
)
def test_a_filter_matching_no_case_names_the_known_sectors(
    cases: list[str] | None, sector: str | None, region: str | None, message: str
) -> None:
    with pytest.raises(WorkbookError, match=re.escape(message)) as raised:
        batch.select_cases(cases, sector, region)
    if cases is None:
        assert "Zorg (zorgkundige) [VL]" in str(raised.value)


def test_a_sector_adds_one_filtered_overview_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--sector: the sector's cases, plus the overview notebook once for that sector, started first."""
    started = _fake_runs(monkeypatch)
    results = run_batch("diagnose", None, tmp_path, workers=1, sector="Zorg", region="VL")
    assert started == [(SECTOR, OVERVIEW), ("zorg", "diagnose")]
    assert [(r.case, r.phase) for r in results] == [("zorg", "diagnose"), (SECTOR, OVERVIEW)]
    assert planned_runs("diagnose", None, "Zorg", "VL") == 2
    assert planned_runs("diagnose", None, None, "VL") == 2  # a region alone writes no overview of its own


def test_notebooks_of_runs_that_worked_are_deleted_unless_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without keep_notebooks only a failed run keeps its notebook (where it broke); with it, all stay."""
    _fake_runs(monkeypatch, failing="zorg", write_notebooks=True)
    results = run_batch("diagnose", CASES, tmp_path / "lean", workers=1)
    assert [r.notebook is None for r in results] == [False, True]
    assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.ipynb")] == ["lean/01_diagnose.ipynb"]
    kept = run_batch("diagnose", CASES, tmp_path / "kept", workers=1, keep_notebooks=True)
    assert all(r.notebook is not None and r.notebook.exists() for r in kept)


def test_every_run_brings_the_workspace_its_kernel_reads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A Dask worker was started without the batch's workspace: each job carries the folders, as absolute paths."""
    carried: list[Mapping[str, str]] = []
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "zorg.yaml").write_text("id: zorg\n", encoding="utf-8")

    def run(
        job: batch._Run, out_dir: Path, language: str, timeout: float | None, environment: Mapping[str, str]
    ) -> JobResult:
        carried.append(environment)
        return JobResult(job.case, job.phase.id, None, None, 0.0)

    monkeypatch.setattr(batch, "_run", run)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HLO_DESIGN_REPORTS", raising=False)
    run_batch("diagnose", ["zorg"], tmp_path, workers=1, cases_dir=Path("cases"))
    assert carried == [{"HLO_DESIGN_CASES": str(cases)}]
