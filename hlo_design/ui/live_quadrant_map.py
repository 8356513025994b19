"""A live quadrant map together with its legend, redrawn as one.

The numbers on the map mean something only through the legend beside it, so
the two are drawn from the same case and activities in one call: a redraw
can never leave a legend that names the previous numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets
import plotly.graph_objects as go

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.render.figures import quadrant_map
from hlo_design.render.map_legend import map_legend_html
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.shared_models import shared_layout

__all__ = ["LiveQuadrantMap"]


class LiveQuadrantMap:
    """The map of a case (or of edited ``activities``) above the legend of its numbered markers."""

    def __init__(
        self,
        case: Case,
        vocabulary: Vocabulary,
        activities: Sequence[Activity] | None = None,
        css_class: str | None = None,
    ) -> None:
        self.live = LiveFigure(quadrant_map(case, vocabulary, activities=activities), css_class)
        self.legend = widgets.HTML(str(map_legend_html(case, vocabulary, activities)))
        self.legend.add_class("hlo-map-legend-host")
        self.widget = widgets.VBox([self.live.widget, self.legend], layout=shared_layout(width="100%"))

    @property
    def figure(self) -> go.Figure:
        """The figure last drawn."""
        return self.live.figure

    def draw(self, case: Case, vocabulary: Vocabulary, activities: Sequence[Activity] | None = None) -> None:
        """Redraw map and legend for ``case`` (with ``activities`` instead of its saved ones, if given)."""
        self.live.update(quadrant_map(case, vocabulary, activities=activities))
        self.legend.value = str(map_legend_html(case, vocabulary, activities))
