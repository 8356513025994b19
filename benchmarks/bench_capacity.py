"""Capacity on paper: memory and CPU seconds per dashboard view, per meeting participant, per batch run.

What is measured, with psutil on real processes on 127.0.0.1 (``docs/capacity.md`` turns the figures
into what a laptop, a server and a JupyterHub hold):

- **dashboard view**, per phase page: the server `hlo-design serve --pool 0` starts (a throw-away copy
  of the example cases); each page is fetched in full over HTTP (Voilà runs every cell before the last
  byte) and then the kernel it started is measured, RSS and PSS (the RSS share of memory shared with
  other processes, from ``/proc/<pid>/smaps``), and its CPU seconds, plus what the view added to the
  server process; then the kernel is shut down as a closing tab does. No browser runs, so the widget
  traffic after the page was drawn is not included (it is small beside the kernel start).
- **meeting participant**: :func:`benchmarks.bench_meeting_load.run` with ``--participants`` phones for
  ``--seconds``; the server's growth and CPU seconds divided by the participants.
- **batch run**: one notebook run under papermill (``hlo-design batch --phase diagnose --case zorg
  --workers 1``): the peak RSS and PSS of the whole process tree (sampled every 0.2 s) and the CPU
  seconds of the tree (``RUSAGE_CHILDREN``, the kernel included: its parent waits for it).

Run: ``.venv/bin/python -m benchmarks.bench_capacity [--seconds 30] [--participants 10]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass

import httpx
import psutil

from benchmarks import bench_meeting_load
from benchmarks.common import meeting_server
from hlo_design.app.kernel_budget import KERNEL_MB
from hlo_design.base.config import NOTEBOOKS_DIR

PAGES = (
    "index.ipynb",
    "01_diagnose.ipynb?case=zorg",
    "02_ontwerp.ipynb?case=zorg",
    "03_valorisatie.ipynb?case=zorg",
    "04_overzicht.ipynb",
)
PAGE_SECONDS = 600
MB = 2**20


@dataclass(frozen=True)
class Cost:
    """Memory (MB) and CPU seconds of one unit of work."""

    rss_mb: float
    pss_mb: float
    cpu_seconds: float


def _memory(process: psutil.Process) -> tuple[float, float]:
    """RSS and PSS in MB (PSS as RSS where the platform has none)."""
    info = process.memory_full_info()
    return info.rss / MB, getattr(info, "pss", info.rss) / MB


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def _kernels(server: psutil.Process) -> list[psutil.Process]:
    return [child for child in server.children(recursive=True) if "ipykernel" in " ".join(child.cmdline())]


def dashboard_views() -> tuple[Cost, dict[str, tuple[Cost, Cost]]]:
    """The server at rest; per page: the kernel's cost, and what the view added to the server."""
    costs: dict[str, tuple[Cost, Cost]] = {}
    with (
        meeting_server() as (server, _cases, _store),
        httpx.Client(base_url=server.url, timeout=PAGE_SECONDS) as client,
    ):
        process = psutil.Process(server.process.pid)
        rest = Cost(*_memory(process), _cpu(process))
        for page in PAGES:
            if not (NOTEBOOKS_DIR / page.split("?")[0]).exists():
                continue
            rss_before, pss_before = _memory(process)
            cpu_before = _cpu(process)
            answer = client.get(f"/voila/render/{page}")
            answer.raise_for_status()
            (kernel,) = _kernels(process)
            time.sleep(2)  # the kernel settles after its last cell
            kernel_rss, kernel_pss = _memory(kernel)
            rss_after, pss_after = _memory(process)
            costs[page] = (
                Cost(kernel_rss, kernel_pss, _cpu(kernel)),
                Cost(rss_after - rss_before, pss_after - pss_before, _cpu(process) - cpu_before),
            )
            kernel_id = re.search(r'kernelId": "([0-9a-f-]{36})', answer.text)
            assert kernel_id, "no kernel id in the page"
            client.post(f"/voila/api/shutdown/{kernel_id.group(1)}")
            psutil.wait_procs([kernel], timeout=30)
    return rest, costs


