"""hlo_design.app.batch with ``--scheduler``: the same batch, its runs on a real Dask cluster.

A scheduler and two workers (one process, one thread each) run on 127.0.0.1 as `dask` commands
from this environment, started in a folder of their own and without the batch's workspace in
their environment: the jobs must bring it. The batch runs through them like a local one: a
report per case, the index, a broken case failing with its reason, exit code 1.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from hlo_design.base.config import CASES_DIR
from hlo_design.base.workspace import CASES_ENV, REPORTS_ENV, WORKSPACE_ENV

pytestmark = pytest.mark.notebook

DASK = Path(sys.executable).with_name("dask")
START_SECONDS = 30
BATCH_SECONDS = 600
"""Three runs take ~40 s on an idle 2-core machine; on one shared with other test runs they took 5 minutes."""
GOOD_CASES = ("zorg", "logistiek")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(log: Path, text: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        if text in log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    pytest.fail(f"{log.name}: no {text!r} within {START_SECONDS} s:\n{log.read_text(errors='replace')[-2000:]}")


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    """Terminate each process and what it started, then kill what is left after a few seconds."""
    family = []
    for process in processes:
        try:
            family += [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
    for member in family:
        if member.is_running():
            member.terminate()
    _gone, alive = psutil.wait_procs(family, timeout=5)
    for member in alive:
        member.kill()
    psutil.wait_procs(alive, timeout=5)
    for process in processes:
        process.wait(timeout=5)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """A Dask scheduler and two workers on 127.0.0.1; its address and the two workers' processes."""
    elsewhere = tmp_path / "cluster"
    elsewhere.mkdir()
    env = {name: value for name, value in os.environ.items() if name not in (CASES_ENV, REPORTS_ENV, WORKSPACE_ENV)}
    address = f"tcp://127.0.0.1:{_free_port()}"
    started: list[subprocess.Popen[bytes]] = []

    def start(name: str, *arguments: str) -> tuple[subprocess.Popen[bytes], Path]:
        log = elsewhere / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen([str(DASK), *arguments], cwd=elsewhere, env=env, stdout=out, stderr=out)
        started.append(process)
        return process, log

    try:
        scheduler, log = start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                               "--no-dashboard", "--no-show")  # fmt: skip
        _wait_for(log, "Scheduler at:", scheduler)
        one_thread = ("--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard")
        workers = [
            start(name, "worker", address, *one_thread, "--name", name, "--death-timeout", "30")
            for name in ("w1", "w2")
        ]
        for worker, log in workers:
            _wait_for(log, "Registered to:", worker)
        yield address, [worker for worker, _log in workers]
    finally:
        _stop(started)


def _watch_kernels(workers: list[subprocess.Popen[bytes]], stop: threading.Event) -> set[int]:
    """The workers that had a papermill kernel running at some moment, by index; filled until ``stop``."""
    seen: set[int] = set()

    def watch() -> None:
        while not stop.wait(0.2):
            for index, worker in enumerate(workers):
                try:
                    children = psutil.Process(worker.pid).children(recursive=True)
                    if any("ipykernel_launcher" in " ".join(child.cmdline()) for child in children):
                        seen.add(index)
                except psutil.Error:  # a kernel that ended while we looked
                    continue

    threading.Thread(target=watch, daemon=True).start()
    return seen


def test_a_batch_through_a_dask_cluster(tmp_path: Path, cluster: tuple[str, list[subprocess.Popen[bytes]]]) -> None:
    """Two good cases and a broken one on two workers: both reports, the index, the failure with its reason."""
    address, workers = cluster
    cases = tmp_path / "cases"
    cases.mkdir()
    for case_id in GOOD_CASES:
        shutil.copy(CASES_DIR / f"{case_id}.yaml", cases / f"{case_id}.yaml")
    (cases / "kapot.yaml").write_text("id: kapot\nname: Kapot\nsector: x\nregion: NL\nsources: []\n", encoding="utf-8")
    out = tmp_path / "out"
    stop = threading.Event()
    busy = _watch_kernels(workers, stop)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "hlo_design.app.cli", "batch", "--phase", "diagnose", "--out", str(out),
             "--scheduler", address],
            env={**os.environ, CASES_ENV: str(cases)}, capture_output=True, text=True, timeout=BATCH_SECONDS,
        )  # fmt: skip
    finally:
        stop.set()
    assert run.returncode == 1, run.stdout + run.stderr
    assert "2 succeeded, 1 failed" in run.stdout
    failure = next(line for line in run.stdout.splitlines() if line.startswith("kapot"))
    assert "FAILED" in failure
    assert "CaseFileError" in failure
    for case_id in GOOD_CASES:
        assert (out / case_id / "diagnose.html").is_file()
    assert not (out / "zorg" / "01_diagnose.ipynb").exists()  # deleted once its report was written
    assert (out / "kapot" / "01_diagnose.ipynb").is_file()  # a failed run keeps its notebook
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="zorg/diagnose.html"' in index
    assert 'href="logistiek/diagnose.html"' in index
    assert "mislukt" in index
    assert busy == {0, 1}, "the runs did not spread over both workers"


def test_an_unreachable_scheduler_is_named(tmp_path: Path) -> None:
    """No scheduler at the address: exit 1 and a message naming it, no traceback."""
    address = f"tcp://127.0.0.1:{_free_port()}"
    run = subprocess.run(
        [sys.executable, "-m", "hlo_design.app.cli", "batch", "--phase", "diagnose", "--case", "zorg",
         "--out", str(tmp_path), "--scheduler", address],
        capture_output=True, text=True, timeout=BATCH_SECONDS,
    )  # fmt: skip
    assert run.returncode == 1
    assert f"cannot reach the Dask scheduler at {address}" in run.stderr
    assert "Traceback" not in run.stderr
