"""Shared look of every figure: the Okabe–Ito palette and projector-sized text.

Okabe & Ito's eight colours stay distinguishable for the common forms of
colour blindness; we pair colours with marker symbols so that nothing depends
on colour alone. Font sizes are chosen for a projector at the back of a room.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

import plotly.graph_objects as go
from markupsafe import escape
from plotly.basedatatypes import BaseTraceType

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.quadrants import Quadrant

__all__ = [
    "OKABE_ITO",
    "QUADRANT_COLOURS",
    "QUADRANT_PATTERNS",
    "QUADRANT_TINTS",
    "SYMBOLS",
    "Draft",
    "base_layout",
    "contrast",
    "discrete_colourscale",
    "quadrant_tick",
    "readable_on",
    "safe",
]

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""Blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow, black."""

SYMBOLS = ("circle", "diamond", "square", "triangle-up", "hexagon", "star", "triangle-down", "cross")

QUADRANT_TINTS = {1: "#DCEBF7", 2: "#FBEBCC", 3: "#D5F0E6", 4: "#F3E1EC"}
"""Light tints of blue, orange, green and purple behind quadrants 1–4."""

QUADRANT_COLOURS = {1: OKABE_ITO[0], 2: OKABE_ITO[1], 3: OKABE_ITO[2], 4: OKABE_ITO[3]}
"""Full colours of quadrants 1–4 for bars; the tints above are their light versions."""

QUADRANT_PATTERNS = {1: "", 2: "/", 3: ".", 4: "x"}
"""Bar fill patterns per quadrant, so the quadrants differ without colour too."""

FONT_FAMILY = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
BASE_FONT_SIZE = 17


_FigureT = TypeVar("_FigureT", go.Figure, "Draft")


def base_layout(figure: _FigureT, vocabulary: Vocabulary, title: str, height: int = 640) -> _FigureT:
    """Apply the common title, fonts and margins, and the page's decimal separator to every axis and hover."""
    figure.update_layout(
        separators=",." if vocabulary.language == "nl" else ".,",
        title={"text": title, "x": 0.01, "font": {"size": BASE_FONT_SIZE + 5}},
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": "#1a1a1a"},
        height=height,
        margin={"l": 70, "r": 30, "t": 70, "b": 70},
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel={"font": {"size": BASE_FONT_SIZE}},
    )
    return figure


def quadrant_tick(quadrant: Quadrant, vocabulary: Vocabulary, words_per_line: int = 2) -> str:
    """A quadrant as an axis label: its number and the same name the map and the tables use, wrapped.

    One name per quadrant on every page: the axis-side names ("geconstrueerde
    acquisitie") beside the model's names ("Aanleren van kennis en
    vaardigheden") made one page read as if it spoke of eight quadrants.
    """
    words = vocabulary.label(quadrant).split()
    lines = [" ".join(words[i : i + words_per_line]) for i in range(0, len(words), words_per_line)]
    return f"<b>{quadrant.number}</b> " + "<br>".join(lines)


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#RRGGBB`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background``: a number printed on a coloured marker."""
    return max(("#000000", "#FFFFFF"), key=lambda text: contrast(text, background))


def safe(text: str) -> str:
    """Escape participant text before it goes into a plotly label (plotly renders some HTML)."""
    return str(escape(text))


def discrete_colourscale(colours: list[str]) -> list[tuple[float, str]]:
    """A plotly colour scale that maps integer codes 0..n-1 onto ``colours`` in flat bands."""
    n = len(colours)
    scale: list[tuple[float, str]] = []
    for index, colour in enumerate(colours):
        scale += [(index / n, colour), ((index + 1) / n, colour)]
    return scale


