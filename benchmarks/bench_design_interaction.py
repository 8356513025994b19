"""Kernel-side time of one slider move in the design dashboard, for a case with 200 activities.

Builds a synthetic case from Zorg with 200 activities spread over its
environments, constructs the :class:`~hlo_design.ui.variants_editor.VariantEditor`
and times 30 moves of one activity's context slider (the path a browser
triggers: the slider's value changes, the editor validates, the map point,
arrows and bars are updated). Prints the median and its ratio to the 100 ms
budget. Run: ``.venv/bin/python -m benchmarks.bench_design_interaction``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from typing import Any

from benchmarks.common import print_against_budget, time_value_changes
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.model.quadrants import Position
from hlo_design.ui.variants_editor import VariantEditor

BUDGET_MS = 100.0
ACTIVITIES = 200
MOVES = 30


def big_case(n: int = ACTIVITIES) -> Case:
    """Zorg with ``n`` activities at random places (fixed seed); design and journey dropped (they name activities)."""
    zorg = load_case("zorg")
    rng = random.Random(7)
    environments = [e.id for e in zorg.environments]
    activities = [
        Activity(
            id=f"activiteit-{i}",
            name=f"Activiteit {i}",
            environment=environments[i % len(environments)],
            position=Position(form=round(rng.uniform(-0.95, 0.95), 2), context=round(rng.uniform(-0.95, 0.95), 2)),
            hours_per_week=round(rng.uniform(0.5, 6), 1),
        )
        for i in range(n)
    ]
    return zorg.model_copy(update={"activities": activities, "design": None})


def main() -> None:
    case = big_case()
    started = time.perf_counter()
    editor = VariantEditor(case, Vocabulary(region=case.region))
    build_ms = (time.perf_counter() - started) * 1000
    _, context, _ = editor.sliders[case.activities[17].id]
    context.value = 0.5  # the first move adds the "before" trace: one full redraw, not timed
    timings = time_value_changes(_slider_moves(context))
    print(f"activities: {len(case.activities)}; editor built in {build_ms:.0f} ms")
    print_against_budget("slider move", timings, BUDGET_MS)


def _slider_moves(slider: Any) -> Iterator[tuple[Any, float]]:
    """MOVES new values for ``slider``, each different from the one before."""
    for step in range(MOVES):
        value = round(-0.9 + 0.05 * (step % 36), 2)
        yield slider, (0.55 if value == slider.value else value)


if __name__ == "__main__":
    main()
