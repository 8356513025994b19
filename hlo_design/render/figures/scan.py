"""Heat maps of the HLO scan: one group's scan, where groups differ, groups side by side.

Rows are the three levels (strategic on top, as on the scan form), columns
the five perspectives with their guiding question. The continuum is drawn on
a diverging scale from school (Okabe–Ito blue) through a light neutral middle
(hybridisation) to work (vermillion), in five steps so every position has
one colour, and each cell also *says* its position, so nothing depends on
colour alone. Participant explanations appear on hover, always escaped.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from hlo_design.analysis.scan_comparison import (
    CarriedCell,
    Cell,
    carried_forward,
    disagreement,
    first_and_latest,
    latest_scans,
    latest_session,
    movement,
    scan_grid,
)
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.continuum import ContinuumPosition
from hlo_design.model.levels import Level
from hlo_design.model.perspectives import Perspective
from hlo_design.model.scan import Scan
from hlo_design.render.figures.empty import empty_figure
from hlo_design.render.figures.theme import Draft, base_layout, discrete_colourscale, safe

__all__ = [
    "CARRIED_MARK",
    "CONTINUUM_COLOURS",
    "disagreement_heatmap",
    "movement_heatmap",
    "scan_comparison",
    "scan_heatmap",
]

CONTINUUM_COLOURS = ("#0072B2", "#56B4E9", "#EEEEEE", "#E69F00", "#D55E00")
"""School-based … work-based: Okabe–Ito blue, sky blue, neutral grey, orange, vermillion."""

CARRIED_MARK = "↺"
"""Marks a cell whose value is carried forward from the group's earlier scan, in cell text and legend note."""

MOVEMENT_COLOURS = ((0.0, "#0072B2"), (0.5, "#F2F2F2"), (1.0, "#D55E00"))
"""Diverging: blue = moved towards school, light grey = no change, vermillion = moved towards work."""

SPREAD_COLOURS = ((0.0, "#F2F2F2"), (0.25, "#F6E3B4"), (0.5, "#E69F00"), (1.0, "#A04000"))
"""Sequential light grey → orange → dark vermillion for 0 … 4 steps of difference."""

CELL_FONT = 15
MAX_COMPARISON_COLUMNS = 2
"""More than two scans side by side leaves cells too narrow for their labels; further groups wrap."""
COMPARISON_ROW_PX = 650
NOTE_PX = 60
HOVER_WIDTH = 48


def _level_labels(vocabulary: Vocabulary) -> list[str]:
    return [vocabulary.label(level) for level in Level]


def _perspective_labels(vocabulary: Vocabulary, *, questions: bool = True) -> list[str]:
    return [
        f"{_break(vocabulary.label(p))}<br><i>{vocabulary.question(p)}</i>"
        if questions
        else _break(vocabulary.label(p))
        for p in Perspective
    ]


def _break(label: str) -> str:
    """Put a bracketed prefix such as "(beroeps)" on its own line, so narrow columns stay apart."""
    return label.replace(")", ")<br>", 1) if label.startswith("(") else label


def _short(position: ContinuumPosition, vocabulary: Vocabulary) -> str:
    return vocabulary(f"scan.short.{position.value}")


def _wrap(text: str) -> str:
    """Escape participant text and break it into hover-sized lines."""
    return "<br>".join(safe(line) for line in textwrap.wrap(text, HOVER_WIDTH)) if text else ""


def _scan_label(scan: Scan, vocabulary: Vocabulary) -> str:
    return f"{vocabulary.label(scan.group)}, {scan.date:%d-%m-%Y}"


