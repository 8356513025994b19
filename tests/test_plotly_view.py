"""Dashboard figures are drawn by plotly.js from the figure's JSON, served by the workbook's own Voilà.

The browser tests draw them (tests/browser); these check the kernel's side: what the widget carries,
which widget a live figure is where, and that the server's route reaches the plotly.js that plotly ships.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest

from hlo_design.app.voila_server import plotly_js_handler
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.plotly_view import PLOTLY_JS_FILE, PlotlyView


def _figure(y: list[float]) -> go.Figure:
    return go.Figure(go.Bar(x=["a", "b", "c"], y=y), layout={"title": {"text": "Uren <per> kwadrant"}})


def test_the_widget_carries_the_figure_as_plotly_js_reads_it() -> None:
    figure = _figure([1.5, 2, 3])
    view = PlotlyView(figure)
    carried = json.loads(view.figure)
    assert carried["data"] == json.loads(figure.to_json())["data"]
    assert carried["layout"]["title"]["text"] == "Uren <per> kwadrant"  # plotly.js sets titles as text, not HTML
    view.show(_figure([4, 5, 6]))
    assert json.loads(view.figure)["data"][0]["y"] == [4, 5, 6]


@pytest.mark.parametrize(("environment", "widget"), [("voila/0.5.13", "PlotlyView"), ("", "Output")])
def test_a_live_figure_is_a_plotly_view_in_a_dashboard_only(
    monkeypatch: pytest.MonkeyPatch, environment: str, widget: str
) -> None:
    monkeypatch.setenv("SERVER_SOFTWARE", environment)
    live = LiveFigure(_figure([1, 2, 3]), "hlo-test-figure")
    assert type(live.widget).__name__ == widget
    assert "hlo-test-figure" in live.widget._dom_classes
    live.update(_figure([3, 2, 1]))
    assert list(live.figure.data[0].y) == [3, 2, 1]
    if isinstance(live.widget, PlotlyView):
        assert json.loads(live.widget.figure)["data"][0]["y"] == [3, 2, 1]
    else:
        assert live.widget.outputs[0]["data"]["application/vnd.plotly.v1+json"]["data"][0]["y"] == [3, 2, 1]


@pytest.mark.parametrize("base_url", ["/", "/user/coach/hlo/"])
def test_the_server_serves_the_plotly_js_of_the_installed_plotly(base_url: str) -> None:
    """The route of ``hlo-design serve`` (a JupyterHub base URL too) reaches plotly's own bundle, and nothing beside it."""
    pattern, _handler, options = plotly_js_handler(base_url)
    match = re.fullmatch(pattern, f"{base_url}hlo/static/{PLOTLY_JS_FILE}")
    assert match is not None
    for other in ("hlo/static/../cases/zorg.yaml", "hlo/static/plotly.js", "voila/hlo/static/plotly.min.js"):
        assert re.fullmatch(pattern, base_url + other) is None
    shipped = Path(options["path"]) / match.group(1)
    assert "* plotly.js v" in shipped.read_text(encoding="utf-8")[:200]
