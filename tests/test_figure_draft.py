"""A :class:`~hlo_design.render.figures.theme.Draft` makes the same figure as the same calls on ``go.Figure``."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from hlo_design.render.figures.theme import Draft


def _draw(figure: Any) -> Any:
    """One sequence of calls, given to a ``go.Figure`` and to a draft alike: traces, shapes, annotations, updates."""
    figure.add_trace(go.Scatter(x=[0, 1], y=[1, 0], name="a"))
    figure.add_shape(type="rect", x0=0, x1=1, y0=0, y1=1, fillcolor="#DCEBF7", layer="below")
    figure.add_annotation(x=0.5, y=0.5, text="<b>1</b>", showarrow=False)
    figure.add_trace(go.Bar(x=[1, 2], y=[3, 4], name="b"))
    figure.add_shape(type="line", x0=0, x1=1, y0=0.5, y1=0.5, line={"width": 2})
    figure.add_annotation(x=0, y=0, ax=1, ay=1, xref="x", yref="y", axref="x", ayref="y", showarrow=True)
    figure.update_layout(margin={"l": 70, "r": 30, "t": 70, "b": 70}, title={"text": "t", "x": 0.01})
    figure.update_layout(margin={"t": 150}, title={"y": 0.98})  # nested: merged, not replaced
    figure.update_xaxes(range=[0, 2], title={"text": "x"})
    figure.update_xaxes(fixedrange=True)
    figure.update_yaxes(autorange="reversed")
    figure.update_layout({"legend": {"orientation": "h"}}, height=300)
    return figure


def test_a_draft_makes_the_figure_the_same_calls_make() -> None:
    """Traces, shapes and annotations in the order added; layout updates merged as plotly merges them."""
    assert _draw(Draft()).figure().to_plotly_json() == _draw(go.Figure()).to_plotly_json()


def test_a_draft_of_a_subplot_grid_updates_every_axis_and_title() -> None:
    """``update_xaxes``/``update_yaxes``/``update_annotations`` reach every subplot's axes and titles, empty cells too."""

    def grid() -> go.Figure:
        figure = make_subplots(rows=2, cols=2, shared_yaxes=True, subplot_titles=["a", "b", "c"])
        for index in range(3):
            figure.add_trace(go.Heatmap(z=[[index, 1]]), row=1 + index // 2, col=1 + index % 2)
        return figure

    draft = Draft.going_on_from(grid())
    expected = grid()
    for figure in (draft, expected):
        figure.update_yaxes(autorange="reversed", tickfont={"size": 16})
        figure.update_xaxes(side="top")
        figure.update_annotations(font={"size": 18}, yshift=65)
        figure.add_annotation(text="note", xref="paper", yref="paper", x=0, y=0, showarrow=False)
    assert draft.figure().to_plotly_json() == expected.to_plotly_json()


def test_a_draft_never_changes_the_dicts_it_was_given() -> None:
    """A later update merges into the draft's own copy, so shared settings (module constants) stay as they were."""
    common = {"font": {"size": 15}, "y": -0.16}
    draft = Draft().update_layout(legend=common)
    draft.update_layout(legend={"font": {"size": 20}})
    assert common == {"font": {"size": 15}, "y": -0.16}
    assert draft.layout["legend"] == {"font": {"size": 20}, "y": -0.16}
