"""A kernel that dies mid-run fails that run within seconds; the batch goes on and leaves no sockets behind."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.notebook

KILL_AFTER_SECONDS = 2.0
"""Long enough for the kernel to be running cells, short of the end of the run (a diagnosis takes ~5 s)."""
BATCH_LIMIT_SECONDS = 120
"""Two diagnosis runs take ~25 s here; before the fix the batch waited forever on the dead kernel."""


def _kernels(batch: psutil.Process) -> list[psutil.Process]:
    return [p for p in batch.children(recursive=True) if "ipykernel_launcher" in " ".join(p.cmdline())]


def _kill_first_kernel(batch: subprocess.Popen[str]) -> int:
    """Kill (SIGKILL) the first kernel the batch starts, a moment after it started; its pid."""
    process = psutil.Process(batch.pid)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and batch.poll() is None:
        kernels = _kernels(process)
        if kernels:
            time.sleep(KILL_AFTER_SECONDS)
            kernels[0].kill()
            return kernels[0].pid
        time.sleep(0.1)
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
