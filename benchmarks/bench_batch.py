"""The papermill batch: parallel speed-up and per-notebook cost, measured in one run.

(a) speed-up: the batch over all example cases with N workers vs 1 worker (target >= 1.6 on 2 cores);
(b) per-notebook cost: one phase notebook under papermill vs papermill running an empty notebook
    (the fixed cost of a kernel; target <= 2), beside its floor: a notebook that only imports what
    every phase page needs (pandas, plotly, ipywidgets, pydantic, IPython.display) and shows one
    plotly figure, which loads plotly's renderers as a page's first figure does;
(c) ``--phase all``: speed-up with N workers vs 1 (target >= 1.6), and wall time vs the sum of the parts.

Run: ``.venv/bin/python -m benchmarks.bench_batch [--workers N]``
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import nbformat
import papermill

from hlo_design.app.batch import IpcKernelManager, run_batch
from hlo_design.base.config import NOTEBOOKS_DIR

FLOOR_CODE = (
    "import hlo_design.render.figures, pandas, pydantic, ipywidgets, plotly.graph_objects as go\n"
    "from IPython.display import display\n"
    "display(go.Figure(go.Bar(x=[1, 2], y=[3, 4])))"
)
"""The libraries every phase page imports, and one figure shown: a phase notebook cannot take less.

With the workbook's figures package, which keeps the IRI grammar out of plotly's renderers as pages do."""


def _notebook(directory: Path, name: str, code: str) -> Path:
    notebook = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    notebook.cells = [nbformat.v4.new_code_cell(code)]
    path = directory / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path


def _papermill_seconds(notebook: Path, output: Path, **parameters: object) -> float:
    """One papermill run with the batch's own settings (no save after every cell)."""
    started = time.perf_counter()
    papermill.execute_notebook(
        str(notebook), str(output), parameters=parameters, cwd=str(NOTEBOOKS_DIR), progress_bar=False,
        kernel_name="python3", kernel_manager_class=IpcKernelManager, request_save_on_cell_execute=False,
    )  # fmt: skip
    return time.perf_counter() - started


def _batch_seconds(phase: str, out: Path, workers: int) -> tuple[float, float]:
    """Wall time of the batch, and the sum of its runs' own times."""
    started = time.perf_counter()
    results = run_batch(phase, None, out, workers=workers)
    wall = time.perf_counter() - started
    failed = [r for r in results if not r.ok]
    if failed:
        raise SystemExit(f"batch failed: {[(r.case, r.phase, r.reason) for r in failed]}")
    return wall, sum(r.seconds for r in results)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    workers = parser.parse_args().workers
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        empty = _notebook(root, "empty", "pass")
        floor = _notebook(root, "floor", FLOOR_CODE)
        _papermill_seconds(empty, root / "warm.ipynb")  # warm the file cache
        _papermill_seconds(floor, root / "warm-floor.ipynb")
        empty_s = min(_papermill_seconds(empty, root / f"e{i}.ipynb") for i in range(3))
        floor_s = min(_papermill_seconds(floor, root / f"f{i}.ipynb") for i in range(2))
        diagnose_s = min(
            _papermill_seconds(
                NOTEBOOKS_DIR / "01_diagnose.ipynb",
                root / f"d{i}.ipynb",
                case="zorg",
                output_dir=str(root),
                interactive=False,
            )
            for i in range(2)
        )
        serial, _ = _batch_seconds("diagnose", root / "serial", 1)
        parallel, _ = _batch_seconds("diagnose", root / "parallel", workers)
        serial_all, _ = _batch_seconds("all", root / "all-serial", 1)
        wall_all, parts_all = _batch_seconds("all", root / "all", workers)
    print(f"papermill, empty notebook:            {empty_s:6.2f} s")
    print(
        f"papermill, floor (imports + 1 figure): {floor_s:6.2f} s   ratio {floor_s / empty_s:5.2f}   (no phase can go lower)"
    )
    print(
        f"papermill, 01_diagnose (zorg, batch):  {diagnose_s:6.2f} s   ratio {diagnose_s / empty_s:5.2f}   (target <= 2)"
    )
    print(
        f"papermill, 01_diagnose above the floor: {diagnose_s - floor_s:6.2f} s   ratio to the floor {diagnose_s / floor_s:5.2f}"
    )
    print(f"batch diagnose, 4 cases, 1 worker:    {serial:6.2f} s")
    print(
        f"batch diagnose, 4 cases, {workers} workers:   {parallel:6.2f} s   speed-up {serial / parallel:5.2f}   (target >= 1.6)"
    )
    print(f"batch all phases, 1 worker:           {serial_all:6.2f} s")
    print(f"batch all phases, {workers} workers:          {wall_all:6.2f} s   speed-up {serial_all / wall_all:5.2f}   "
          "(target >= 1.6)")  # fmt: skip
    print(f"batch all phases, {workers} workers: wall {wall_all:6.2f} s, sum of parts {parts_all:6.2f} s, "
          f"parallel efficiency {parts_all / (wall_all * workers):5.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
