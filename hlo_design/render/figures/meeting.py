"""The dots the room put on design decisions, as bars: what the group wants to do first."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.render.figures.theme import OKABE_ITO, Draft, base_layout
from hlo_design.render.figures.valorisation import wrap

__all__ = ["dot_bars"]


def dot_bars(case: Case, dots: Mapping[str, int], vocabulary: Vocabulary) -> go.Figure:
    """One bar per design decision with its dots, most dots on top; decisions without dots are listed too."""
    decisions = case.design.decisions if case.design else []
    ordered = sorted(decisions, key=lambda decision: dots.get(decision.id, 0))
    labels = [wrap(f"{vocabulary.label(d.perspective)} · {d.text}", 46) for d in ordered]
    counts = [dots.get(decision.id, 0) for decision in ordered]
    draft = Draft(
        go.Bar(
            x=counts, y=labels, orientation="h", marker_color=OKABE_ITO[4], text=counts, textposition="outside",
            textfont={"size": 18}, hoverinfo="skip",
        )
    )  # fmt: skip
    draft = base_layout(draft, vocabulary, vocabulary("meeting.dots"), height=max(360, 90 + 56 * len(ordered)))
    draft.update_xaxes(rangemode="tozero", dtick=1, tickfont={"size": 16})
    draft.update_yaxes(tickfont={"size": 16}, automargin=True)
    return draft.figure()
