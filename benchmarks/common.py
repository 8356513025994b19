"""Shared pieces of the benchmarks: a Voilà server per folder and a Chromium tab that times page loads.

Benchmarks print ratios measured in one run against a reference measured in
the same run, because the machines are shared and noisy.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil
from playwright.sync_api import Page, sync_playwright

from hlo_design.app.serve import voila_command
from hlo_design.app.voila_server import GUARD_VARIABLE
from hlo_design.base.config import DATA_DIR, NOTEBOOKS_DIR
from hlo_design.meeting.store import STORE_ENV

CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-gpu"]  # fmt: skip
BENCH_NOTEBOOKS = Path(__file__).parent / "notebooks"
START_SECONDS = 300
"""How long a server may take to answer: seconds when idle, minutes on a machine shared with test runs."""
REST_CPU_PERCENT = 5.0
"""A kernel below this share of a core is waiting, not working."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class VoilaServer:
    """A running Voilà: its address, its process and the log it writes."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def wait_for_pool(self, notebook: str, timeout: float = 300) -> None:
        """Until the notebook's pool has a kernel ready again: Voilà logs one fill per refill, one use per view."""
        name = notebook.split("?")[0]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log.read_text(encoding="utf-8", errors="replace")
            fills = text.count(f"Kernel pool of {name} is filled")
            uses = len(re.findall(rf"Using pre-heated kernel: \S+ for {re.escape(name)}$", text, re.MULTILINE))
            if fills > uses:
                return
            time.sleep(0.5)
        raise TimeoutError(f"the pool of {name} was not refilled within {timeout:.0f} s")

    def wait_until_at_rest(self, kernels: int, timeout: float = 300) -> None:
        """Until ``kernels`` kernels run and none uses CPU: every pool kernel has reached its wait for a viewer.

        Voilà logs a pool as filled once its kernels started, while they still import the library.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            running = self._kernels()
            for kernel in running:
                kernel.cpu_percent(None)
            time.sleep(1)
            if len(running) >= kernels and all(kernel.cpu_percent(None) < REST_CPU_PERCENT for kernel in running):
                return
        raise TimeoutError(f"{kernels} kernels were not at rest within {timeout:.0f} s")

    def kernels_rss_mb(self) -> list[float]:
        """Resident memory of each kernel this server started, in MB."""
        return [kernel.memory_info().rss / 2**20 for kernel in self._kernels()]

    def _kernels(self) -> list[psutil.Process]:
        children = psutil.Process(self.process.pid).children(recursive=True)
        return [child for child in children if "ipykernel" in " ".join(child.cmdline())]

    def total_rss_mb(self) -> float:
        """Resident memory of the server and all its kernels, in MB."""
        server = psutil.Process(self.process.pid)
        return sum(p.memory_info().rss for p in [server, *server.children(recursive=True)]) / 2**20


@contextmanager
def voila_server(
    notebooks: Path, *, guarded: bool = True, pool: int = 0, env: Mapping[str, str] | None = None, ready: str = ""
) -> Iterator[VoilaServer]:
    """A standalone Voilà on ``notebooks`` with the flags `hlo-design serve` uses (``guarded=False``: the same without the guard).

    ``pool`` pre-heated kernels per notebook; 0 starts a kernel per page view. ``env`` is added to this
    process's environment for the server; the server counts as started when ``ready`` (a path) answers.
    """
    port = free_port()
    command = voila_command(port, notebooks=notebooks, pool=pool)
    unguarded = {} if guarded else {GUARD_VARIABLE: "0"}
    with tempfile.NamedTemporaryFile("wb", suffix=".log", delete=False) as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {}), **unguarded}
        )
    server = VoilaServer(f"http://127.0.0.1:{port}", process, Path(log.name))
    deadline = time.monotonic() + START_SECONDS
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"Voilà exited with {process.returncode}:\n{server.log.read_text(errors='replace')}")
        try:
            urllib.request.urlopen(server.url + ready, timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"Voilà did not answer within {START_SECONDS} s") from None
            time.sleep(0.2)
    try:
        yield server
    finally:
        process.terminate()
        process.wait(timeout=20)
        server.log.unlink()


@contextmanager
def meeting_server(store: str | None = None) -> Iterator[tuple[VoilaServer, Path, str]]:
    """The server `hlo-design serve --pool 0` starts, on a throw-away copy of the example cases.

    Yields the server (ready once ``/join`` answers), the cases folder and the store's URL: ``store``,
    or a SQLite file in the same temporary folder.
    """
    with tempfile.TemporaryDirectory(prefix="hlo-meeting-") as scratch:
        cases = Path(scratch) / "cases"
        shutil.copytree(DATA_DIR / "cases", cases)
        url = store or f"sqlite:///{Path(scratch) / 'store.sqlite3'}"
        environment = {"HLO_DESIGN_CASES": str(cases), STORE_ENV: url}
        with voila_server(NOTEBOOKS_DIR, pool=0, env=environment, ready="/join") as server:
            yield server, cases, url


def rss_mb(pid: int) -> float:
    """Resident memory of one process (not its children), in MB, from ``/proc/<pid>/status``."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = math.ceil(round(share * len(ordered), 9))
    return ordered[min(len(ordered), max(1, rank)) - 1]


@contextmanager
def voila(notebooks: Path, *, guarded: bool = True) -> Iterator[str]:
    """The address of :func:`voila_server` without a pool."""
    with voila_server(notebooks, guarded=guarded) as server:
        yield server.url


@contextmanager
def chromium_page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            yield page
        finally:
            browser.close()


def time_load(page: Page, url: str, ready: Callable[[Page], None]) -> float:
    """Seconds from navigation until ``ready`` returns (it waits for the page's last element)."""
    started = time.perf_counter()
    page.goto(url, timeout=180_000)
    ready(page)
    return time.perf_counter() - started


def median(values: list[float]) -> float:
    return statistics.median(values)


def time_value_changes(changes: Iterable[tuple[Any, Any]]) -> list[float]:
    """Milliseconds per ``widget.value = value``: exactly what a browser's change does in the kernel.

    ``changes`` is consumed lazily, so choosing the next value stays outside the timed part.
    """
    timings = []
    for widget, value in changes:
        started = time.perf_counter()
        widget.value = value
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def print_against_budget(what: str, timings: list[float], budget_ms: float) -> None:
    """The median (with min and max) of ``timings`` and its ratio to the budget."""
    middle = median(timings)
    print(f"{what}, median of {len(timings)}: {middle:.1f} ms (min {min(timings):.1f}, max {max(timings):.1f})")
    print(f"ratio to the {budget_ms:.0f} ms budget: {middle / budget_ms:.2f}")
