"""Batch runs: every phase notebook for every case, in parallel, with reports and an index.

An analyst runs ``hlo-design batch --phase diagnose --out reports/`` before
sending reports out. Each notebook run (a phase of a case, or the overview) is
one papermill job; jobs run in parallel (one per core by default). A
failing case never stops the others: the summary names it with the reason, and the
exit code says that something failed. ``DIR/index.html`` links every report
(and the executed notebooks, when they are kept), fit to send as a folder or zip.

The reports of a batch share one plotly.js (``DIR/plotly.min.js``) instead of carrying ~4.7 MB each,
so the folder stays small; it opens offline as a whole.

``--sector`` and ``--region`` choose the cases (:func:`select_cases`); with
``--sector`` the overview notebook also runs once, filtered to that sector, and
writes the sector report that puts its cases side by side.

``--scheduler tcp://HOST:PORT`` sends the same jobs to a Dask cluster instead
of local threads (:mod:`hlo_design.app.job_executors`): one code path submits jobs to either
executor and gathers them. A job carries the workspace folders it needs (as the
environment its kernel starts with), not the files: the workers must see the
cases and the output folder under the same paths (a shared filesystem), because
the overview runs read every case and each run writes its report where the
index links it.
"""

from __future__ import annotations

import math
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import papermill
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError

from hlo_design.analysis.case_overview import matches
from hlo_design.app.job_executors import closing_event_loop, job_executor
from hlo_design.base import workflow
from hlo_design.base.config import NOTEBOOKS_DIR
from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import PHASES, WorkflowPhase, overview_report_path, report_path
from hlo_design.base.workspace import CASES_ENV, REPORTS_ENV
from hlo_design.casefile.loading import case_ids, find_case_file, load_case
from hlo_design.render.overview_tables import overview_title
from hlo_design.render.report import render_template, share_plotly_js, write_plotly_js, write_report

__all__ = [
    "OVERVIEW",
    "SECTOR",
    "IpcKernelManager",
    "JobResult",
    "available_phases",
    "planned_runs",
    "run_batch",
    "run_overview",
    "select_cases",
    "write_index",
]

OVERVIEW = workflow.OVERVIEW.id
"""Case and phase name of the one run of the overview notebook across all cases (``--phase all``)."""

SECTOR = "sector"
"""Case name of the run of the overview notebook filtered to ``--sector`` (its phase is :data:`OVERVIEW`)."""


class IpcKernelManager(AsyncKernelManager):
    """Kernels talk over ipc sockets, avoiding TCP port races between parallel runs (nteract/papermill#511).

    ``environment`` is added to the kernel's environment: a Dask worker was started without the
    batch's workspace, so each job brings the folders its kernel must read (:func:`_kernel_manager`).
    """

    environment: ClassVar[Mapping[str, str]] = {}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("ip", str(Path(tempfile.gettempdir()) / f"hlo-kernel-{uuid.uuid4().hex}"))
        super().__init__(**kwargs)

    async def _async_interrupt_kernel(self) -> None:
        """Interrupt a running cell, but not on the way out.

        jupyter_client interrupts every kernel before shutting it down; a kernel
        that has finished its run then logs "KeyboardInterrupt caught in kernel"
        as an ERROR on the batch's stderr. The shutdown request (and the kill
        after it, if need be) ends a kernel still busy with a timed-out cell.
        """
        if not self.shutting_down:
            await super()._async_interrupt_kernel()

    async def start_kernel(self, **kwargs: Any) -> None:  # type: ignore[override]
        kwargs["env"] = {**kwargs.get("env", os.environ), **self.environment}
        await super().start_kernel(**kwargs)


def _kernel_manager(environment: Mapping[str, str]) -> type[IpcKernelManager]:
    """:class:`IpcKernelManager` whose kernels start with ``environment``: papermill takes a class, not an instance."""
    if not environment:
        return IpcKernelManager
    return type(IpcKernelManager.__name__, (IpcKernelManager,), {"environment": dict(environment)})


@dataclass(frozen=True)
class JobResult:
    """The outcome of one notebook run; ``reason`` is empty on success."""

    case: str
    phase: str
    notebook: Path | None
    """The executed notebook; ``None`` once deleted (a run that worked, without ``--keep-notebooks``)."""
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


