"""Every kind of figure built once on an example case, so a pre-heated kernel has loaded what plotly loads late.

Plotly imports the module of a graph object class, and builds the validators
of its properties, the first time a figure uses them: a kernel's first
quadrant map took 245 ms, the next ones 48 ms (``benchmarks/README.md``). A
pre-heated dashboard kernel (:func:`hlo_design.ui.session.preload`) calls
:func:`warm_up` before its viewer comes, so a page view pays only for its own
figures. The cases are two of the tool's bundled examples (between them every
figure has data to draw); nothing is shown or kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial

import plotly.graph_objects as go

from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.base.config import EXAMPLE_CASES_DIR
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DesignPlan
from hlo_design.model.rhythm import Rhythm
from hlo_design.model.scan import Scan
from hlo_design.render.figures.continuum import continuum_strip
from hlo_design.render.figures.environments import environment_comparison
from hlo_design.render.figures.journey import coverage_heatmap, journey_map
from hlo_design.render.figures.meeting import dot_bars
from hlo_design.render.figures.overview import (
    concentration_bars,
    corners_comparison,
    perspective_coverage,
    phase_progress,
    quadrant_distribution,
)
from hlo_design.render.figures.quadrant_map import quadrant_map
from hlo_design.render.figures.reflection import radar
from hlo_design.render.figures.rhythm import rhythm_grid
from hlo_design.render.figures.role_map import role_heatmap, side_share_bars
from hlo_design.render.figures.scan import disagreement_heatmap, movement_heatmap, scan_comparison, scan_heatmap
from hlo_design.render.figures.summary_bars import summary_bars
from hlo_design.render.figures.valorisation import action_plan_chart, corner_chart, test_moment_chart
from hlo_design.render.figures.variants import shift_bars, shift_map, variant_comparison

__all__ = ["WARM_UP_CASES", "warm_up", "warm_up_figures"]

OVERVIEW_FIGURES = (quadrant_distribution, perspective_coverage, concentration_bars, phase_progress, corners_comparison)

WARM_UP_CASES = ("zorg", "energietransitie")
"""The bundled example cases the figures are built on: between them every figure is drawn from data."""


def warm_up(vocabulary: Vocabulary) -> None:
    """Build every figure of the workbook on the example cases, and throw them away."""
    for name in WARM_UP_CASES:
        case = load_case(EXAMPLE_CASES_DIR / f"{name}.yaml", vocabulary=vocabulary)
        for build in warm_up_figures(case, vocabulary):
            build()


def warm_up_figures(case: Case, v: Vocabulary) -> list[Callable[[], go.Figure]]:
    """One builder per kind of figure, each drawing ``case`` as a page would."""
    plan = case.design or DesignPlan()
    builders: list[Callable[[], go.Figure]] = [
        partial(quadrant_map, case, v),
        partial(summary_bars, summarise(case.id, case.activities), v),
        partial(environment_comparison, case, v),
        partial(continuum_strip, case.continuum.position if case.continuum else None, v),
        partial(rhythm_grid, case.rhythm or Rhythm(), v),
        partial(role_heatmap, case, v),
        partial(side_share_bars, case, v),
        partial(journey_map, case, v),
        partial(coverage_heatmap, plan, v),
        partial(variant_comparison, case, v),
        partial(dot_bars, case, {}, v),
    ]
    builders += [partial(figure, case.scans, v) for figure in (disagreement_heatmap, scan_comparison)]
    builders.append(partial(movement_heatmap, [*case.scans, *(_a_day_later(scan) for scan in case.scans)], v))
    builders += [partial(scan_heatmap, scan, v) for scan in case.scans[:1]]
    builders += [partial(radar, web, v) for web in case.reflection_webs[:1]]
    builders += [partial(figure, [case], v) for figure in OVERVIEW_FIGURES]
    for variant in plan.variants[:1]:
        builders += [partial(shift_map, case, variant, v), partial(shift_bars, case, variant, v)]
    if case.valorisation:
        charts = (test_moment_chart, corner_chart, action_plan_chart)
        builders += [partial(chart, case.valorisation, v, case=case) for chart in charts]
    return builders


def _a_day_later(scan: Scan) -> Scan:
    """The same scan as a second session: the examples have one session per group, a movement needs two."""
    return scan.model_copy(update={"date": scan.date + timedelta(days=1)})
