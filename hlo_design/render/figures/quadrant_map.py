"""The quadrant map: learning activities and diagnosis findings in the Zitter model.

Drawn as the GHLOBO documents draw the model — quadrants 1 2 on top, 4 3
below — so a learning community recognises it: the learning context runs
from constructed (left) to realistic (right), the learning form from
acquisition (top) to participation (bottom). Activities are markers sized by
weekly hours, coloured *and* shaped per environment, and carry a number
(1, 2, 3 … in the order of the shown activities) that the legend beside the
map (:mod:`hlo_design.render.map_legend`) names: text labels on the plot
overlapped one another and were cut off at the edges as soon as a case had a
dozen activities. Findings are white squares with their own labels. The
centre is the hybrid learning environment itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.model.findings import Finding
from hlo_design.model.quadrants import Quadrant
from hlo_design.render.figures.theme import OKABE_ITO, QUADRANT_TINTS, SYMBOLS, Draft, base_layout, readable_on, safe

__all__ = ["activity_hover", "environment_style", "map_draft", "marker_size", "numbered", "quadrant_map"]

EDGE = 1.08
MAX_MARKER_PX = 52
MIN_MARKER_PX = 26
"""Big enough for a two-digit number in the smallest marker."""
FINDING_SPREAD = 0.14


def quadrant_map(
    case: Case,
    vocabulary: Vocabulary | None = None,
    *,
    activities: Sequence[Activity] | None = None,
    show_findings: bool = True,
    height: int = 680,
) -> go.Figure:
    """The map of ``case``; pass ``activities`` to draw edited positions instead of the saved ones."""
    vocabulary = vocabulary or Vocabulary(region=case.region)
    return map_draft(case, vocabulary, activities=activities, show_findings=show_findings, height=height).figure()


def map_draft(
    case: Case,
    vocabulary: Vocabulary,
    *,
    activities: Sequence[Activity] | None = None,
    show_findings: bool = True,
    height: int = 680,
) -> Draft:
    """The map of ``case`` as a draft, for figures that draw more on it (journeys, variants)."""
    shown = list(case.activities if activities is None else activities)
    draft = Draft()
    _draw_quadrants(draft, vocabulary)
    _draw_activities(draft, case, shown, vocabulary)
    if show_findings:
        _draw_findings(draft, case.findings, vocabulary)
    _draw_axes(draft, vocabulary)
    return base_layout(draft, vocabulary, vocabulary("map.title", case=safe(case.name)), height=height)


def _draw_quadrants(draft: Draft, vocabulary: Vocabulary) -> None:
    for quadrant in Quadrant:
        x_side = 1 if quadrant.is_realistic else -1
        y_side = 1 if quadrant.is_participation else -1
        draft.add_shape(
            type="rect",
            x0=0,
            x1=x_side * EDGE,
            y0=0,
            y1=y_side * EDGE,
            fillcolor=QUADRANT_TINTS[quadrant.number],
            line={"width": 0},
            layer="below",
        )
        draft.add_annotation(
            x=x_side * (EDGE - 0.03),
            y=y_side * (EDGE - 0.03),
            xanchor="right" if x_side > 0 else "left",
            yanchor="bottom" if y_side > 0 else "top",
            text=f"<b>{quadrant.number}</b>  {_wrap(vocabulary.label(quadrant))}",
            align="right" if x_side > 0 else "left",
            showarrow=False,
            font={"size": 16, "color": "#333333"},
            bgcolor="rgba(255,255,255,0.75)",
        )
    draft.add_shape(
        type="circle",
        x0=-0.2,
        x1=0.2,
        y0=-0.2,
        y1=0.2,
        line={"color": "#555555", "width": 2, "dash": "dot"},
        layer="below",
    )
    draft.add_annotation(
        x=0,
        y=0.27,
        text=f"<i>{vocabulary('map.centre')}</i>",
        showarrow=False,
        font={"size": 14, "color": "#444444"},
        bgcolor="rgba(255,255,255,0.6)",
    )


def _wrap(text: str, width: int = 24) -> str:
    """Break a quadrant name over two lines near its middle when it is long."""
    if len(text) <= width:
        return text
    middle = len(text) // 2
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - middle), default=None)
    return text if cut is None else f"{text[:cut]}<br>{text[cut + 1 :]}"


def marker_size(hours: float, largest: float) -> float:
    """Marker diameter in pixels; the *area* grows with hours."""
    if largest <= 0:
        return MIN_MARKER_PX
    return MIN_MARKER_PX + (MAX_MARKER_PX - MIN_MARKER_PX) * math.sqrt(hours / largest)


def numbered(activities: Sequence[Activity]) -> list[tuple[int, Activity]]:
    """Each shown activity with the number its marker and its legend line carry (1, 2, 3 …, in list order)."""
    return list(enumerate(activities, start=1))


def environment_style(index: int) -> tuple[str, str]:
    """The colour and plotly marker symbol of the ``index``-th environment of a case (map and legend agree)."""
    return OKABE_ITO[index % len(OKABE_ITO)], SYMBOLS[index % len(SYMBOLS)]


def _draw_activities(draft: Draft, case: Case, activities: list[Activity], vocabulary: Vocabulary) -> None:
    largest = max((a.hours_per_week for a in activities), default=0.0)
    numbers = numbered(activities)
    for index, environment in enumerate(case.environments):
        members = [(number, a) for number, a in numbers if a.environment == environment.id]
        if not members:
            continue
        colour, symbol = environment_style(index)
        draft.add_trace(
            go.Scatter(
                x=[a.position.context for _, a in members],
                y=[a.position.form for _, a in members],
                mode="markers+text",
                name=safe(environment.name),
                text=[str(number) for number, _ in members],
                textposition="middle center",
                textfont={"size": 14, "color": readable_on(colour)},
                customdata=[a.id for _, a in members],
                hovertext=[activity_hover(a, environment.name, vocabulary, number) for number, a in members],
                hoverinfo="text",
                marker={
                    "size": [marker_size(a.hours_per_week, largest) for _, a in members],
                    "color": colour,
                    "symbol": symbol,
                    "line": {"color": "white", "width": 1.5},
                },
            )
        )


def activity_hover(activity: Activity, environment: str, vocabulary: Vocabulary, number: int | None = None) -> str:
    """The hover text of an activity's marker, led by the number the marker carries (if any)."""
    quadrant = activity.quadrant
    where = f"{quadrant.number} {vocabulary.label(quadrant)}" if quadrant else vocabulary("map.on_axis")
    text = vocabulary(
        "map.activity_hover",
        name=safe(activity.name),
        environment=safe(environment),
        hours=vocabulary.number(activity.hours_per_week, 2),
        quadrant=where,
    )
    return text if number is None else f"{number}. {text}"


