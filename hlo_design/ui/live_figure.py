"""A plotly figure that redraws in place inside a widget layout.

Why not plotly's ``FigureWidget``? Since plotly 6 it is an anywidget that
ships the whole plotly.js bundle (about 5 MB) as widget state — once per
figure. A dashboard with seven live figures sent over 30 MB through the
kernel websocket and took five times as long to appear. In a dashboard a
figure is a :class:`~hlo_design.ui.plotly_view.PlotlyView` (plotly.js loaded
once per page, one draw per figure); in JupyterLab it is displayed into an
``Output`` widget as the plotly mime type, which JupyterLab's plotly renderer
draws. Either way an update sends only the figure's JSON.
"""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio

from hlo_design.ui.plotly_view import PlotlyView
from hlo_design.ui.session import in_dashboard

__all__ = ["LiveFigure"]


class LiveFigure:
    """Holds the figure last drawn (for code and tests) and the widget that shows it."""

    def __init__(self, figure: go.Figure, css_class: str | None = None) -> None:
        self.figure = figure
        own = widgets.Layout()  # its own: an editor hides its chart while there is nothing to draw
        self.widget: widgets.DOMWidget = (
            PlotlyView(figure, layout=own) if in_dashboard() else widgets.Output(layout=own)
        )
        if css_class:
            self.widget.add_class(css_class)  # a handle for browser tests and styling
        if isinstance(self.widget, widgets.Output):
            self._draw_into_output(self.widget)

    def update(self, figure: go.Figure) -> None:
        """Replace the drawn figure; the old one stays until the new one is ready (no flicker)."""
        self.figure = figure
        if isinstance(self.widget, PlotlyView):
            self.widget.show(figure)
        else:
            self._draw_into_output(self.widget)

    def _draw_into_output(self, output: widgets.Output) -> None:
        """Set the output's contents directly rather than printing into it with ``with output``.

        ``with output:`` routes what is displayed by the message the kernel is
        handling, so a redraw from a background thread (the meeting page polls
        the store in one) went nowhere. Setting ``outputs`` works from any thread
        and swaps the figure in one step.
        """
        data = pio.renderers["plotly_mimetype"].to_mimebundle(self.figure.to_plotly_json())
        data["text/plain"] = "<plotly figure>"
        output.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)
