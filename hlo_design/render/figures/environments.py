"""Environments of one case side by side: where each site's hours fall in the model.

The Logistiek community compared a school simulation room, a hybrid
environment at companies and a learning location in a warehouse; one stacked
bar per environment makes such differences visible at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.model.quadrants import Quadrant
from hlo_design.render.figures.theme import QUADRANT_COLOURS, QUADRANT_PATTERNS, Draft, base_layout, safe

__all__ = ["environment_comparison"]


def environment_comparison(
    case: Case, vocabulary: Vocabulary, *, activities: Sequence[Activity] | None = None
) -> go.Figure:
    """Stacked hours per quadrant for each environment that has activities."""
    shown = list(case.activities if activities is None else activities)
    environments = [e for e in case.environments if any(a.environment == e.id for a in shown)]
    summaries = [summarise(e.id, [a for a in shown if a.environment == e.id]) for e in environments]
    names = [safe(e.name) for e in environments]
    draft = Draft()
    for quadrant in Quadrant:
        draft.add_trace(
            go.Bar(
                orientation="h",
                name=f"{quadrant.number} · {vocabulary.label(quadrant)}",
                y=names,
                x=[s.hours_by_quadrant[quadrant] for s in summaries],
                marker={
                    "color": QUADRANT_COLOURS[quadrant.number],
                    "pattern": {"shape": QUADRANT_PATTERNS[quadrant.number]},
                },
                hovertemplate="%{y}<br>%{x:g} " + vocabulary("summary.hours_short") + "<extra>%{fullData.name}</extra>",
            )
        )
    draft.update_layout(
        barmode="stack",
        legend={"orientation": "h", "y": -0.25, "x": 0, "font": {"size": 14}, "traceorder": "normal"},
    )
    draft.update_xaxes(title={"text": vocabulary("summary.hours")}, fixedrange=True)
    draft.update_yaxes(autorange="reversed", automargin=True, fixedrange=True)
    for name, summary in zip(names, summaries, strict=True):
        draft.add_annotation(
            x=summary.total_hours, y=name, xanchor="left", showarrow=False, font={"size": 14},
            text=" " + vocabulary("environments.realistic_share", share=vocabulary.percent(summary.realistic_share)),
        )  # fmt: skip
    height = 220 + 70 * max(len(environments), 1)
    return base_layout(
        draft, vocabulary, vocabulary("environments.title", case=safe(case.name)), height=height
    ).figure()
