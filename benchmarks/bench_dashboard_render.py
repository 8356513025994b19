"""How long until a dashboard is fully drawn in Chromium, relative to a bare Voilà notebook.

"Fully drawn" means every plotly figure and every editor widget of the page is
on screen. The reference is a notebook that only imports pandas and plotly and
draws one figure, served by an identical Voilà in the same run, without and
with a pool of pre-heated kernels. Each dashboard is timed cold (a kernel per
view, as plain Voilà) and from the pool (as `hlo-design serve` serves it),
each pooled load after its pool was refilled. Targets: from the pool ≤ 1.0×
the bare notebook cold and ≤ 1.3× the bare notebook pre-heated. Also prints
the memory of the pool's kernels at rest (target: server < 1.5 GB in total).

Run: ``.venv/bin/python -m benchmarks.bench_dashboard_render [--rounds N]``
"""

from __future__ import annotations

import argparse

from playwright.sync_api import Page

from benchmarks.common import BENCH_NOTEBOOKS, VoilaServer, chromium_page, median, time_load, voila_server
from hlo_design.app.serve import DEFAULT_POOL
from hlo_design.base.config import NOTEBOOKS_DIR

TIMEOUT_MS = 180_000
PAGES = {
    "01_diagnose.ipynb?case=zorg": (10, (".hlo-activity-row", ".hlo-finding-row", ".hlo-inventory-map .main-svg")),
    "01_diagnose.ipynb?case=logistiek": (10, (".hlo-activity-row", ".hlo-finding-row", ".hlo-inventory-map .main-svg")),
    "02_ontwerp.ipynb?case=zorg": (5, (".hlo-decision-editor", ".hlo-variant-row", ".hlo-variant-map .main-svg")),
    "03_valorisatie.ipynb?case=logistiek": (2, (".hlo-corner-editor",)),
    "04_overzicht.ipynb": (5, (".hlo-directory-result",)),
    "index.ipynb": (2, (".hlo-phase-link",)),
}


def _waiter(figures: int, selectors: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def ready(page: Page) -> None:
        page.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n", arg=figures, timeout=TIMEOUT_MS
        )
        for selector in selectors:
            page.wait_for_selector(selector, timeout=TIMEOUT_MS)

    return ready


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pool", type=int, default=DEFAULT_POOL, help="pre-heated kernels per notebook")
    arguments = parser.parse_args()
    with (
        voila_server(BENCH_NOTEBOOKS) as bare,
        voila_server(BENCH_NOTEBOOKS, pool=arguments.pool) as bare_warm,
        voila_server(NOTEBOOKS_DIR) as cold,
        voila_server(NOTEBOOKS_DIR, pool=arguments.pool) as warm,
        chromium_page() as page,
    ):
        bare_warm.wait_until_at_rest(arguments.pool)
        warm.wait_until_at_rest(arguments.pool * len({name.split("?")[0] for name in PAGES}))
        _print_pool_memory(warm, arguments.pool)
        timings = _time_rounds(
            page, arguments.rounds, {"bare": bare, "bare_warm": bare_warm, "cold": cold, "warm": warm}
        )
    _print_ratios(timings, arguments.rounds)


def _time_rounds(page: Page, rounds: int, servers: dict[str, VoilaServer]) -> dict[str, list[float]]:
    """Every page cold and from the pool, each round; a pool is refilled before each load it serves."""
    bare_ready = _waiter(1, ())
    time_load(page, f"{servers['bare'].url}/voila/render/bare.ipynb", bare_ready)  # warm caches
    timings: dict[str, list[float]] = {}
    for _ in range(rounds):
        for label in ("bare", "bare_warm"):
            if label == "bare_warm":
                _wait_for_warm_kernel(servers[label], "bare.ipynb")
            timings.setdefault(label, []).append(
                time_load(page, f"{servers[label].url}/voila/render/bare.ipynb", bare_ready)
            )
        for name, (figures, selectors) in PAGES.items():
            for label in ("cold", "warm"):
                if label == "warm":
                    _wait_for_warm_kernel(servers[label], name)
                timings.setdefault(f"{label} {name}", []).append(
                    time_load(page, f"{servers[label].url}/voila/render/{name}", _waiter(figures, selectors))
                )
    return timings


def _wait_for_warm_kernel(server: VoilaServer, notebook: str) -> None:
    """The pool refilled and its kernels idle again: the new kernel waits for a viewer."""
    server.wait_for_pool(notebook)
    server.wait_until_at_rest(kernels=1)


def _print_pool_memory(server: VoilaServer, pool: int) -> None:
    kernels = server.kernels_rss_mb()
    print(f"pool of {pool} per notebook at rest: {len(kernels)} kernels, "
          f"{median(kernels) if kernels else 0:.0f} MB each (median; min {min(kernels, default=0):.0f}, "
          f"max {max(kernels, default=0):.0f}); server with its kernels {server.total_rss_mb():.0f} MB "
          f"(target < 1536 MB)")  # fmt: skip


def _print_ratios(timings: dict[str, list[float]], rounds: int) -> None:
    bare, bare_warm = median(timings["bare"]), median(timings["bare_warm"])
    print(f"bare Voilà notebook (pandas + plotly): median {bare:.2f} s cold, {bare_warm:.2f} s pre-heated, "
          f"over {rounds} rounds")  # fmt: skip
    for name in PAGES:
        cold, warm = median(timings[f"cold {name}"]), median(timings[f"warm {name}"])
        print(f"{name:38s} cold {cold:6.2f} s   from the pool {warm:6.2f} s   "
              f"pool/bare {warm / bare:5.2f} (<= 1.0)   pool/bare pre-heated {warm / bare_warm:5.2f} (<= 1.3)   "
              f"cold/bare {cold / bare:5.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