def select_cases(
    cases: Sequence[str] | None, sector: str | None = None, region: str | None = None, cases_dir: Path | None = None
) -> list[str]:
    """The cases a batch runs: those asked for (default: every case), narrowed to ``sector`` and ``region``.

    The sector matches as on the overview page: the case's ``sector`` contains it, whatever the case
    and accents (``zorg`` finds ``Zorg (zorgkundige)``); the region is ``NL`` or ``VL``. Without a
    filter no file is read, so a broken case still gets its run and its reason in the index; with
    one, a case that cannot be read cannot match. A filter that matches nothing is an error naming
    the sectors there are, before any kernel starts.
    """
    asked = list(cases) if cases else case_ids(cases_dir)
    if sector is None and region is None:
        return asked
    found = {case_id: where for case_id in asked if (where := _sector_and_region(case_id, cases_dir)) is not None}
    chosen = [
        case_id for case_id, (in_sector, in_region) in found.items() if matches(in_sector, in_region, sector, region)
    ]
    if not chosen:
        raise WorkbookError(_no_match(sector, region, cases, found.values()))
    return chosen


def _sector_and_region(case_id: str, cases_dir: Path | None) -> tuple[str, str] | None:
    """A case's sector and region, or ``None`` when its file cannot be read."""
    try:
        path = find_case_file(case_id, cases_dir)
        stat = path.stat()
    except (WorkbookError, OSError):
        return None
    return _read_sector_and_region(path, stat.st_mtime_ns, stat.st_size)


@cache
def _read_sector_and_region(path: Path, _mtime_ns: int, _size: int) -> tuple[str, str] | None:
    """Remembered while the file is unchanged (same time and size): reading a case takes ~0.5 s, and
    the command selects twice, for the progress bar's :func:`planned_runs` and in :func:`run_batch`."""
    try:
        case = load_case(path)
    except WorkbookError:
        return None
    return case.sector, case.region


def _no_match(
    sector: str | None, region: str | None, asked: Sequence[str] | None, found: Iterable[tuple[str, str]]
) -> str:
    """What to say when no case matches: the filter, the cases asked for, and the sectors there are."""
    wanted = " and ".join(f"{name} {value!r}" for name, value in (("sector", sector), ("region", region)) if value)
    among = f" among {', '.join(asked)}" if asked else ""
    known = sorted({f"{in_sector} [{in_region}]" for in_sector, in_region in found}, key=str.casefold)
    return f"no case{among} matches {wanted}; known sectors: {', '.join(known) or 'none (no case file could be read)'}"


def _execute(
    notebook: str,
    output: Path,
    parameters: dict[str, Any],
    timeout: float | None = None,
    environment: Mapping[str, str] | None = None,
) -> str:
    """Run one notebook with papermill; returns the reason it failed, or ``""``.

    ``timeout`` bounds the whole run (seconds): every cell may take what is
    left of it, so a hanging cell fails the run instead of the batch.
    ``environment`` is added to the kernel's.
    """
    limits: dict[str, Any] = {}
    deadline = math.inf if timeout is None else time.monotonic() + timeout
    too_long = f"the run took longer than its time limit of {timeout:g} s (--timeout)" if timeout else ""

    def time_left(_cell: object) -> int:
        """The next cell's limit: what is left of the run's (a cell's limit is whole seconds, at least 1)."""
        left = deadline - time.monotonic()
        if left <= 0:  # many short cells: none reaches its own limit, the run still must stop
            raise CellTimeoutError(too_long)
        return max(1, math.ceil(left))

    if timeout is not None:
        limits["timeout_func"] = time_left
    try:
        papermill.execute_notebook(
            str(NOTEBOOKS_DIR / notebook), str(output), parameters=parameters,
            kernel_name="python3", progress_bar=False, log_output=False,
            # the kernel starts in the notebooks' folder; papermill's own cwd= would move this whole
            # process there, and two runs in threads would leave it there
            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
            kernel_manager_class=_kernel_manager(environment or {}),
            request_save_on_cell_execute=False,  # saving after every cell tripled the run time
            **limits,
        )  # fmt: skip
    except CellTimeoutError:
        return too_long
    except papermill.PapermillExecutionError as error:
        return f"{error.ename}: {error.evalue}".strip()
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return too_long if time.monotonic() > deadline else ""  # the last cell ended past the limit


def run_overview(out_dir: Path, *, language: str = "nl", timeout: float | None = None) -> JobResult:
    """Run the overview notebook once across all cases; its report is ``out_dir/overview[.en].html``."""
    return _run(_Run(OVERVIEW, workflow.OVERVIEW), out_dir, language, timeout, {})