def _scan_trace(
    scan: Scan,
    vocabulary: Vocabulary,
    *,
    questions: bool = True,
    carried: Mapping[Cell, CarriedCell] | None = None,
    **extra: object,
) -> go.Heatmap:
    """The 3 × 5 cells of one scan; cell text is left to plotly's automatic contrast (white on the dark ends).

    Cells the group left open but filled in an earlier scan (``carried``) get
    that earlier colour, marked with :data:`CARRIED_MARK` and their date, so a
    partial re-scan never silently looks complete.
    """
    carried = carried or {}
    grid = scan_grid(scan)
    texts: list[list[str]] = []
    hovers: list[list[str]] = []
    for level in Level:
        text_row, hover_row = [], []
        for perspective in Perspective:
            entry = scan.entry(level, perspective)
            where = f"<b>{vocabulary.label(level)} · {vocabulary.label(perspective)}</b>"
            earlier = carried.get((level, perspective))
            if entry is None and earlier is not None:
                grid.loc[level, perspective] = float(earlier.position.value_on_scale)
                text_row.append(f"{CARRIED_MARK} {_short(earlier.position, vocabulary)}")
                hover_row.append(
                    f"{where}<br>{vocabulary.label(earlier.position)}<br><br>"
                    f"<i>{vocabulary('scan.carried', date=f'{earlier.date:%d-%m-%Y}')}</i>"
                )
                continue
            if entry is None:
                text_row.append("–")
                hover_row.append(f"{where}<br>{vocabulary('scan.not_filled')}")
                continue
            text_row.append(_short(entry.position, vocabulary))
            explanation = _wrap(entry.explanation) or f"<i>{vocabulary('scan.no_explanation')}</i>"
            hover_row.append(f"{where}<br>{vocabulary.label(entry.position)}<br><br>{explanation}")
        texts.append(text_row)
        hovers.append(hover_row)
    return go.Heatmap(
        z=_cells(grid),
        x=_perspective_labels(vocabulary, questions=questions),
        y=_level_labels(vocabulary),
        text=texts,
        texttemplate="%{text}",
        textfont={"size": CELL_FONT},
        hovertext=hovers,
        hoverinfo="text",
        hoverongaps=False,
        xgap=3,
        ygap=3,
        **extra,
    )


def _cells(grid: pd.DataFrame) -> list[list[float | None]]:
    """Grid values for plotly, with ``None`` (a gap) where a cell is NaN."""
    return [[None if math.isnan(v) else float(v) for v in row] for row in grid.to_numpy().tolist()]


def _continuum_colorbar(vocabulary: Vocabulary) -> dict[str, object]:
    return {
        "title": {"text": vocabulary("scan.colorbar"), "side": "top"},
        "tickvals": [p.value_on_scale for p in ContinuumPosition],
        "ticktext": [vocabulary.label(p) for p in ContinuumPosition],
        "tickfont": {"size": 15},
        "len": 1.0,
        "thickness": 22,
    }


def _axes(draft: Draft) -> None:
    draft.update_yaxes(autorange="reversed", fixedrange=True, tickfont={"size": 16})
    draft.update_xaxes(side="top", fixedrange=True, tickfont={"size": 15})


def scan_heatmap(scan: Scan, vocabulary: Vocabulary | None = None, title: str | None = None) -> go.Figure:
    """One group's scan as a 3 × 5 heat map: position per cell, explanation on hover."""
    vocabulary = vocabulary or Vocabulary()
    trace = _scan_trace(
        scan,
        vocabulary,
        zmin=-2.5,
        zmax=2.5,
        colorscale=discrete_colourscale(list(CONTINUUM_COLOURS)),
        colorbar=_continuum_colorbar(vocabulary),
    )
    draft = Draft(trace)
    _axes(draft)
    draft = base_layout(draft, vocabulary, title or vocabulary("scan.title", label=safe(_scan_label(scan, vocabulary))))
    draft.update_layout(margin={"l": 140, "t": 150, "r": 30, "b": 30})
    return draft.figure()


