"""hlo_design.app.batch: every case through papermill in parallel, an index, failures reported not fatal.

A broken case, a dead kernel or a run over its time limit fails that run with its reason; the other
runs finish, the index is written and the progress bar reaches its end.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest
from jupyter_client.manager import AsyncKernelManager
from markupsafe import escape

from hlo_design.app.batch import IpcKernelManager, planned_runs, run_batch, write_index
from hlo_design.base.config import CASES_DIR
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from tests.helpers import EXAMPLE_CASES

pytestmark = pytest.mark.notebook


def test_batch_over_all_cases_in_parallel(tmp_path: Path) -> None:
    """Four cases on two workers: four reports, four notebooks and an index linking them; the batch stays put."""
    before = Path.cwd()
    results = run_batch("diagnose", None, tmp_path, workers=2, keep_notebooks=True)
    assert Path.cwd() == before  # runs in threads must not move the process (papermill's cwd= would)
    assert [r.case for r in results] == sorted(EXAMPLE_CASES)
    assert all(r.ok for r in results), [r.reason for r in results]
    index = write_index(results, tmp_path, Vocabulary()).read_text(encoding="utf-8")
    for case_id in EXAMPLE_CASES:
        assert f'href="{case_id}/diagnose.html"' in index
        assert f'href="{case_id}/01_diagnose.ipynb"' in index
        report = (tmp_path / case_id / "diagnose.html").read_text(encoding="utf-8")
        assert '<script src="../plotly.min.js"></script>' in report  # the set shares one plotly.js
        assert "window.Plotly" not in report
    assert (tmp_path / "plotly.min.js").stat().st_size > 1_000_000


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


def _broken_cases_folder(tmp_path: Path) -> Path:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "kapot.yaml").write_text("id: kapot\nname: Kapot\nsector: x\nregion: NL\nsources: []\n", encoding="utf-8")
    return cases


def test_progress_reaches_its_end_when_a_case_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A case that fails its first phase still counts its skipped phases as done."""
    monkeypatch.setenv("HLO_DESIGN_CASES", str(_broken_cases_folder(tmp_path)))
    ended: list[int] = []
    results = run_batch("all", ["kapot"], tmp_path / "out", workers=1, on_done=ended.append)
    assert [r.phase for r in results] == ["diagnose", "overview"]
    assert not results[0].ok
    assert sum(ended) == planned_runs("all", ["kapot"]) == 4


def test_a_run_over_its_time_limit_fails_with_that_reason(tmp_path: Path) -> None:
    """--timeout bounds the whole run: a diagnosis (~2 s) under a 1 s limit fails, named as such."""
    started = time.monotonic()
    results = run_batch("diagnose", ["zorg"], tmp_path, workers=1, timeout=1.0)
    assert results[0].reason == "the run took longer than its time limit of 1 s (--timeout)"
    assert time.monotonic() - started < 60


KILL_AFTER_CPU_SECONDS = 1.2
"""Kernel CPU past its start and the page's imports (~1 s), so it is running cells; a diagnosis takes ~2 s of it."""
BATCH_LIMIT_SECONDS = 120
"""Two diagnosis runs take ~5 s here; before the fix the batch waited forever on the dead kernel."""


def _kernels(batch: psutil.Process) -> list[psutil.Process]:
    return [p for p in batch.children(recursive=True) if "ipykernel_launcher" in " ".join(p.cmdline())]


def _kill_first_kernel(batch: subprocess.Popen[str]) -> int:
    """Kill (SIGKILL) the first kernel the batch starts, once it is running cells; its pid."""
    process = psutil.Process(batch.pid)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and batch.poll() is None:
        kernels = _kernels(process)
        if kernels and sum(kernels[0].cpu_times()[:2]) >= KILL_AFTER_CPU_SECONDS:
            kernels[0].kill()
            return kernels[0].pid
        time.sleep(0.02)
    pytest.fail("the batch started no kernel, so nothing was tested")


def _sockets() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("hlo-kernel-*"))


def test_a_killed_kernel_fails_its_run_and_the_batch_goes_on(tmp_path: Path) -> None:
    before = _sockets()
    command = [sys.executable, "-m", "hlo_design.app.cli", "batch", "--phase", "diagnose", "--case", "zorg",
               "--case", "logistiek", "--workers", "1", "--out", str(tmp_path)]  # fmt: skip
    batch = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    _kill_first_kernel(batch)
    try:
        output, _ = batch.communicate(timeout=BATCH_LIMIT_SECONDS)
    except subprocess.TimeoutExpired:
        batch.kill()
        pytest.fail(f"the batch still waits for the dead kernel after {BATCH_LIMIT_SECONDS} s")
    assert batch.returncode == 1, output
    assert "DeadKernelError" in output
    assert (tmp_path / "logistiek" / "diagnose.html").is_file()  # the other run finished
    assert (tmp_path / "index.html").is_file()
    assert _sockets() - before == set()


def test_a_sector_batch_writes_the_sector_report_and_keeps_no_notebooks(tmp_path: Path) -> None:
    """--sector Zorg: the Zorg case's report, the sector report with that case and no other, no .ipynb left."""
    run = subprocess.run(
        [sys.executable, "-m", "hlo_design.app.cli", "batch", "--phase", "diagnose", "--sector", "Zorg",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert _not_progress(run.stderr) == [], run.stderr  # no kernel traceback or warning among the progress bar
    report = (tmp_path / "sector-zorg.html").read_text(encoding="utf-8")
    assert "<h1>Overzicht sector Zorg</h1>" in report
    names = {case_id: str(escape(load_case(case_id).name)) for case_id in EXAMPLE_CASES}
    assert [case_id for case_id, name in names.items() if name in report] == ["zorg"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.html")) == [
        "index.html", "sector-zorg.html", "zorg/diagnose.html",
    ]  # fmt: skip
    assert list(tmp_path.rglob("*.ipynb")) == []
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="sector-zorg.html"' in index
    assert ".ipynb" not in index
    assert '<script src="plotly.min.js"></script>' in report


def _not_progress(stderr: str) -> list[str]:
    """The lines of a batch's stderr that are not its progress bar (tqdm redraws it with carriage returns)."""
    lines = (line.strip() for line in stderr.replace("\r", "\n").splitlines())
    return [line for line in lines if line and not line.startswith("hlo-design batch ")]


def test_a_finished_kernel_is_shut_down_without_an_interrupt(monkeypatch: pytest.MonkeyPatch) -> None:
    """An interrupt at shutdown made idle kernels log 'KeyboardInterrupt caught in kernel' on the batch's stderr."""
    interrupts: list[bool] = []

    async def record(manager: AsyncKernelManager) -> None:
        interrupts.append(manager.shutting_down)

    monkeypatch.setattr(AsyncKernelManager, "_async_interrupt_kernel", record)
    manager = IpcKernelManager(kernel_name="python3")

    async def start_interrupt_and_stop() -> None:
        await manager.start_kernel()
        await manager._async_interrupt_kernel()  # a running cell can still be interrupted
        await manager.shutdown_kernel()

    asyncio.run(start_interrupt_and_stop())
    assert interrupts == [False]
