"""Kernel-side time of a filter change in the overview over 1,000 generated cases plus the examples.

Builds :class:`~hlo_design.widgets.overview.OverviewDashboard` in-process over
``generate_cases(1000, seed=1)`` and the example cases, then times 30 filter
changes (sector and region dropdowns set as a browser would: the index masks
the table, the five figures are redrawn for the first cases of the filter, the
table HTML is rebuilt). Figures are displayed through an IPython shell so
their serialisation is counted. Prints the median and its ratio to the 200 ms
budget.

The page render is measured in-process as the build time of the dashboard:
Voilà cannot pass ``generated_cases`` from the query string (a dashboard only
accepts ``case`` and ``language``), so ``04_overzicht.ipynb`` in Voilà always
shows the real cases. Run: ``.venv/bin/python -m benchmarks.bench_overview``.
"""

from __future__ import annotations

import io
import statistics
import time
from contextlib import redirect_stdout

from IPython.core.interactiveshell import InteractiveShell

from hlo_design.cases import case_ids, load_case
from hlo_design.overview import generate_cases
from hlo_design.vocabulary import Vocabulary
from hlo_design.widgets.overview import ALL, OverviewDashboard

BUDGET_MS = 200.0
GENERATED = 1000
CHANGES = 30


def main() -> None:
    InteractiveShell.instance()  # display() goes through IPython's formatters, as in a kernel
    started = time.perf_counter()
    cases = [load_case(case_id) for case_id in case_ids()] + generate_cases(GENERATED, seed=1)
    load_ms = (time.perf_counter() - started) * 1000
    with redirect_stdout(io.StringIO()):
        started = time.perf_counter()
        dashboard = OverviewDashboard(cases, Vocabulary())
        build_ms = (time.perf_counter() - started) * 1000
        sectors = [value for _, value in dashboard.sector.options if value != ALL]
        regions = [ALL, "NL", "VL"]
        dashboard.sector.value = sectors[0]  # warm-up, not timed
        timings = []
        for step in range(CHANGES):
            target = (sectors[step % len(sectors)], regions[step % len(regions)])
            control, value = (dashboard.region, target[1]) if step % 2 else (dashboard.sector, target[0])
            if control.value == value:
                value = ALL
            started = time.perf_counter()
            control.value = value  # exactly what a browser's dropdown change does in the kernel
            timings.append((time.perf_counter() - started) * 1000)
    median = statistics.median(timings)
    print(f"cases: {len(cases)} ({GENERATED} generated); generated + loaded in {load_ms:.0f} ms")
    print(f"dashboard built (in-process render, see docstring) in {build_ms:.0f} ms")
    print(f"filter change, median of {CHANGES}: {median:.1f} ms (min {min(timings):.1f}, max {max(timings):.1f})")
    print(f"ratio to the {BUDGET_MS:.0f} ms budget: {median / BUDGET_MS:.2f}")


if __name__ == "__main__":
    main()