def _finding_points(findings: Sequence[Finding]) -> list[tuple[Finding, float, float]]:
    """Where each placed finding is drawn; several in one quadrant are spread sideways."""
    points: list[tuple[Finding, float, float]] = []
    per_quadrant: dict[int, int] = {}
    for finding in findings:
        point = finding.place.point
        if point is None:
            continue
        x, y = point.context, point.form
        if finding.place.quadrant is not None:
            slot = per_quadrant.get(finding.place.quadrant, 0)
            per_quadrant[finding.place.quadrant] = slot + 1
            x += FINDING_SPREAD * ((slot + 1) // 2) * (1 if slot % 2 else -1)  # 0, +1, -1, +2, ...
        points.append((finding, x, y))
    return points


def _label(finding: Finding, index: int) -> str:
    return safe(finding.label or str(index + 1))


def _draw_findings(draft: Draft, findings: Sequence[Finding], vocabulary: Vocabulary) -> None:
    labels = {finding.id: _label(finding, i) for i, finding in enumerate(findings)}
    points = _finding_points(findings)
    if points:
        draft.add_trace(
            go.Scatter(
                x=[x for _, x, _ in points],
                y=[y for _, _, y in points],
                mode="markers+text",
                name=vocabulary("map.findings"),
                text=[labels[f.id] for f, _, _ in points],
                textposition="middle center",
                textfont={"size": 16, "color": "#000000"},
                hovertext=[
                    vocabulary("map.finding_hover", label=labels[f.id], text=safe(f.text)) for f, _, _ in points
                ],
                hoverinfo="text",
                marker={"symbol": "square", "size": 30, "color": "white", "line": {"color": "#000000", "width": 2.5}},
            )
        )
    whole_model = [labels[f.id] for f in findings if f.place.is_model]
    if whole_model:
        draft.add_annotation(
            x=0,
            y=-0.1,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="top",
            showarrow=False,
            text=vocabulary("map.model_findings", labels=", ".join(whole_model)),
            font={"size": 15},
            bordercolor="#000000",
            borderwidth=1.5,
            bgcolor="white",
        )


def _draw_axes(draft: Draft, vocabulary: Vocabulary) -> None:
    common = {
        "range": [-EDGE, EDGE],
        "zeroline": False,
        "showgrid": False,
        "tickvals": [-1, 0, 1],
        "fixedrange": True,
        "constrain": "domain",
    }
    for x0, x1, y0, y1 in ((-EDGE, EDGE, 0, 0), (0, 0, -EDGE, EDGE)):
        draft.add_shape(type="line", x0=x0, x1=x1, y0=y0, y1=y1, line={"color": "#555555", "width": 2})
    draft.update_xaxes(
        title={
            "text": f"{vocabulary('axis.context')}: ← {vocabulary('pole.constructed')} · {vocabulary('pole.realistic')} →"
        },
        ticktext=[vocabulary("pole.constructed"), "0", vocabulary("pole.realistic")],
        **common,
    )
    draft.update_yaxes(
        title={
            "text": f"{vocabulary('axis.form')}: ↑ {vocabulary('pole.acquisition')} · {vocabulary('pole.participation')} ↓"
        },
        ticktext=[vocabulary("pole.acquisition"), "0", vocabulary("pole.participation")],
        autorange=False,
        scaleanchor="x",
        scaleratio=1,
        **{**common, "range": [EDGE, -EDGE]},
    )
    draft.update_layout(
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.16,
            "x": 0,
            "font": {"size": 15},
            "title": {"text": vocabulary("map.legend_size")},
        },
        margin={"b": 150},
    )
