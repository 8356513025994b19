"""Shared pieces of the benchmarks: a Voilà server per folder and a Chromium tab that times page loads.

Benchmarks print ratios measured in one run against a reference measured in
the same run, because the machines are shared and noisy.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from hlo_design.app.serve import voila_command

CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-gpu"]  # fmt: skip
BENCH_NOTEBOOKS = Path(__file__).parent / "notebooks"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def voila(notebooks: Path, *, guarded: bool = True) -> Iterator[str]:
    """A standalone Voilà on ``notebooks`` with the flags `hlo-design serve` uses (``guarded=False``: plain Voilà)."""
    port = free_port()
    command = voila_command(port, notebooks=notebooks)
    if not guarded:
        command[command.index("hlo_design.app.voila_server")] = "voila"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


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