def meeting_participant(seconds: float, participants: int) -> Cost:
    """What one phone in a meeting costs the server: its share of the growth and of the CPU seconds."""
    cost = bench_meeting_load.run(None, argparse.Namespace(seconds=seconds, participants=participants))
    growth = max(0.0, cost.rss_after_mb - cost.rss_before_mb)
    return Cost(growth / participants, growth / participants, cost.cpu_seconds / participants)


def batch_run() -> Cost:
    """One notebook run under papermill: the tree's peak memory and its CPU seconds."""
    peak = [0.0, 0.0]
    with tempfile.TemporaryDirectory(prefix="hlo-capacity-") as out:
        command = [sys.executable, "-m", "hlo_design.app.cli", "batch", "--phase", "diagnose", "--case", "zorg",
                   "--workers", "1", "--out", out]  # fmt: skip
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        batch = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stop = threading.Event()

        def sample() -> None:
            root = psutil.Process(batch.pid)
            while not stop.wait(0.2):
                try:
                    tree = [root, *root.children(recursive=True)]
                    memory = [_memory(member) for member in tree]
                except psutil.Error:
                    continue
                peak[0] = max(peak[0], sum(rss for rss, _ in memory))
                peak[1] = max(peak[1], sum(pss for _, pss in memory))

        sampler = threading.Thread(target=sample)
        sampler.start()
        returncode = batch.wait()
        stop.set()
        sampler.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if returncode != 0:
        raise RuntimeError(f"the batch run failed ({returncode})")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Cost(peak[0], peak[1], cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30, help="how long the meeting's phones keep sending")
    parser.add_argument("--participants", type=int, default=10)
    arguments = parser.parse_args()
    memory = psutil.virtual_memory().total / 2**30
    print(f"capacity, {time.strftime('%Y-%m-%d')}: {platform.node()}, {os.cpu_count()} cores, {memory:.0f} GiB, "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    rule = "-" * 78
    print(rule)
    print(f"{'dashboard view (kernel | server added)':40s} {'RSS MB':>8s} {'PSS MB':>8s} {'CPU s':>8s}")
    rest, views = dashboard_views()
    print(
        f"{'server at rest (started, no page yet)':40s} {rest.rss_mb:8.0f} {rest.pss_mb:8.0f} {rest.cpu_seconds:8.1f}"
    )
    for page, (kernel, server) in views.items():
        print(f"{page:40s} {kernel.rss_mb:8.0f} {kernel.pss_mb:8.0f} {kernel.cpu_seconds:8.1f}")
        print(f"{'  server':40s} {server.rss_mb:8.0f} {server.pss_mb:8.0f} {server.cpu_seconds:8.1f}")
    kernels = [kernel for kernel, _ in views.values()]
    print(f"{'largest kernel':40s} {max(k.rss_mb for k in kernels):8.0f} {max(k.pss_mb for k in kernels):8.0f} "
          f"{max(k.cpu_seconds for k in kernels):8.1f}")  # fmt: skip
    per_view = max(k.rss_mb for k in kernels) + max(server.rss_mb for _, server in views.values())  # on the safe side
    print(f"largest kernel + largest server share, RSS {per_view:.0f} MB; serve's budget counts {KERNEL_MB} MB a kernel "
          f"(kernel_budget.KERNEL_MB), ratio {KERNEL_MB / per_view:.2f}: the headroom for a kernel's growth in use")  # fmt: skip
    participant = meeting_participant(arguments.seconds, arguments.participants)
    print(rule)
    print(f"{'meeting participant (server share)':40s} {participant.rss_mb:8.1f} {participant.pss_mb:8.1f} "
          f"{participant.cpu_seconds:8.2f}   per {arguments.seconds:.0f} s")  # fmt: skip
    run = batch_run()
    print(f"{'batch run, diagnose zorg (peak tree)':40s} {run.rss_mb:8.0f} {run.pss_mb:8.0f} {run.cpu_seconds:8.1f}")
    print(rule, flush=True)


if __name__ == "__main__":
    main()
