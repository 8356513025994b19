"""The reflectieweb as a radar chart: the three raters' scores overlaid on the learners' criteria.

Each rater is one closed polygon with its own Okabe–Ito colour, line dash and
marker symbol, so the web reads in grey print and for colour-blind viewers.
Criteria are numbered and wrapped on the angular axis; all their text is
escaped. A criterion a rater left open is a gap in that rater's line.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.reflection import Rater, ReflectionWeb
from hlo_design.render.figures.theme import BASE_FONT_SIZE, OKABE_ITO, Draft, base_layout, safe

__all__ = ["RATER_STYLES", "criterion_label", "radar"]

RATER_STYLES: dict[Rater, dict[str, str]] = {
    Rater.LEARNER: {"color": OKABE_ITO[0], "dash": "solid", "symbol": "circle"},
    Rater.TEACHER: {"color": OKABE_ITO[1], "dash": "dash", "symbol": "diamond"},
    Rater.MENTOR: {"color": OKABE_ITO[2], "dash": "dot", "symbol": "square"},
}
"""Colour, dash and marker per rater: three cues, so no one depends on colour alone."""

WRAP = 22


def criterion_label(number: int, text: str, width: int = WRAP) -> str:
    """``"3. text"`` escaped and wrapped with ``<br>``; the number keeps axes apart when two texts are equal."""
    lines = textwrap.wrap(f"{number}. {text}", width=width, break_long_words=True) or [f"{number}."]
    if len(lines) > 3:
        lines = [*lines[:2], lines[2][: width - 1] + "…"]
    return "<br>".join(safe(line) for line in lines)


def radar(web: ReflectionWeb, vocabulary: Vocabulary) -> go.Figure:
    """One Scatterpolar per rater over the criteria; radial axis 0..scale_max; Dutch legend with the region's words."""
    labels = [criterion_label(number, c.text) for number, c in enumerate(web.criteria, start=1)]
    draft = Draft()
    for rater in Rater:
        style = RATER_STYLES[rater]
        name = vocabulary.label(rater)
        scores = [web.score(c.id, rater) for c in web.criteria]
        closed = [*scores, scores[0]] if scores else []
        theta = [*labels, labels[0]] if labels else []
        hover = [
            vocabulary("reflection.hover", label=safe(c.text), rater=safe(name), score="–" if s is None else s)
            for c, s in zip(web.criteria, scores, strict=True)
        ]
        draft.add_trace(
            go.Scatterpolar(
                r=closed,
                theta=theta,
                name=safe(name),
                mode="lines+markers",
                connectgaps=False,
                line={"color": style["color"], "dash": style["dash"], "width": 3.5},
                marker={
                    "symbol": style["symbol"],
                    "size": 13,
                    "color": style["color"],
                    "line": {"width": 1, "color": "white"},
                },
                hovertext=[*hover, hover[0]] if hover else [],
                hoverinfo="text",
            )
        )
    base_layout(draft, vocabulary, vocabulary("reflection.title", text=safe(web.title)), height=720)
    draft.update_layout(title={"y": 0.98, "yanchor": "top"})
    draft.update_layout(
        polar={
            "radialaxis": {
                "range": [0, web.scale_max],
                "tickvals": list(range(1, web.scale_max + 1)),
                "tickfont": {"size": BASE_FONT_SIZE - 2},
                # the scale runs between the first and the last criterion, clear of markers and labels
                "angle": (angle := 90 + 180 / max(len(web.criteria), 1)),
                "tickangle": angle,
                "gridcolor": "#c8c8c8",
            },
            "angularaxis": {
                "tickfont": {"size": BASE_FONT_SIZE - 1},
                "direction": "clockwise",
                "ticks": "outside",
                "ticklen": 14,
                "tickcolor": "white",
                "rotation": 90,
                "gridcolor": "#c8c8c8",
            },
            "bgcolor": "white",
        },
        legend={
            "orientation": "v",
            "x": 1.12,
            "xanchor": "right",
            "y": 1.14,
            "yanchor": "top",
            "font": {"size": BASE_FONT_SIZE},
        },
        margin={"l": 150, "r": 150, "t": 130, "b": 110},
        showlegend=True,
    )
    return draft.figure()
