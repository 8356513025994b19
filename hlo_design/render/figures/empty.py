"""The figure for when there is nothing to draw yet: no axes, one line that says what to do.

A chart of nothing still draws its axes (−1…6, a 0–1 grid, an empty legend),
and a room reads those as a result: "zero actions", "no coverage". A new case
starts with most parts empty, so every figure of the workbook that can be
empty shows this instead — the same title as when it has data, so the reader
knows which chart it is, and the next step in words ("Nog geen acties — voeg
er een toe in de actielijst hierboven").
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.render.figures.theme import BASE_FONT_SIZE, Draft, base_layout, safe

__all__ = ["EMPTY_HEIGHT", "EMPTY_META", "empty_figure"]

EMPTY_HEIGHT = 260
"""Low enough not to leave a screen of white under one line of text."""

EMPTY_META = "hlo-empty"
"""Marks the figure as an empty state in its layout's ``meta``: tests tell it from a chart with data by this."""


def empty_figure(vocabulary: Vocabulary, title: str, message: str, *, height: int = EMPTY_HEIGHT) -> go.Figure:
    """A figure titled ``title`` that shows only ``message`` (escaped, wrapped), without axes or grid."""
    text = "<br>".join(safe(line) for line in textwrap.wrap(message, 70))
    draft = Draft()
    draft.add_annotation(
        text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
        font={"size": BASE_FONT_SIZE + 3, "color": "#444444"}, align="center",
    )  # fmt: skip
    draft.update_xaxes(visible=False, fixedrange=True)
    draft.update_yaxes(visible=False, fixedrange=True)
    draft = base_layout(draft, vocabulary, title, height=height)
    draft.update_layout(meta=EMPTY_META, showlegend=False)
    return draft.figure()
