"""Cross-case figures for learning networks: cases side by side."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from hlo_design.analysis.case_overview import Phase, PhaseStatus, overview_table
from hlo_design.analysis.role_map import Busiest, analyse_role_map
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.model.perspectives import Perspective
from hlo_design.model.quadrants import Quadrant
from hlo_design.model.roles import Process
from hlo_design.model.valorisation import STRENGTH_MAX, Corner
from hlo_design.render.figures.theme import (
    OKABE_ITO,
    QUADRANT_COLOURS,
    QUADRANT_PATTERNS,
    Draft,
    base_layout,
    discrete_colourscale,
    safe,
)
from hlo_design.render.figures.valorisation import wrap

__all__ = [
    "concentration_bars",
    "corners_comparison",
    "perspective_coverage",
    "phase_progress",
    "quadrant_distribution",
]

PHASE_COLOURS = {PhaseStatus.NOT_STARTED: "#F2F2F2", PhaseStatus.PARTLY: OKABE_ITO[1], PhaseStatus.DONE: OKABE_ITO[2]}
_PATTERNS = ("", "/", ".", "x", "-", "+", "\\", "|")


def _label(case: Case) -> str:
    """A short, escaped label for a case: its id."""
    return safe(case.id)


def _cell(table: pd.DataFrame, case_id: str, column: str) -> Any:
    """One value of the overview table (typed loosely: the columns hold numbers, bools and strings)."""
    return table.at[case_id, column]


def _legend_on_top(draft: Draft) -> None:
    draft.update_layout(legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "xanchor": "left"})


def quadrant_distribution(cases: Sequence[Case], vocabulary: Vocabulary) -> go.Figure:
    """Per case a bar of the share of weekly hours in each quadrant (stacked, 1 at the bottom)."""
    table = overview_table(cases)
    labels = [_label(c) for c in cases]
    draft = Draft()
    for quadrant in sorted(Quadrant, key=lambda q: q.number):
        shares = [float(s) for s in table[f"share_q{quadrant.number}"]]
        draft.add_trace(
            go.Bar(
                x=labels, y=shares, name=f"{quadrant.number} · {vocabulary.label(quadrant)}",
                text=[f"{s:.0%}" if s >= 0.05 else "" for s in shares], textposition="inside",
                insidetextanchor="middle", textfont={"size": 16},
                marker={"color": QUADRANT_COLOURS[quadrant.number], "pattern": {"shape": QUADRANT_PATTERNS[quadrant.number]}},
                customdata=[safe(c.name) for c in cases], hovertemplate="%{customdata}<br>%{y:.0%}<extra></extra>",
            )
        )  # fmt: skip
    draft.update_layout(barmode="stack", legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1})
    draft.update_yaxes(
        title={"text": vocabulary("overview.share_hours")}, tickformat=".0%", range=[0, 1], fixedrange=True
    )
    draft.update_xaxes(fixedrange=True)
    return base_layout(draft, vocabulary, vocabulary("overview.quadrant_title"), height=560).figure()


def perspective_coverage(cases: Sequence[Case], vocabulary: Vocabulary) -> go.Figure:
    """Cases × perspectives heat map of decisions (not dropped); ✓ marks a perspective that carries the design."""
    table = overview_table(cases)
    perspectives = list(Perspective)
    z = [[int(_cell(table, c.id, f"decisions_{p.value}")) for p in perspectives] for c in cases]
    text = [
        [
            f"{n}{' ✓' if bool(_cell(table, c.id, f'carries_{p.value}')) else ''}"
            for n, p in zip(row, perspectives, strict=True)
        ]
        for row, c in zip(z, cases, strict=True)
    ]
    top = max((n for row in z for n in row), default=0) or 1
    draft = Draft(
        go.Heatmap(
            z=z, x=[vocabulary.label(p) for p in perspectives], y=[_label(c) for c in cases],
            text=text, texttemplate="%{text}", textfont={"size": 20},
            colorscale=[(0, "#FFFFFF"), (1, OKABE_ITO[4])], zmin=0, zmax=top, xgap=3, ygap=3,
            colorbar={"title": {"text": vocabulary("overview.decisions")}},
            hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
        )
    )  # fmt: skip
    draft.update_yaxes(autorange="reversed", fixedrange=True)
    draft.update_xaxes(side="top", fixedrange=True)
    draft.add_annotation(
        text=vocabulary("overview.carries_note"), xref="paper", yref="paper", x=0, y=-0.04,
        xanchor="left", yanchor="top", showarrow=False, font={"size": 15},
    )  # fmt: skip
    draft = base_layout(draft, vocabulary, vocabulary("overview.perspective_title"), height=220 + 80 * len(cases))
    draft.update_layout(margin={"t": 130, "b": 80})
    return draft.figure()


def concentration_bars(cases: Sequence[Case], vocabulary: Vocabulary) -> go.Figure:
    """Per case, the share of the tasks done that the busiest person is on: all tasks and per process.

    Grouped horizontal bars, one colour (and pattern) per part, each bar
    labelled with its percentage; cases without stickers say so. The busiest
    person's name and counts are on hover.
    """
    labels = [_label(c) for c in cases]
    analyses = [analyse_role_map(case).concentration for case in cases]
    parts: list[tuple[str, list[Busiest | None]]] = [
        (vocabulary("rolemap.concentration.all"), [a.overall for a in analyses]),
        *((vocabulary.label(p), [a.by_process.get(p) for a in analyses]) for p in Process),
    ]
    draft = Draft(
        [_concentration_trace(name, labels, found, index, vocabulary) for index, (name, found) in enumerate(parts)]
    )
    for label, analysis in zip(labels, analyses, strict=True):
        if analysis.overall is None:
            draft.add_annotation(x=0, y=label, text=vocabulary("overview.no_role_map"), showarrow=False, xanchor="left")
    draft.update_xaxes(
        title={"text": vocabulary("rolemap.concentration.axis")},
        range=[0, 1.12], tickformat=".0%", gridcolor="#dddddd", fixedrange=True,
    )  # fmt: skip
    draft.update_yaxes(autorange="reversed", automargin=True, fixedrange=True)
    draft.update_layout(barmode="group", legend={"orientation": "h", "y": -0.18, "traceorder": "normal"})
    return base_layout(
        draft, vocabulary, vocabulary("rolemap.concentration.title"), height=260 + 150 * len(cases)
    ).figure()


def _concentration_trace(
    name: str, labels: Sequence[str], found: Sequence[Busiest | None], index: int, vocabulary: Vocabulary
) -> go.Bar:
    hovers = [
        vocabulary(
            "rolemap.concentration.hover", case=label, part=name, name=safe(b.actor.name),
            tasks=b.tasks, done=b.done, share=f"{b.share:.0%}",
        )
        if b is not None
        else ""
        for label, b in zip(labels, found, strict=True)
    ]  # fmt: skip
    return go.Bar(
        name=name, orientation="h", y=list(labels), x=[b.share if b is not None else None for b in found],
        text=[f"{b.share:.0%}" if b is not None else "" for b in found], textposition="outside",
        cliponaxis=False, marker={"color": OKABE_ITO[index], "pattern": {"shape": _PATTERNS[index]}},
        hovertext=hovers, hoverinfo="text",
    )  # fmt: skip


def phase_progress(cases: Sequence[Case], vocabulary: Vocabulary) -> go.Figure:
    """Cases × phases grid; each cell coloured and labelled not started / partly / done."""
    table = overview_table(cases)
    statuses = list(PhaseStatus)
    codes = [[statuses.index(PhaseStatus(_cell(table, c.id, f"phase_{p.value}"))) for p in Phase] for c in cases]
    text = [[vocabulary.label(statuses[code]) for code in row] for row in codes]
    draft = Draft(
        go.Heatmap(
            z=codes, x=[vocabulary.label(p) for p in Phase], y=[_label(c) for c in cases],
            text=text, texttemplate="%{text}", textfont={"size": 18},
            colorscale=discrete_colourscale([PHASE_COLOURS[s] for s in statuses]), zmin=-0.5, zmax=len(statuses) - 0.5,
            showscale=False, xgap=4, ygap=4, hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )  # fmt: skip
    draft.update_yaxes(autorange="reversed", fixedrange=True)
    draft.update_xaxes(side="top", fixedrange=True)
    draft = base_layout(draft, vocabulary, vocabulary("overview.phase_title"), height=200 + 80 * len(cases))
    draft.update_layout(margin={"t": 130})
    return draft.figure()


def corners_comparison(cases: Sequence[Case], vocabulary: Vocabulary) -> go.Figure:
    """The four corners side by side: per corner one bar per case (strength 0–4; missing = not assessed)."""
    table = overview_table(cases)
    corners = list(Corner)
    x = [wrap(vocabulary.label(c), 22) for c in corners]
    draft = Draft()
    for index, case in enumerate(cases):
        values = [float(_cell(table, case.id, f"corner_{c.value}")) for c in corners]
        draft.add_trace(
            go.Bar(
                x=x, y=[0.0 if math.isnan(v) else v for v in values], name=_label(case),
                text=["–" if math.isnan(v) else f"{v:g}" for v in values], textposition="outside", cliponaxis=False,
                marker={"color": OKABE_ITO[index % len(OKABE_ITO)], "pattern": {"shape": _PATTERNS[index % len(_PATTERNS)]}},
            )
        )  # fmt: skip
    draft.update_layout(barmode="group", bargap=0.25)
    _legend_on_top(draft)
    draft.update_yaxes(
        title={"text": vocabulary("valorisation.strength")},
        range=[0, STRENGTH_MAX + 0.6],
        dtick=1,
        gridcolor="#dddddd",
        fixedrange=True,
    )
    draft.update_xaxes(fixedrange=True)
    draft = base_layout(draft, vocabulary, vocabulary("overview.corners_title"), height=600)
    draft.update_layout(margin={"t": 120})
    return draft.figure()
