"""The school–work continuum as a strip of five positions, the chosen one marked.

Used in the situation sketch: where the community places its environment,
from alignment on the school side via incorporation and hybridisation to
alignment on the work side. The middle is not a target in itself.
"""

from __future__ import annotations

import plotly.graph_objects as go

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.render.figures.theme import OKABE_ITO, Draft, base_layout

__all__ = ["continuum_strip"]


def continuum_strip(chosen: ContinuumPosition | None, vocabulary: Vocabulary, *, title: str | None = None) -> go.Figure:
    """Five labelled boxes from school to work; the chosen one filled, the rest (all, before a choice) outlined."""
    positions = list(ContinuumPosition)
    draft = Draft(
        go.Scatter(
            x=[p.value_on_scale for p in positions], y=[0] * len(positions), mode="markers+text",
            marker={
                "symbol": "square", "size": 46,
                "color": [OKABE_ITO[0] if p is chosen else "white" for p in positions],
                "line": {"color": OKABE_ITO[0], "width": 3},
            },
            text=[_two_lines(vocabulary.label(p)) for p in positions], textposition="bottom center",
            textfont={"size": 15}, hoverinfo="text", showlegend=False, cliponaxis=False,
        )
    )  # fmt: skip
    draft.add_shape(type="line", x0=-2.4, x1=2.4, y0=0, y1=0, line={"color": "#777777", "width": 2}, layer="below")
    for x, key, anchor in ((-2.45, "continuum.school", "right"), (2.45, "continuum.work", "left")):
        draft.add_annotation(
            x=x, y=0, text=f"<b>{vocabulary(key)}</b>", showarrow=False, xanchor=anchor, font={"size": 16}
        )
    draft.update_xaxes(visible=False, range=[-3.2, 3.2], fixedrange=True)
    draft.update_yaxes(visible=False, range=[-1.6, 0.5], fixedrange=True)
    position = vocabulary.label(chosen) if chosen is not None else vocabulary("continuum.not_chosen")
    return base_layout(
        draft, vocabulary, title or vocabulary("continuum.title", position=position), height=240
    ).figure()


def _two_lines(label: str) -> str:
    head, _, tail = label.partition(" ")
    return f"{head}<br>{tail}" if tail else head
