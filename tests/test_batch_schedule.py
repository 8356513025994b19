"""How hlo_design.app.batch schedules its runs: one job per notebook run, not per case (no kernel started here).

Phases read only the case file, never an earlier phase's output, so a case's runs need no order;
the overview (the longest run) starts first, results still come back case by case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hlo_design.app import batch
from hlo_design.app.batch import OVERVIEW, JobResult, planned_runs, run_batch

CASES = ["zorg", "logistiek"]


def _fake_runs(monkeypatch: pytest.MonkeyPatch, failing: str = "") -> list[tuple[str, str]]:
    """Replace the papermill run by a record of what was started; runs of case ``failing`` fail."""
    started: list[tuple[str, str]] = []

    def run(job: batch._Run, out_dir: Path, language: str, timeout: float | None) -> JobResult:
        started.append((job.case, job.phase.id))
        reason = "CaseFileError: broken" if job.case == failing else ""
        return JobResult(job.case, job.phase.id, out_dir / job.phase.notebook, None, 0.0, reason)

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
