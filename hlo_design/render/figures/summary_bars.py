"""The quadrant summary as bars: weekly hours per quadrant, in the documents' order."""

from __future__ import annotations

import plotly.graph_objects as go

from hlo_design.analysis.quadrant_summary import QuadrantSummary
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.render.figures.theme import QUADRANT_COLOURS, QUADRANT_PATTERNS, Draft, base_layout

__all__ = ["summary_bars"]


def summary_bars(summary: QuadrantSummary, vocabulary: Vocabulary, *, title: str | None = None) -> go.Figure:
    """Horizontal bars of hours per quadrant (1 on top), labelled with hours and share."""
    total = summary.total_hours or 1.0
    ordered = sorted(summary.hours_by_quadrant.items(), key=lambda item: -item[0].number)
    draft = Draft(
        go.Bar(
            orientation="h",
            y=[f"{q.number} · {vocabulary.label(q)}" for q, _ in ordered],
            x=[h for _, h in ordered],
            text=[
                vocabulary("summary.bar_text", hours=vocabulary.number(h, 2), share=vocabulary.percent(h / total))
                for _, h in ordered
            ],
            textposition="auto",
            marker={
                "color": [QUADRANT_COLOURS[q.number] for q, _ in ordered],
                "pattern": {"shape": [QUADRANT_PATTERNS[q.number] for q, _ in ordered]},
            },
            hoverinfo="x+y",
        )
    )
    draft.update_xaxes(title={"text": vocabulary("summary.hours")}, rangemode="tozero", fixedrange=True)
    draft.update_yaxes(automargin=True, fixedrange=True)
    return base_layout(
        draft, vocabulary, title or vocabulary("summary.title", case=summary.case_id), height=360
    ).figure()
