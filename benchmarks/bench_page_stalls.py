"""How often a dashboard load never finishes, with and without the guard in hlo_design.app.voila_server.

Two Voilà servers on the same notebooks run side by side in one run: one as
`hlo-design serve` starts it (guarded), one the same but without the guard (plain Voilà's waits). Each round loads every
dashboard page once from each server, alternating, while ``--busy`` processes
keep the CPU occupied as a shared CI machine does. A load is a *stall* when
the page is not drawn within ``--patience`` seconds and Voilà's HTML shows it
stopped executing cells (the symptom the guard is for); a page showing "Error
displaying widget" and a load that is merely slow are counted apart.

Run: ``.venv/bin/python -m benchmarks.bench_page_stalls [--rounds N] [--busy K]``
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import time
from collections import Counter

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from benchmarks.bench_dashboard_render import PAGES
from benchmarks.common import CHROMIUM_ARGS, voila
from hlo_design.base.config import NOTEBOOKS_DIR


def _keep_busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _load(browser: Browser, url: str, figures: int, selectors: tuple[str, ...], patience_ms: int) -> str:
    """'ok', 'stall' (execution stopped at a cell), 'lost widget' or 'slow' (not drawn in time, but executed)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    try:
        tab.goto(url, wait_until="commit", timeout=patience_ms)
        try:
            tab.wait_for_function(
                "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
                arg=figures,
                timeout=patience_ms,
            )
            for selector in selectors:
                tab.wait_for_selector(selector, timeout=patience_ms)
            return "ok"
        except PlaywrightTimeoutError:
            html = tab.content()
            if "Error displaying widget" in html:
                return "lost widget"
            executed = re.findall(r"voila_process\((\d+), (\d+)\)", html)
            finished = bool(executed) and executed[-1][0] == executed[-1][1]
            return "slow" if finished else "stall"
    finally:
        tab.goto("about:blank")  # frees the page's kernel
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--busy", type=int, default=1, help="CPU-bound processes running alongside")
    parser.add_argument("--patience", type=int, default=60, help="seconds before a load counts as not finished")
    arguments = parser.parse_args()
    counts: dict[str, Counter[str]] = {"guarded": Counter(), "plain": Counter()}
    busy = [multiprocessing.Process(target=_keep_busy, args=(3600,), daemon=True) for _ in range(arguments.busy)]
    for process in busy:
        process.start()
    try:
        with (
            voila(NOTEBOOKS_DIR) as guarded,
            voila(NOTEBOOKS_DIR, guarded=False) as plain,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for round_number in range(arguments.rounds):
                for name, (figures, selectors) in PAGES.items():
                    for label, url in (("guarded", guarded), ("plain", plain)):
                        outcome = _load(
                            browser, f"{url}/voila/render/{name}", figures, selectors, arguments.patience * 1000
                        )
                        counts[label][outcome] += 1
                        if outcome != "ok":
                            print(f"round {round_number}: {label:7s} {name}: {outcome}", flush=True)
            browser.close()
    finally:
        for process in busy:
            process.terminate()
    for label, outcome in counts.items():
        loads = sum(outcome.values())
        print(f"{label:7s} {loads:3d} loads: {outcome['stall']:2d} stalled, {outcome['lost widget']:2d} lost a widget,"
              f" {outcome['slow']:2d} slow — stall rate {outcome['stall'] / loads:.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