def disagreement_heatmap(scans: Iterable[Scan], vocabulary: Vocabulary | None = None) -> go.Figure:
    """Spread between groups per cell (0 … 4 steps) in the latest session, each group's position on hover.

    Only scans of that one date count (see
    :func:`~hlo_design.analysis.scan_comparison.latest_session`); the title
    names the date, so nobody reads last year's view as today's.
    """
    vocabulary = vocabulary or Vocabulary()
    session = latest_session(scans)
    latest = latest_scans(session)
    spreads = disagreement(session)
    texts: list[list[str]] = []
    hovers: list[list[str]] = []
    values = spreads.to_numpy().tolist()
    for row, level in enumerate(Level):
        text_row, hover_row = [], []
        for column, perspective in enumerate(Perspective):
            spread = float(values[row][column])
            where = f"<b>{vocabulary.label(level)} · {vocabulary.label(perspective)}</b>"
            lines = [where]
            for group, scan in latest.items():
                entry = scan.entry(level, perspective)
                position = vocabulary.label(entry.position) if entry else vocabulary("scan.not_filled")
                lines.append(f"{vocabulary.label(group)}: {position}")
            if math.isnan(spread):
                text_row.append("–")
                lines.append(f"<i>{vocabulary('scan.disagreement_hover_empty')}</i>")
            else:
                text_row.append(vocabulary.number(spread))
                lines.insert(1, vocabulary("scan.spread", steps=vocabulary.count(spread, "step")))
            hover_row.append("<br>".join(lines))
        texts.append(text_row)
        hovers.append(hover_row)
    draft = Draft(
        go.Heatmap(
            z=_cells(spreads),
            x=_perspective_labels(vocabulary),
            y=_level_labels(vocabulary),
            text=texts,
            texttemplate="%{text}",
            textfont={"size": CELL_FONT + 5},
            hovertext=hovers,
            hoverinfo="text",
            hoverongaps=False,
            zmin=0,
            zmax=4,
            colorscale=[list(stop) for stop in SPREAD_COLOURS],
            colorbar={
                "title": {"text": vocabulary("scan.disagreement_colorbar"), "side": "top"},
                "tickvals": [0, 1, 2, 3, 4],
                "tickfont": {"size": 15},
                "len": 0.85,
                "y": 0.45,
            },
            xgap=3,
            ygap=3,
        )
    )
    _axes(draft)
    groups = ", ".join(vocabulary.label(g) for g in latest)
    label = f"{groups}, {session[0].date:%d-%m-%Y}" if session else groups
    draft = base_layout(draft, vocabulary, vocabulary("scan.disagreement_title", label=label))
    draft.update_layout(margin={"l": 140, "t": 150, "r": 30, "b": 30})
    if spreads.isna().all().all():  # one group so far (a meeting just started): say why the map is empty
        draft.add_annotation(
            text=vocabulary("scan.disagreement_needs_two"), x=0.5, y=0.5, xref="paper", yref="paper",
            showarrow=False, font={"size": 22}, bgcolor="rgba(255,255,255,0.9)",
        )  # fmt: skip
    return draft.figure()


def scan_comparison(scans: Iterable[Scan], vocabulary: Vocabulary | None = None) -> go.Figure:
    """Each group's scan of the latest session side by side, on one shared colour scale.

    Groups are compared within one session only. Cells a group left open in
    this session but filled before are shown with the earlier value, marked
    :data:`CARRIED_MARK` and explained under the figure.
    """
    vocabulary = vocabulary or Vocabulary()
    scans = list(scans)
    session = list(latest_scans(latest_session(scans)).values())
    if not session:
        return empty_figure(vocabulary, vocabulary("scan.comparison_title_empty"), vocabulary("scan.no_scans"))
    carried = carried_forward(scans, session)
    draft = _grid_of(
        [f"<b>{safe(vocabulary.label(scan.group))}</b>" for scan in session],
        [_scan_trace(scan, vocabulary, carried=carried.get(scan.group), coloraxis="coloraxis") for scan in session],
    )
    draft.update_layout(
        coloraxis={
            "cmin": -2.5,
            "cmax": 2.5,
            "colorscale": discrete_colourscale(list(CONTINUUM_COLOURS)),
            "colorbar": {**_continuum_colorbar(vocabulary), "orientation": "h", "y": -0.12, "yanchor": "top"},
        }
    )
    rows = math.ceil(len(session) / MAX_COMPARISON_COLUMNS)
    title = vocabulary("scan.comparison_title", label=f"{session[0].date:%d-%m-%Y}")
    draft = base_layout(draft, vocabulary, title, height=COMPARISON_ROW_PX * rows + (NOTE_PX if carried else 0))
    draft.update_layout(margin={"l": 140, "t": 190, "r": 30, "b": 140 + (NOTE_PX if carried else 0)})
    if carried:
        _note(draft, vocabulary("scan.carried_note", mark=CARRIED_MARK))
    return draft.figure()


