"""The weekly rhythm as a calendar grid: where learners are, per day part.

Temporal design is where schools and workplaces integrate least (timetables
dominate), so the situation sketch shows the week plainly and the share of
time per setting.
"""

from __future__ import annotations

import plotly.graph_objects as go

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.rhythm import HALVES, DayPart, Rhythm, Setting, Weekday, shown_days
from hlo_design.render.figures.theme import OKABE_ITO, Draft, base_layout, discrete_colourscale, safe

__all__ = ["rhythm_grid"]

SETTING_COLOURS = {
    Setting.SCHOOL: OKABE_ITO[0],
    Setting.COMPANY: OKABE_ITO[5],
    Setting.SIMULATION: OKABE_ITO[3],
    Setting.INTERNSHIP: OKABE_ITO[2],
    Setting.GENERIC: OKABE_ITO[4],
}


def rhythm_grid(rhythm: Rhythm, vocabulary: Vocabulary, *, title: str | None = None) -> go.Figure:
    """Days as columns, morning and afternoon as rows, each cell coloured by setting."""
    days = shown_days(rhythm)
    settings = list(Setting)
    cells: dict[tuple[Weekday, DayPart], tuple[Setting, str]] = {}
    for slot in rhythm.slots:
        parts = HALVES if slot.part is DayPart.WHOLE_DAY else (slot.part,)
        for part in parts:
            cells[(slot.day, part)] = (slot.setting, slot.note or "")
    z = [[settings.index(cells[(d, p)][0]) if (d, p) in cells else None for d in days] for p in HALVES]
    text = [[vocabulary.label(cells[(d, p)][0]) if (d, p) in cells else "" for d in days] for p in HALVES]
    hover = [[safe(cells[(d, p)][1]) if (d, p) in cells else "" for d in days] for p in HALVES]
    draft = Draft(
        go.Heatmap(
            z=z, x=[vocabulary.label(d) for d in days], y=[vocabulary.label(p) for p in HALVES],
            text=text, texttemplate="%{text}", textfont={"size": 16, "color": "white"},
            customdata=hover, hovertemplate="%{x} %{y}: %{text}<br>%{customdata}<extra></extra>",
            colorscale=discrete_colourscale([SETTING_COLOURS[s] for s in settings]),
            zmin=-0.5, zmax=len(settings) - 0.5, showscale=False, xgap=4, ygap=4,
        )
    )  # fmt: skip
    draft.update_yaxes(autorange="reversed", fixedrange=True)
    draft.update_xaxes(side="top", fixedrange=True)
    shares = _shares(rhythm, vocabulary)
    draft.add_annotation(x=0, y=-0.12, xref="paper", yref="paper", showarrow=False, xanchor="left",
                          text=shares, font={"size": 15})  # fmt: skip
    return base_layout(draft, vocabulary, title or vocabulary("rhythm.title"), height=300).figure()


def _shares(rhythm: Rhythm, vocabulary: Vocabulary) -> str:
    halves = rhythm.halves_per_setting()
    total = sum(halves.values()) or 1
    parts = [f"{vocabulary.label(s)} {vocabulary.percent(n / total)}" for s, n in halves.items() if n]
    pattern = f" · {vocabulary.label(rhythm.pattern)}" if rhythm.pattern else ""
    return " · ".join(parts) + pattern