class Draft:
    """A figure being built: traces and layout gathered as plain data, made into one ``go.Figure`` at the end.

    plotly validates on every call: ``add_shape`` and ``add_annotation``
    re-validate and re-assign the figure's whole tuple of shapes (annotations),
    so a loop of N calls costs O(N²) (62 calls took 0.34 s of one diagnosis
    page view), and each ``update_layout`` or ``update_xaxes`` runs plotly's
    relayout machinery (key-path parsing, validating twice): ~2 ms a call,
    most of a small figure's time. A draft takes the same calls as
    ``go.Figure`` (those the figure modules use), merges layout updates as
    plotly does (nested dicts merged, later values win) and hands it all to
    the ``go.Figure`` constructor, which validates every part once, with
    validation on. The figure is the same; shapes and annotations keep the
    order they were added in, the order plotly.js draws them in.
    """

    def __init__(self, data: BaseTraceType | Sequence[BaseTraceType] = ()) -> None:
        self.data: list[BaseTraceType] = [data] if isinstance(data, BaseTraceType) else list(data)
        self.layout: dict[str, Any] = {}
        self.shapes: list[dict[str, Any]] = []
        self.annotations: list[dict[str, Any]] = []

    @classmethod
    def going_on_from(cls, figure: go.Figure) -> Draft:
        """A draft of ``figure`` so far, for a grid that ``make_subplots`` laid out: its traces, layout, shapes, annotations.

        The layout's template is left out: the figure made at the end gets
        plotly's default template again, the one ``make_subplots`` gives.
        """
        layout = figure.layout.to_plotly_json()
        layout.pop("template", None)
        draft = cls(figure.data)
        draft.shapes = layout.pop("shapes", [])
        draft.annotations = layout.pop("annotations", [])
        return draft.update_layout(layout)

    def add_trace(self, trace: BaseTraceType) -> Draft:
        """Add a trace, drawn after those added before it."""
        self.data.append(trace)
        return self

    def add_shape(self, **properties: Any) -> Draft:
        """Add a shape; ``properties`` are those of ``go.layout.Shape``."""
        self.shapes.append(properties)
        return self

    def add_annotation(self, **properties: Any) -> Draft:
        """Add an annotation; ``properties`` are those of ``go.layout.Annotation``."""
        self.annotations.append(properties)
        return self

    def add_arrow(
        self, start: tuple[float, float], end: tuple[float, float], *, colour: str, width: float,
        standoff: float = 14, opacity: float = 0.95, hovertext: str | None = None,
    ) -> Draft:  # fmt: skip
        """A data-coordinate arrow from ``start`` to ``end`` that stops short of the markers at both ends."""
        return self.add_annotation(
            x=end[0], y=end[1], ax=start[0], ay=start[1], xref="x", yref="y", axref="x", ayref="y",
            text="", showarrow=True, arrowhead=3, arrowsize=1.3, arrowwidth=width, arrowcolor=colour,
            standoff=standoff, startstandoff=standoff, opacity=opacity, hovertext=hovertext,
        )  # fmt: skip

    def update_layout(self, properties: Mapping[str, Any] | None = None, **more: Any) -> Draft:
        """Update layout properties (not shapes or annotations: add those one by one)."""
        _merge(self.layout, {**(properties or {}), **more})
        return self

    def update_xaxes(self, **properties: Any) -> Draft:
        """Update every x axis, as ``go.Figure.update_xaxes`` does: ``xaxis``, ``xaxis2`` … (just ``xaxis`` when none is set)."""
        return self._update_axes("x", properties)

    def update_yaxes(self, **properties: Any) -> Draft:
        """Update every y axis, as ``go.Figure.update_yaxes`` does: ``yaxis``, ``yaxis2`` … (just ``yaxis`` when none is set)."""
        return self._update_axes("y", properties)

    def _update_axes(self, letter: str, properties: Mapping[str, Any]) -> Draft:
        axes = [key for key in self.layout if re.fullmatch(f"{letter}axis[0-9]*", key)] or [f"{letter}axis"]
        return self.update_layout(dict.fromkeys(axes, properties))

    def update_annotations(self, **properties: Any) -> Draft:
        """Update every annotation added so far, as ``go.Figure.update_annotations`` does."""
        for annotation in self.annotations:
            _merge(annotation, properties)
        return self

    def figure(self) -> go.Figure:
        """The plotly figure of everything added so far."""
        layout = dict(self.layout)
        if self.shapes:
            layout["shapes"] = self.shapes
        if self.annotations:
            layout["annotations"] = self.annotations
        return go.Figure(data=self.data, layout=layout)


def _merge(into: dict[str, Any], update: Mapping[str, Any]) -> None:
    """Merge ``update`` into ``into`` as plotly's ``update_layout`` does; nested dicts are copied, never shared."""
    for key, value in update.items():
        if isinstance(value, Mapping):
            if not isinstance(into.get(key), dict):
                into[key] = {}
            _merge(into[key], value)
        else:
            into[key] = value