def movement_heatmap(scans: Iterable[Scan], vocabulary: Vocabulary | None = None) -> go.Figure:
    """Per group with two or more sessions, how each cell moved from its first to its latest scan.

    + steps are towards work (vermillion), − towards school (blue), 0 is no
    change; "–" where either scan left the cell open. This is the change over
    time that a comparison of groups must never be mixed with.
    """
    vocabulary = vocabulary or Vocabulary()
    pairs = first_and_latest(scans)
    if not pairs:
        return empty_figure(vocabulary, vocabulary("scan.movement_title"), vocabulary("scan.no_movement"))
    titles = [
        f"<b>{safe(vocabulary.label(group))}</b>: {first.date:%d-%m-%Y} → {latest.date:%d-%m-%Y}"
        for group, (first, latest) in pairs.items()
    ]
    draft = _grid_of(titles, [_movement_trace(first, latest, vocabulary) for first, latest in pairs.values()])
    draft.update_layout(
        coloraxis={
            "cmin": -4,
            "cmax": 4,
            "colorscale": [list(stop) for stop in MOVEMENT_COLOURS],
            "colorbar": {
                "title": {"text": vocabulary("scan.movement_colorbar"), "side": "top"},
                "tickvals": [-4, -2, 0, 2, 4],
                "ticktext": ["−4", "−2", "0", "+2", "+4"],
                "tickfont": {"size": 15},
                "orientation": "h",
                "y": -0.12,
                "yanchor": "top",
            },
        }
    )
    rows = math.ceil(len(pairs) / MAX_COMPARISON_COLUMNS)
    draft = base_layout(draft, vocabulary, vocabulary("scan.movement_title"), height=COMPARISON_ROW_PX * rows)
    draft.update_layout(margin={"l": 140, "t": 190, "r": 30, "b": 140})
    return draft.figure()


def _movement_trace(first: Scan, latest: Scan, vocabulary: Vocabulary) -> go.Heatmap:
    moved = movement(first, latest)
    texts = [
        ["–" if math.isnan(v) else f"{v:+g}".replace("-", "−") if v else "0" for v in row] for row in moved.to_numpy()
    ]
    hovers = [
        [
            f"<b>{vocabulary.label(level)} · {vocabulary.label(perspective)}</b><br>"
            + _movement_hover(first, latest, level, perspective, vocabulary)
            for perspective in Perspective
        ]
        for level in Level
    ]
    return go.Heatmap(
        z=_cells(moved), x=_perspective_labels(vocabulary), y=_level_labels(vocabulary), text=texts,
        texttemplate="%{text}", textfont={"size": CELL_FONT + 5}, hovertext=hovers, hoverinfo="text",
        hoverongaps=False, coloraxis="coloraxis", xgap=3, ygap=3,
    )  # fmt: skip


def _steps(value: float) -> str:
    """A signed number of steps with a real minus sign; "–" for a cell that cannot be compared."""
    if math.isnan(value):
        return "–"
    return f"{value:+g}".replace("-", "−") if value else "0"


def _movement_hover(first: Scan, latest: Scan, level: Level, perspective: Perspective, vocabulary: Vocabulary) -> str:
    """Where the cell stood at each date, so a number on the grid can be read back as positions."""
    lines = []
    for scan in (first, latest):
        entry = scan.entry(level, perspective)
        position = vocabulary.label(entry.position) if entry else vocabulary("scan.not_filled")
        lines.append(f"{scan.date:%d-%m-%Y}: {position}")
    return "<br>".join(lines)


def _grid_of(titles: list[str], traces: list[go.Heatmap]) -> Draft:
    """Heat maps in a grid of at most :data:`MAX_COMPARISON_COLUMNS` columns, sharing rows and axes.

    ``make_subplots`` lays out the axes and the titles; the rest is drafted.
    """
    columns = min(len(traces), MAX_COMPARISON_COLUMNS)
    rows = math.ceil(len(traces) / columns)
    grid = make_subplots(
        rows=rows,
        cols=columns,
        shared_yaxes=True,
        horizontal_spacing=0.03,
        vertical_spacing=0.2 / rows,
        subplot_titles=titles,
    )
    for index, trace in enumerate(traces):
        grid.add_trace(trace, row=1 + index // columns, col=1 + index % columns)
    draft = Draft.going_on_from(grid)
    _axes(draft)
    draft.update_annotations(font={"size": 18}, yshift=65)
    return draft


def _note(draft: Draft, text: str) -> None:
    draft.add_annotation(
        text=text, xref="paper", yref="paper", x=0, y=0, yshift=-(140 + NOTE_PX // 2), xanchor="left", yanchor="top",
        showarrow=False, font={"size": 15},
    )  # fmt: skip
