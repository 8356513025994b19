"""How long until a dashboard is fully drawn in Chromium, relative to a bare Voilà notebook.

"Fully drawn" means every plotly figure and every editor widget of the page is
on screen. The reference is a notebook that only imports pandas and plotly and
draws one figure, served by an identical Voilà in the same run. Target ≤ 1.5.

Run: ``.venv/bin/python -m benchmarks.bench_dashboard_render [--rounds N]``
"""

from __future__ import annotations

import argparse

from playwright.sync_api import Page

from benchmarks.common import BENCH_NOTEBOOKS, chromium_page, median, time_load, voila
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
    rounds = parser.parse_args().rounds
    with voila(BENCH_NOTEBOOKS) as bare_url, voila(NOTEBOOKS_DIR) as url, chromium_page() as page:
        bare_ready = _waiter(1, ())
        time_load(page, f"{bare_url}/voila/render/bare.ipynb", bare_ready)  # warm caches
        timings: dict[str, list[float]] = {"bare": []}
        for _ in range(rounds):
            timings["bare"].append(time_load(page, f"{bare_url}/voila/render/bare.ipynb", bare_ready))
            for name, (figures, selectors) in PAGES.items():
                timings.setdefault(name, []).append(
                    time_load(page, f"{url}/voila/render/{name}", _waiter(figures, selectors))
                )
    bare = median(timings["bare"])
    print(f"bare Voilà notebook (pandas + plotly): median {bare:.2f} s over {rounds} rounds")
    for name in PAGES:
        value = median(timings[name])
        print(f"{name:40s} median {value:6.2f} s   ratio to bare {value / bare:5.2f}   (target <= 1.5)")


if __name__ == "__main__":
    main()
