"""The role map as figures: who does which task, and how school and work share each process.

The heatmap is the *beeldplaat* laid flat: actors down the side (school first,
then work, then learners and others), tasks across, grouped by process as on
the poster, so the meeting sees at a glance the empty columns (missing roles),
the full rows (one person on every sticker) and where stickers are done
together. Cells carry a symbol as well as a colour, so nothing depends on
colour alone. The bars show per process the share of school and work roles,
the counting rule of :mod:`hlo_design.render.role_map_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import plotly.graph_objects as go

from hlo_design.analysis.role_map import side_shares
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.actors import Actor
from hlo_design.model.case import Case
from hlo_design.model.roles import Process, Side, Task, task_catalogue
from hlo_design.render.figures.theme import OKABE_ITO, Draft, base_layout, discrete_colourscale, safe
from hlo_design.render.role_map_text import task_text

__all__ = ["role_heatmap", "side_share_bars"]

NONE, STICKER, TOGETHER = 0, 1, 2
_CELL_COLOURS = ("#F2F2F2", OKABE_ITO[4], OKABE_ITO[0])
"""Light grey, sky blue, blue: also distinct in lightness, so they survive greyscale and colour blindness."""
_CELL_SYMBOLS = ("", "●", "◆")
_CELL_KEYS = ("rolemap.cell.none", "rolemap.cell.sticker", "rolemap.cell.together")
_SIDE_ORDER = (Side.SCHOOL, Side.WORK, Side.LEARNER, Side.OTHER)
NAME_LIMIT = 34


def role_heatmap(case: Case, vocabulary: Vocabulary | None = None, *, height: int | None = None) -> go.Figure:
    """Actors × tasks of ``case``: no sticker, sticker, or sticker done together with the other side."""
    vocabulary = vocabulary or Vocabulary(region=case.region)
    tasks = task_catalogue()
    actors = sorted(case.actors, key=lambda actor: _SIDE_ORDER.index(actor.type.side))
    cells = _cells(case, actors, tasks)
    columns = [vocabulary(f"rolemap.task.{task.id}") for task in tasks]
    rows = [_actor_label(actor, vocabulary) for actor in actors]
    draft = Draft(
        go.Heatmap(
            z=cells,
            x=list(range(len(tasks))),
            y=rows,
            zmin=-0.5,
            zmax=2.5,
            colorscale=discrete_colourscale(list(_CELL_COLOURS)),
            xgap=2,
            ygap=2,
            text=[[_CELL_SYMBOLS[cell] for cell in row] for row in cells],
            texttemplate="%{text}",
            textfont={"size": 16, "color": "#1a1a1a"},
            hovertext=[
                [
                    vocabulary(
                        "rolemap.cell_hover",
                        actor=safe(actor.name),
                        task=safe(task_text(task, vocabulary)),
                        status=vocabulary(_CELL_KEYS[cell]),
                    )
                    for task, cell in zip(tasks, row, strict=True)
                ]
                for actor, row in zip(actors, cells, strict=True)
            ],
            hoverinfo="text",
            colorbar={
                "title": {"text": vocabulary("rolemap.legend"), "font": {"size": 16}},
                "tickvals": [NONE, STICKER, TOGETHER],
                "ticktext": [f"{_CELL_SYMBOLS[i]} {vocabulary(key)}".strip() for i, key in enumerate(_CELL_KEYS)],
                "tickfont": {"size": 15},
                "len": 0.6,
                "thickness": 22,
            },
        )
    )
    _draw_process_groups(draft, tasks, vocabulary)
    _draw_side_groups(draft, actors)
    draft.update_xaxes(
        tickvals=list(range(len(tasks))),
        ticktext=columns,
        tickangle=-50,
        tickfont={"size": 14},
        side="bottom",
        fixedrange=True,
        showgrid=False,
    )
    draft.update_yaxes(autorange="reversed", tickfont={"size": 14}, fixedrange=True, showgrid=False)
    title = vocabulary("rolemap.heatmap_title", case=safe(case.name))
    base_layout(draft, vocabulary, title, height=height or 320 + 58 * len(actors))
    draft.update_layout(margin={"l": 20, "r": 20, "t": 150, "b": 20}, title={"y": 0.98, "yanchor": "top"})
    draft.update_yaxes(automargin=True)
    draft.update_xaxes(automargin=True)
    return draft.figure()


def _cells(case: Case, actors: Sequence[Actor], tasks: Sequence[Task]) -> list[list[int]]:
    """One row per actor, one column per task: NONE, STICKER or TOGETHER."""
    stickers = case.role_map.stickers if case.role_map else []
    column = {task.id: index for index, task in enumerate(tasks)}
    row = {actor.id: index for index, actor in enumerate(actors)}
    cells = [[NONE] * len(tasks) for _ in actors]
    for sticker in stickers:
        here = TOGETHER if sticker.together else STICKER
        cells[row[sticker.actor]][column[sticker.task]] = max(cells[row[sticker.actor]][column[sticker.task]], here)
    return cells


def _actor_label(actor: Actor, vocabulary: Vocabulary) -> str:
    name = actor.name if len(actor.name) <= NAME_LIMIT else actor.name[: NAME_LIMIT - 1] + "…"
    return f"{safe(name)}<br><i>{vocabulary.label(actor.type)}</i>"


def _draw_process_groups(draft: Draft, tasks: Sequence[Task], vocabulary: Vocabulary) -> None:
    """Process names above their columns, a thick line between processes, a dotted one between locations."""
    for process in Process:
        indices = [i for i, task in enumerate(tasks) if task.process is process]
        if not indices:
            continue
        _label_above(draft, indices, f"<b>{vocabulary.label(process)}</b>", y=1.08, size=17)
        if indices[0] > 0:
            _separator(draft, indices[0] - 0.5, dash="solid", width=4)
    located = [(i, task.location) for i, task in enumerate(tasks) if task.location is not None]
    for location in ("shop_floor", "towards_shop_floor"):
        indices = [i for i, here in located if here == location]
        if indices:
            _label_above(draft, indices, vocabulary(f"rolemap.location.{location}"), y=1.02, size=14)
    for (before, first), (after, second) in pairwise(located):
        if first != second:
            _separator(draft, (before + after) / 2, dash="dot", width=2)


def _draw_side_groups(draft: Draft, actors: Sequence[Actor]) -> None:
    """A line between the school, work, learner and other actors (rows are sorted by side)."""
    for index in range(1, len(actors)):
        if actors[index].type.side is not actors[index - 1].type.side:
            draft.add_shape(
                type="line",
                x0=0,
                x1=1,
                y0=index - 0.5,
                y1=index - 0.5,
                xref="paper",
                yref="y",
                line={"color": "#1a1a1a", "width": 2},
            )


def _label_above(draft: Draft, indices: Sequence[int], text: str, *, y: float, size: int) -> None:
    draft.add_annotation(
        x=(indices[0] + indices[-1]) / 2,
        y=y,
        xref="x",
        yref="paper",
        yanchor="bottom",
        text=text,
        showarrow=False,
        font={"size": size, "color": "#1a1a1a"},
    )


def _separator(draft: Draft, x: float, *, dash: str, width: int) -> None:
    draft.add_shape(
        type="line",
        x0=x,
        x1=x,
        y0=0,
        y1=1.07,
        xref="x",
        yref="paper",
        line={"color": "#1a1a1a", "width": width, "dash": dash},
    )


def side_share_bars(case: Case, vocabulary: Vocabulary | None = None, *, height: int = 420) -> go.Figure:
    """Per process, stacked horizontal bars of the share of school and work roles (learners and others left out)."""
    vocabulary = vocabulary or Vocabulary(region=case.region)
    stickers = case.role_map.stickers if case.role_map else []
    shares = list(reversed(side_shares(case.actors, stickers, task_catalogue())))  # first process on top
    draft = Draft()
    for side, colour, pattern in ((Side.SCHOOL, OKABE_ITO[0], ""), (Side.WORK, OKABE_ITO[1], "/")):
        counts = [share.school if side is Side.SCHOOL else share.work for share in shares]
        values = [share.school_share if side is Side.SCHOOL else share.work_share for share in shares]
        draft.add_trace(
            go.Bar(
                orientation="h",
                name=vocabulary(f"rolemap.side.{side.value}"),
                y=[vocabulary.label(share.process) for share in shares],
                x=values,
                text=[f"{value:.0%}" if count else "" for value, count in zip(values, counts, strict=True)],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"size": 18, "color": "white" if side is Side.SCHOOL else "#1a1a1a"},
                hovertext=[
                    vocabulary(
                        "rolemap.bar_hover",
                        process=vocabulary.label(share.process),
                        side=vocabulary.label(side),
                        count=count,
                        total=share.school + share.work,
                        share=f"{value:.0%}",
                    )
                    for share, value, count in zip(shares, values, counts, strict=True)
                ],
                hoverinfo="text",
                marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": "#1a1a1a", "fgopacity": 0.35}},
            )
        )
    draft.update_layout(barmode="stack")
    draft.update_xaxes(
        title={"text": vocabulary("rolemap.share_axis")}, range=[0, 1], tickformat=".0%", fixedrange=True
    )
    draft.update_yaxes(automargin=True, fixedrange=True, tickfont={"size": 17}, ticklabelstandoff=10)
    base_layout(draft, vocabulary, vocabulary("rolemap.side_title", case=safe(case.name)), height=height)
    draft.update_layout(
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "x": 0,
            "font": {"size": 15},
            "traceorder": "normal",
        },
        margin={"t": 120},
    )
    return draft.figure()