def run_batch(
    phase: str,
    cases: Sequence[str] | None,
    out_dir: Path,
    *,
    workers: int | None = None,
    language: str = "nl",
    timeout: float | None = None,
    on_done: Callable[[int], None] | None = None,
    sector: str | None = None,
    region: str | None = None,
    keep_notebooks: bool = False,
    cases_dir: Path | None = None,
    scheduler: str | None = None,
) -> list[JobResult]:
    """Run ``phase`` for the :func:`select_cases` in parallel; returns every result, by case then phase.

    With ``phase="all"`` the overview notebook also runs once across all cases
    (when it exists); its result comes last, with case and phase ``overview``.
    With ``sector`` it runs once more filtered to the sector (and region), case
    :data:`SECTOR`. Without ``keep_notebooks`` the executed notebooks of the runs
    that worked are deleted once their report is written; a failed run keeps
    its notebook, the one place that shows where it broke.
    ``timeout`` bounds each notebook run in seconds. ``on_done`` hears how many
    of the :func:`planned_runs` just ended: a case that failed counts the
    phases it skipped too, so a progress bar always reaches its end.

    Every notebook run is a job of its own, not every case: a phase reads only
    the case file, never an earlier phase's output, so runs of one case need
    no order, and single runs spread evenly over the workers where whole cases
    of unequal length did not. The overview starts first (the longest run);
    after a case's first failure its runs that have not started are skipped.

    ``scheduler`` (``tcp://HOST:PORT``) runs the jobs on that Dask cluster instead, as many at a
    time as it has worker threads (``workers`` is then not used); see the module docstring for
    what the workers must see.
    """
    runs = _planned(phase, cases, sector, region, cases_dir)
    out_dir = out_dir.resolve()  # the kernels run in the notebooks' folder, a Dask worker in one of its own
    settings = _Settings(out_dir, language, timeout, on_done or (lambda _runs: None), _job_environment(cases_dir))
    workers = max(1, min(workers or os.cpu_count() or 1, len(runs)))
    if workers == 1 and scheduler is None:
        results = _run_in_order(runs, settings)
    else:
        with job_executor(workers, scheduler) as executor:
            results = _run_in_parallel(runs, executor, settings, _run if scheduler else closing_event_loop(_run))
    if not keep_notebooks:
        results = [_without_notebook(result) for result in results]
    _share_plotly_js(results, out_dir)
    return sorted(results, key=_report_order(runs))


def planned_runs(
    phase: str,
    cases: Sequence[str] | None,
    sector: str | None = None,
    region: str | None = None,
    cases_dir: Path | None = None,
) -> int:
    """How many notebook runs :func:`run_batch` will start, for a progress bar."""
    return len(_planned(phase, cases, sector, region, cases_dir))


def _without_notebook(result: JobResult) -> JobResult:
    """A run that worked without its executed notebook: deleted, so the folder holds reports and the index."""
    if not result.ok or result.notebook is None:
        return result
    result.notebook.unlink(missing_ok=True)
    return replace(result, notebook=None)


def _share_plotly_js(results: Sequence[JobResult], out_dir: Path) -> None:
    """The reports written load plotly.js from one file at the top of ``out_dir`` instead of carrying it each."""
    reports = [result.report for result in results if result.report is not None]
    if reports:
        bundle = write_plotly_js(out_dir)
        for report in reports:
            share_plotly_js(report, bundle)


@dataclass(frozen=True)
class _Run:
    """One notebook run: a phase for a case, or the overview across all cases or one sector (and region)."""

    case: str
    phase: WorkflowPhase
    sector: str = ""
    region: str = ""


@dataclass(frozen=True)
class _Settings:
    out_dir: Path
    language: str
    timeout: float | None
    on_done: Callable[[int], None]
    environment: Mapping[str, str]
    """The workspace folders every run's kernel starts with (:func:`_job_environment`)."""


def _job_environment(cases_dir: Path | None) -> dict[str, str]:
    """The workspace this batch runs on, as absolute paths, for kernels started by a process that may not have it.

    Local workers inherit it anyway; a Dask worker was started elsewhere, in another folder.
    """
    environment = {name: os.environ[name] for name in (CASES_ENV, REPORTS_ENV) if os.environ.get(name)}
    if cases_dir is not None:
        environment[CASES_ENV] = str(cases_dir)
    return {name: str(Path(value).resolve()) for name, value in environment.items()}


def _planned(
    phase: str, cases: Sequence[str] | None, sector: str | None, region: str | None, cases_dir: Path | None = None
) -> list[_Run]:
    """The runs in start order: the overviews first, then phase by phase, so a case's later phases start last."""
    selected = select_cases(cases, sector, region, cases_dir)
    overview = [_Run(OVERVIEW, workflow.OVERVIEW)] if _with_overview(phase) else []
    if sector:
        overview.append(_Run(SECTOR, workflow.OVERVIEW, sector, region or ""))
    return overview + [_Run(case_id, p) for p in available_phases(phase) for case_id in selected]


