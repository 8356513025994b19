"""Size of a batch's set of reports: one shared plotly.js vs every report standing alone, measured in one run.

(a) ``batch --phase all`` over the example cases (no notebooks kept): the size of the folder, and
    the size of its largest report;
(b) the same reports rendered alone, as the dashboards' download renders them (plotly.js inside);
ratio (b) / (a) (target >= 5: the set a tenth of the old size would be 10).

Run: ``.venv/bin/python -m benchmarks.bench_report_size [--workers N]``
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from hlo_design.app.batch import OVERVIEW, run_batch
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import case_ids, load_case
from hlo_design.model.case import Case
from hlo_design.phases.design.report import design_report
from hlo_design.phases.diagnose.report import diagnosis_report
from hlo_design.phases.overview.report import overview_report
from hlo_design.phases.valorisation.report import valorisation_report

ALONE: dict[str, Callable[[Case, Vocabulary], str]] = {
    "diagnose": diagnosis_report,
    "design": design_report,
    "valorisation": valorisation_report,
}
MB = 1024 * 1024


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _alone_bytes(case_id: str, phase: str) -> int:
    """The report of one run rendered on its own, plotly.js inside, as the dashboard offers it."""
    if case_id == OVERVIEW:
        text = overview_report([load_case(other) for other in case_ids()], Vocabulary())
    else:
        case = load_case(case_id)
        text = ALONE[phase](case, Vocabulary(region=case.region))
    return len(text.encode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    workers = parser.parse_args().workers
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        results = run_batch("all", None, out, workers=workers)
        failed = [r for r in results if not r.ok]
        if failed:
            raise SystemExit(f"batch failed: {[(r.case, r.phase, r.reason) for r in failed]}")
        shared = _folder_bytes(out)
        largest = max(r.report.stat().st_size for r in results if r.report is not None)
    alone = sum(_alone_bytes(r.case, r.phase) for r in results)
    print(f"batch all phases, {len(results)} reports, shared plotly.js: {shared / MB:7.2f} MB "
          f"(largest report {largest / MB:5.2f} MB)")  # fmt: skip
    print(f"the same reports each standing alone:        {alone / MB:7.2f} MB")
    print(f"ratio alone / shared:                        {alone / shared:7.2f}   (target >= 5)")


if __name__ == "__main__":
    main()
