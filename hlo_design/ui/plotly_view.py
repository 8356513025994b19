"""A plotly figure in a dashboard, drawn once by the browser instead of four times.

Voilà draws the plotly mime type with JupyterLab's plotly renderer, which for
every figure runs ``Plotly.react``, then ``Plotly.redraw`` and a resize on the
update that follows, then ``Plotly.toImage`` (a full hidden ``newPlot`` and a
PNG encoding, kept for a static copy nobody here reads). A browser profile of
the diagnosis page (ten figures) put 3.4 s of the page's 6 s there
(``benchmarks/README.md``). This widget hands the figure's JSON to plotly.js
itself: one ``Plotly.react`` per figure and per change, a resize only when its
box changes size.

plotly.js is the file plotly's Python package ships (the version the figures
were built for), served by ``hlo-design serve`` at :data:`PLOTLY_JS_ROUTE`. The
page template loads it in its head, so the browser fetches and parses it while
the kernel is still running the notebook; a page without that template loads
it on its first figure. A figure in a hidden step (step mode) waits until it is
shown, so a page in step mode draws only the figures in view.

Only in a dashboard: JupyterLab and papermill show the plotly mime type as
before (:class:`hlo_design.ui.live_figure.LiveFigure` chooses).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import anywidget
import plotly.graph_objects as go
import plotly.io as pio
import traitlets
from IPython.display import display

from hlo_design.ui.session import in_dashboard

__all__ = ["PLOTLY_JS_FILE", "PLOTLY_JS_ROUTE", "PlotlyView", "plotly_js_folder", "show_figure"]

PLOTLY_JS_ROUTE = "hlo/static/"
"""Where the server serves plotly.js, below its base URL (``voila_server`` adds the route)."""
PLOTLY_JS_FILE = "plotly.min.js"


def plotly_js_folder() -> Path:
    """The folder of plotly's Python package that holds the plotly.js bundle it was built with."""
    return Path(str(files("plotly") / "package_data"))


class PlotlyView(anywidget.AnyWidget):
    """Draws :attr:`figure` (a plotly figure as JSON) with plotly.js; a new value redraws it in place."""

    _esm = """
    function plotlyUrl() {
      const config = document.getElementById("jupyter-config-data");
      const base = (config && JSON.parse(config.textContent).baseUrl) || "/";
      return base.replace(/\\/?$/, "/") + "__ROUTE____FILE__";
    }
    // one <script> per page, shared by every figure on it
    function loadPlotly() {
      if (window.Plotly) return Promise.resolve(window.Plotly);
      if (!window.hloPlotlyLoading) {
        window.hloPlotlyLoading = new Promise((resolve, reject) => {
          const script = document.createElement("script");
          script.src = plotlyUrl();
          script.onload = () => resolve(window.Plotly);
          script.onerror = () => {
            window.hloPlotlyLoading = null;
            reject(new Error("plotly.js did not load from " + script.src));
          };
          document.head.appendChild(script);
        });
      }
      return window.hloPlotlyLoading;
    }
    export default {
      async render({ model, el }) {
        el.style.width = "100%";  // in a row of widgets, an empty box would have no width
        const plot = document.createElement("div");
        plot.className = "hlo-plotly";  // the graph div: what the projector's zoom applies to
        el.appendChild(plot);
        const Plotly = await loadPlotly();
        const draw = () => {
          const figure = JSON.parse(model.get("figure"));
          return Plotly.react(plot, figure.data || [], figure.layout || {}, { responsive: true, ...(figure.config || {}) });
        };
        let drawn = false;
        // drawn when it first has a width (a hidden step has none), resized when its box changes
        const observer = new ResizeObserver(() => {
          if (plot.offsetWidth === 0) return;
          if (drawn) { Plotly.Plots.resize(plot); return; }
          drawn = true;
          draw();
        });
        observer.observe(plot);
        const redraw = () => { if (drawn) draw(); };
        model.on("change:figure", redraw);
        return () => {
          observer.disconnect();
          model.off("change:figure", redraw);
          Plotly.purge(plot);
        };
      },
    };
    """.replace("__ROUTE__", PLOTLY_JS_ROUTE).replace("__FILE__", PLOTLY_JS_FILE)
    figure = traitlets.Unicode("{}").tag(sync=True)

    def __init__(self, figure: go.Figure, **kwargs: object) -> None:
        super().__init__(figure=figure_json(figure), **kwargs)

    def show(self, figure: go.Figure) -> None:
        """Draw ``figure`` instead of the one shown."""
        self.figure = figure_json(figure)


def figure_json(figure: go.Figure) -> str:
    """The figure as plotly.js reads it; the figure objects were validated when they were built."""
    return str(pio.to_json(figure, validate=False, remove_uids=False))


def show_figure(figure: go.Figure) -> None:
    """Display a figure: drawn by :class:`PlotlyView` in a dashboard, as the plotly mime type elsewhere.

    Papermill's executed notebooks and JupyterLab keep the plotly mime type, which
    they draw (and store) without a widget.
    """
    display(PlotlyView(figure) if in_dashboard() else figure)
