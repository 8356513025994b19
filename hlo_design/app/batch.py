"""Batch runs: every phase notebook for every case, in parallel, with reports and an index.

An analyst runs ``hlo-design batch --phase diagnose --out reports/`` before
sending reports out. Each notebook run (a phase of a case, or the overview) is
one papermill job; jobs run in parallel processes (one per core by default). A
failing case never stops the others: the summary names it with the reason, and the
exit code says that something failed. ``DIR/index.html`` links every report
and executed notebook, fit to send as a folder or zip.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import papermill
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError

from hlo_design.base import workflow
from hlo_design.base.config import NOTEBOOKS_DIR
from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import PHASES, WorkflowPhase, report_path
from hlo_design.casefile.loading import case_ids, load_case
from hlo_design.render.report import render_template, write_report

__all__ = [
    "OVERVIEW",
    "IpcKernelManager",
    "JobResult",
    "available_phases",
    "planned_runs",
    "run_batch",
    "run_overview",
    "write_index",
]

OVERVIEW = workflow.OVERVIEW.id
"""Case and phase name of the one run of the overview notebook across all cases (``--phase all``)."""


class IpcKernelManager(AsyncKernelManager):
    """Kernels talk over ipc sockets, avoiding TCP port races between parallel runs (nteract/papermill#511)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("ip", str(Path(tempfile.gettempdir()) / f"hlo-kernel-{uuid.uuid4().hex}"))
        super().__init__(**kwargs)


@dataclass(frozen=True)
class JobResult:
    """The outcome of one notebook run; ``reason`` is empty on success."""

    case: str
    phase: str
    notebook: Path
    report: Path | None
    seconds: float
    reason: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason


def available_phases(requested: str, notebooks_dir: Path = NOTEBOOKS_DIR) -> list[WorkflowPhase]:
    """The phases to run: one phase, or ``all`` whose notebook exists, in phase order."""
    if requested == "all":
        return [phase for phase in PHASES if (notebooks_dir / phase.notebook).exists()]
    try:
        phase = workflow.phase_by_id(requested)
    except KeyError:
        raise WorkbookError(
            f"unknown phase {requested!r}; use one of {', '.join(p.id for p in PHASES)} or all"
        ) from None
    if not (notebooks_dir / phase.notebook).exists():
        raise WorkbookError(f"phase {requested!r} has no notebook yet ({phase.notebook})")
    return [phase]


def _execute(notebook: str, output: Path, parameters: dict[str, Any], timeout: float | None = None) -> str:
    """Run one notebook with papermill; returns the reason it failed, or ``""``.

    ``timeout`` bounds the whole run (seconds): every cell may take what is
    left of it, so a hanging cell fails the run instead of the batch.
    """
    limits: dict[str, Any] = {}
    if timeout is not None:
        deadline = time.monotonic() + timeout
        limits["timeout_func"] = lambda _cell: max(1, math.ceil(deadline - time.monotonic()))
    try:
        papermill.execute_notebook(
            str(NOTEBOOKS_DIR / notebook), str(output), parameters=parameters,
            kernel_name="python3", cwd=str(NOTEBOOKS_DIR), progress_bar=False, log_output=False,
            kernel_manager_class=IpcKernelManager,
            request_save_on_cell_execute=False,  # saving after every cell tripled the run time
            **limits,
        )  # fmt: skip
    except CellTimeoutError:
        return f"the run took longer than its time limit of {timeout:g} s (--timeout)"
    except papermill.PapermillExecutionError as error:
        return f"{error.ename}: {error.evalue}".strip()
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return ""


def run_overview(out_dir: Path, *, language: str = "nl", timeout: float | None = None) -> JobResult:
    """Run the overview notebook once across all cases; its report is ``out_dir/overview[.en].html``."""
    return _run(_Run(OVERVIEW, workflow.OVERVIEW), out_dir, language, timeout)


def run_batch(
    phase: str,
    cases: Sequence[str] | None,
    out_dir: Path,
    *,
    workers: int | None = None,
    language: str = "nl",
    timeout: float | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[JobResult]:
    """Run ``phase`` for ``cases`` (default: all) in parallel; returns every result, by case then phase.

    With ``phase="all"`` the overview notebook also runs once across all cases
    (when it exists); its result comes last, with case and phase ``overview``.
    ``timeout`` bounds each notebook run in seconds. ``on_done`` hears how many
    of the :func:`planned_runs` just ended: a case that failed counts the
    phases it skipped too, so a progress bar always reaches its end.

    Every notebook run is a job of its own, not every case: a phase reads only
    the case file, never an earlier phase's output, so runs of one case need
    no order, and single runs spread evenly over the workers where whole cases
    of unequal length did not. The overview starts first (the longest run);
    after a case's first failure its runs that have not started are skipped.
    """
    runs = _planned(phase, cases)
    settings = _Settings(out_dir, language, timeout, on_done or (lambda _runs: None))
    workers = max(1, min(workers or os.cpu_count() or 1, len(runs)))
    results = _run_in_order(runs, settings) if workers == 1 else _run_in_parallel(runs, workers, settings)
    return sorted(results, key=_report_order(runs))


def planned_runs(phase: str, cases: Sequence[str] | None) -> int:
    """How many notebook runs :func:`run_batch` will start, for a progress bar."""
    return len(_planned(phase, cases))


@dataclass(frozen=True)
class _Run:
    """One notebook run: a phase for a case, or the overview (case ``overview``) across all cases."""

    case: str
    phase: WorkflowPhase


@dataclass(frozen=True)
class _Settings:
    out_dir: Path
    language: str
    timeout: float | None
    on_done: Callable[[int], None]


def _planned(phase: str, cases: Sequence[str] | None) -> list[_Run]:
    """The runs in start order: the overview first, then phase by phase, so a case's later phases start last."""
    selected = list(cases) if cases else case_ids()
    overview = [_Run(OVERVIEW, workflow.OVERVIEW)] if _with_overview(phase) else []
    return overview + [_Run(case_id, p) for p in available_phases(phase) for case_id in selected]


def _report_order(runs: Sequence[_Run]) -> Callable[[JobResult], tuple[bool, int, int]]:
    """Sort key for results: case by case as asked for, each case's phases in order, the overview last."""
    cases = [run.case for run in runs]
    phases = [p.id for p in PHASES]
    return lambda r: (r.case == OVERVIEW, cases.index(r.case), phases.index(r.phase) if r.phase in phases else 0)


def _with_overview(phase: str) -> bool:
    return phase == "all" and (NOTEBOOKS_DIR / workflow.OVERVIEW.notebook).exists()


def _run(run: _Run, out_dir: Path, language: str, timeout: float | None) -> JobResult:
    """One notebook run with papermill; its report, or the reason it failed."""
    overview = run.case == OVERVIEW
    output = out_dir / run.phase.notebook if overview else out_dir / run.case / run.phase.notebook
    output.parent.mkdir(parents=True, exist_ok=True)
    parameters: dict[str, Any] = {"language": language, "output_dir": str(out_dir.resolve())}
    if not overview:
        parameters |= {"case": run.case, "interactive": False}
    started = time.perf_counter()
    reason = _execute(run.phase.notebook, output, parameters, timeout)
    report = report_path(out_dir, run.phase, language, None if overview else run.case)
    found = report if not reason and report.exists() else None
    return JobResult(run.case, run.phase.id, output, found, time.perf_counter() - started, reason)


def _run_in_order(runs: Sequence[_Run], settings: _Settings) -> list[JobResult]:
    """One run after another in this process; a case's runs after its first failure are skipped."""
    results: list[JobResult] = []
    failed: set[str] = set()
    for run in runs:
        if run.case not in failed:
            results.append(_run(run, settings.out_dir, settings.language, settings.timeout))
            if not results[-1].ok:
                failed.add(run.case)
        settings.on_done(1)
    return results


def _run_in_parallel(runs: Sequence[_Run], workers: int, settings: _Settings) -> list[JobResult]:
    """Every run a job in a pool of processes; a failed case's jobs that have not started are cancelled."""
    results: list[JobResult] = []
    # spawn, not fork: a caller with threads (a Jupyter kernel, a test run that used papermill) can hold
    # a lock at fork time, and forked workers then hang forever on it
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(_run, run, settings.out_dir, settings.language, settings.timeout): run for run in runs}
        for future in as_completed(futures):
            if future.cancelled():
                continue
            results.append(future.result())
            settings.on_done(1)
            if not results[-1].ok:
                skipped = [f for f, run in futures.items() if run.case == results[-1].case and f.cancel()]
                settings.on_done(len(skipped))
    return results


def write_index(
    results: Sequence[JobResult], out_dir: Path, vocabulary: Vocabulary, cases_dir: Path | None = None
) -> Path:
    """``out_dir/index.html``: the front page of the set of reports, linking every file; names from ``cases_dir``."""
    overview = next((r for r in results if r.phase == OVERVIEW), None)
    rows = []
    for case_id in dict.fromkeys(r.case for r in results if r.phase != OVERVIEW):
        try:
            case = load_case(case_id, cases_dir)
            name, sector = case.name, case.sector
        except WorkbookError:
            name, sector = case_id, ""
        per_phase = {r.phase: r for r in results if r.case == case_id}
        rows.append({"id": case_id, "name": name, "sector": sector, "phases": per_phase})
    text = render_template(
        "index.html.j2", t=vocabulary, language=vocabulary.language, rows=rows, overview=overview,
        phases=PHASES, relative=lambda path: path.relative_to(out_dir).as_posix(),
        generated=time.strftime("%Y-%m-%d %H:%M"),
    )  # fmt: skip
    return write_report(text, out_dir / "index.html")