def _report_order(runs: Sequence[_Run]) -> Callable[[JobResult], tuple[bool, int, int]]:
    """Sort key for results: case by case as asked for, each case's phases in order, the overviews last."""
    cases = [run.case for run in runs]
    phases = [p.id for p in PHASES]
    return lambda r: (r.phase == OVERVIEW, cases.index(r.case), phases.index(r.phase) if r.phase in phases else 0)


def _with_overview(phase: str) -> bool:
    return phase == "all" and (NOTEBOOKS_DIR / workflow.OVERVIEW.notebook).exists()


def _run(run: _Run, out_dir: Path, language: str, timeout: float | None, environment: Mapping[str, str]) -> JobResult:
    """One notebook run with papermill; its report, or the reason it failed."""
    output, report = _paths(run, out_dir, language)
    output.parent.mkdir(parents=True, exist_ok=True)
    parameters: dict[str, Any] = {"language": language, "output_dir": str(out_dir.resolve())}
    if run.phase == workflow.OVERVIEW:
        parameters |= {"sector": run.sector, "region": run.region}
    else:
        parameters |= {"case": run.case, "interactive": False}
    started = time.perf_counter()
    reason = _execute(run.phase.notebook, output, parameters, timeout, environment)
    found = report if not reason and report.exists() else None
    return JobResult(run.case, run.phase.id, output, found, time.perf_counter() - started, reason)


def _paths(run: _Run, out_dir: Path, language: str) -> tuple[Path, Path]:
    """Where a run's executed notebook and its report go: in the case's folder, or at the top for an overview."""
    if run.phase != workflow.OVERVIEW:
        return out_dir / run.case / run.phase.notebook, report_path(out_dir, run.phase, language, run.case)
    report = overview_report_path(out_dir, language, run.sector, run.region)
    notebook = out_dir / run.phase.notebook if run.case == OVERVIEW else report.with_suffix(".ipynb")
    return notebook, report


def _run_in_order(runs: Sequence[_Run], settings: _Settings) -> list[JobResult]:
    """One run after another in this process; a case's runs after its first failure are skipped."""
    results: list[JobResult] = []
    failed: set[str] = set()
    for run in runs:
        if run.case not in failed:
            results.append(_run(run, settings.out_dir, settings.language, settings.timeout, settings.environment))
            if not results[-1].ok:
                failed.add(run.case)
        settings.on_done(1)
    return results


def _run_in_parallel(
    runs: Sequence[_Run], executor: Executor, settings: _Settings, job_function: Callable[..., JobResult]
) -> list[JobResult]:
    """Every run a job on ``executor``; a failed case's jobs that have not finished are cancelled."""
    results: list[JobResult] = []
    job = (settings.out_dir, settings.language, settings.timeout, settings.environment)
    futures = {executor.submit(job_function, run, *job): run for run in runs}
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
    results: Sequence[JobResult],
    out_dir: Path,
    vocabulary: Vocabulary,
    cases_dir: Path | None = None,
    sector: str = "",
    region: str = "",
) -> Path:
    """``out_dir/index.html``: the front page of the set of reports, linking every file there is.

    Case names come from ``cases_dir``; ``sector`` and ``region`` are the batch's filter: they name the sector
    report at the top.
    """
    overview = next((r for r in results if r.case == OVERVIEW), None)
    sector_result = next((r for r in results if r.case == SECTOR), None)
    rows = []
    for case_id in dict.fromkeys(r.case for r in results if r.phase != OVERVIEW):
        try:
            case = load_case(case_id, cases_dir)
            name, case_sector = case.name, case.sector
        except WorkbookError:
            name, case_sector = case_id, ""
        per_phase = {r.phase: r for r in results if r.case == case_id}
        rows.append({"id": case_id, "name": name, "sector": case_sector, "phases": per_phase})
    text = render_template(
        "index.html.j2", t=vocabulary, language=vocabulary.language, rows=rows, overview=overview,
        sector=sector_result, sector_title=overview_title(vocabulary, sector, region), phases=PHASES, relative=lambda path: path.resolve().relative_to(out_dir.resolve()).as_posix(),
        generated=time.strftime("%Y-%m-%d %H:%M"),
    )  # fmt: skip
    return write_report(text, out_dir / "index.html")
