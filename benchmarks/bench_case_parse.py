"""Parsing the example case files: PyYAML's pure-Python path vs libyaml, measured in one run.

Every page and every batch run starts with ``parse_case``; its YAML parse was most of it. Each example
case in ``data/cases/`` is parsed by both paths of :mod:`hlo_design.casefile.yaml_source`, interleaved
so that the load of a shared machine falls on both alike; the ratio is pure-Python time over libyaml
time for all files together (the libyaml path must stay far faster; the target is >= 5).

Run: ``.venv/bin/python -m benchmarks.bench_case_parse``
"""

from __future__ import annotations

import statistics
import time

import yaml

from hlo_design.base.config import EXAMPLE_CASES_DIR
from hlo_design.casefile import yaml_source
from hlo_design.casefile.loading import parse_case

ROUNDS = 7
"""Parses per file and path; the median of them counts."""


def _seconds(raw: bytes, file: str, *, libyaml: bool) -> float:
    """One ``parse_case`` of ``raw`` on the chosen path."""
    yaml_source.USE_LIBYAML = libyaml
    started = time.perf_counter()
    parse_case(raw, file)
    return time.perf_counter() - started


def main() -> None:
    if not yaml.__with_libyaml__:
        raise SystemExit("PyYAML is installed without libyaml: there is no C path to measure")
    files = sorted(EXAMPLE_CASES_DIR.glob("*.yaml"))
    totals = {False: 0.0, True: 0.0}
    try:
        for path in files:
            raw = path.read_bytes()
            timings: dict[bool, list[float]] = {False: [], True: []}
            parse_case(raw, str(path))  # warm-up: imports, pydantic validators, caches
            for _ in range(ROUNDS):
                for libyaml in (False, True):
                    timings[libyaml].append(_seconds(raw, str(path), libyaml=libyaml))
            python, c = (statistics.median(timings[libyaml]) for libyaml in (False, True))
            totals[False] += python
            totals[True] += c
            print(
                f"{path.name:24} pure Python {python * 1000:7.1f} ms   libyaml {c * 1000:6.1f} ms   x{python / c:.1f}"
            )
    finally:
        yaml_source.USE_LIBYAML = yaml.__with_libyaml__
    print(
        f"all {len(files)} files, medians of {ROUNDS}: pure Python {totals[False] * 1000:.1f} ms, libyaml {totals[True] * 1000:.1f} ms"
    )
    print(f"ratio pure Python / libyaml: {totals[False] / totals[True]:.2f} (target >= 5)")


if __name__ == "__main__":
    main()
