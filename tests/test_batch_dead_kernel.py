"""A kernel that dies mid-run fails that run within seconds; the batch goes on and leaves no sockets behind."""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

import psutil
import pytest

from hlo_design.app.batch import JobResult, run_batch

pytestmark = pytest.mark.notebook

KILL_AFTER_SECONDS = 2.0
"""Long enough for the kernel to be running cells, short of the end of the run (a diagnosis takes ~5 s)."""


BATCH_LIMIT_SECONDS = 120
"""Two diagnosis runs take ~25 s here; before the fix the batch waited forever on the dead kernel."""


def _kill_first_kernel(stop: threading.Event, killed: list[int]) -> None:
    """Kill (SIGKILL) the first ipykernel that this test process starts, a moment after it started."""
    while not stop.is_set():
        kernels = [
            p for p in psutil.Process().children(recursive=True) if "ipykernel_launcher" in " ".join(p.cmdline())
        ]
        if kernels:
            time.sleep(KILL_AFTER_SECONDS)
            kernels[0].kill()
            killed.append(kernels[0].pid)
            return
        time.sleep(0.1)


def _sockets() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("hlo-kernel-*"))


def test_a_killed_kernel_fails_its_run_and_the_batch_goes_on(tmp_path: Path) -> None:
    before = _sockets()
    stop, killed = threading.Event(), []
    watcher = threading.Thread(target=_kill_first_kernel, args=(stop, killed), daemon=True)
    watcher.start()
    results: list[JobResult] = []
    batch = threading.Thread(
        target=lambda: results.extend(run_batch("diagnose", ["zorg", "logistiek"], tmp_path, workers=1)), daemon=True
    )
    batch.start()
    batch.join(timeout=BATCH_LIMIT_SECONDS)
    stop.set()
    assert killed, "the kernel was never seen, so nothing was tested"
    assert not batch.is_alive(), f"the batch still waits for the dead kernel after {BATCH_LIMIT_SECONDS} s"
    by_case = {r.case: r for r in results}
    assert "DeadKernelError" in by_case["zorg"].reason
    assert by_case["logistiek"].ok, by_case["logistiek"].reason
    assert _sockets() - before == set()
