"""A plotly figure that redraws in place inside a widget layout.

Why not plotly's ``FigureWidget``? Since plotly 6 it is an anywidget that
ships the whole plotly.js bundle (about 5 MB) as widget state — once per
figure. A dashboard with seven live figures sent over 30 MB through the
kernel websocket and took five times as long to appear. Here a figure is
displayed into an ``Output`` widget as the plotly mime type, which the page's
plotly renderer (loaded once) draws; an update sends only the figure's JSON.
"""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go
import plotly.io as pio

__all__ = ["LiveFigure"]


class LiveFigure:
    """Holds the figure last drawn (for code and tests) and the widget that shows it."""

    def __init__(self, figure: go.Figure, css_class: str | None = None) -> None:
        self.figure = figure
        self.widget = widgets.Output()
        if css_class:
            self.widget.add_class(css_class)  # a handle for browser tests and styling
        self._draw()

    def update(self, figure: go.Figure) -> None:
        """Replace the drawn figure; the old one stays until the new one is ready (no flicker)."""
        self.figure = figure
        self._draw()

    def _draw(self) -> None:
        """Set the output's contents directly rather than printing into it with ``with self.widget``.

        ``with output:`` routes what is displayed by the message the kernel is
        handling, so a redraw from a background thread (the meeting page polls
        the store in one) went nowhere. Setting ``outputs`` works from any thread
        and swaps the figure in one step.
        """
        data = pio.renderers["plotly_mimetype"].to_mimebundle(self.figure.to_plotly_json())
        data["text/plain"] = "<plotly figure>"
        self.widget.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)
