"""The student journey as a numbered route over the quadrant map, and its coverage matrix.

Each learning goal gets its own lane inside every quadrant, so routes of
different goals never sit on top of each other: step ``g.s`` (goal ``g``,
its ``s``-th step) is drawn in its quadrant at the goal's lane, stacked by
step. Arrows run between consecutive steps of a goal in its colour; a dashed
grey arrow leads from the last step of one goal to the first step of the
next, because the order of the goals is the sequence.
"""

from __future__ import annotations

import itertools

import plotly.graph_objects as go

from hlo_design.analysis.design_coverage import coverage_matrix
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DesignPlan, JourneyStep
from hlo_design.model.quadrants import quadrant_by_number
from hlo_design.render.figures.empty import empty_figure
from hlo_design.render.figures.quadrant_map import map_draft
from hlo_design.render.figures.theme import OKABE_ITO, Draft, base_layout, quadrant_tick, safe

__all__ = ["coverage_heatmap", "journey_map", "journey_points"]

LANE_SPAN = 0.66  # width of the band of goal lanes inside a quadrant (the quadrant is 1.08 wide)
STEP_GAP = 0.16  # sideways distance between steps of one goal in one quadrant
GAP_TINT = "#FBD3C0"  # light vermillion behind empty cells
GOAL_SYMBOLS = ("circle", "square", "diamond", "hexagon", "octagon", "pentagon", "star-square")
GOAL_COLOURS = (OKABE_ITO[0], OKABE_ITO[5], OKABE_ITO[2], OKABE_ITO[3], OKABE_ITO[1], OKABE_ITO[4], OKABE_ITO[7])


def _ordered_goals(plan: DesignPlan) -> list[str]:
    ids = [g.id for g in plan.goals]
    known = set(ids)
    return ids + list(dict.fromkeys(s.goal for s in plan.journey if s.goal not in known))


def journey_points(plan: DesignPlan) -> list[tuple[str, JourneyStep, float, float]]:
    """(label ``"g.s"``, step, x, y) of every step, in route order: goal order, then step order.

    Goal ``g`` sits on the diagonal of each quadrant at its own offset, so
    horizontal and vertical arrows of one goal never run through another
    goal's markers; further steps of a goal in the same quadrant step
    sideways across that diagonal.
    """
    goals = _ordered_goals(plan)
    lanes = len(goals)
    points: list[tuple[str, JourneyStep, float, float]] = []
    for g_index, goal in enumerate(goals):
        lane = LANE_SPAN * ((g_index + 0.5) / lanes - 0.5) if lanes > 1 else 0.0
        in_quadrant: dict[int, int] = {}
        steps = [s for s in plan.journey if s.goal == goal]
        for s_index, step in enumerate(steps):
            centre = quadrant_by_number(step.quadrant).centre
            stacked = in_quadrant.get(step.quadrant, 0)
            in_quadrant[step.quadrant] = stacked + 1
            x = centre.context + lane + STEP_GAP * stacked
            y = centre.form + lane - STEP_GAP * stacked
            points.append((f"{g_index + 1}.{s_index + 1}", step, x, y))
    return points


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _two_lines(text: str, width: int = 36) -> str:
    """Break a label once, at the last space before ``width``."""
    if len(text) <= width or " " not in text[:width]:
        return text
    cut = text.rindex(" ", 0, width)
    return f"{text[:cut]}<br>{text[cut + 1 :]}"


def journey_map(case: Case, vocabulary: Vocabulary | None = None, *, height: int = 760) -> go.Figure:
    """The quadrant map of ``case`` with its journey as numbered, arrowed routes per learning goal."""
    vocabulary = vocabulary or Vocabulary(region=case.region)
    draft = map_draft(case, vocabulary, activities=[], show_findings=False, height=height)
    centre_label = vocabulary("map.centre")
    for annotation in draft.annotations:
        if centre_label in str(annotation["text"]):
            annotation["y"] = 0  # into the centre circle, away from the goal lanes
    plan = case.design or DesignPlan()
    goal_text = {g.id: g.text for g in plan.goals}
    activity_names = {a.id: a.name for a in case.activities}
    points = journey_points(plan)
    goals = _ordered_goals(plan)
    previous: tuple[str, float, float] | None = None
    for g_index, goal in enumerate(goals):
        colour = GOAL_COLOURS[g_index % len(GOAL_COLOURS)]
        mine = [(label, step, x, y) for label, step, x, y in points if step.goal == goal]
        if not mine:
            continue
        hover = []
        for label, step, _, _ in mine:
            text = safe(step.text)
            if step.activity is not None and step.activity in activity_names:
                text += f"<br><i>{safe(activity_names[step.activity])}</i>"
            hover.append(
                vocabulary(
                    "journey.step_hover",
                    number=label,
                    goal=safe(_short(goal_text.get(goal, goal))),
                    text=text,
                    quadrant=step.quadrant,
                )
            )
        draft.add_trace(
            go.Scatter(
                x=[x for _, _, x, _ in mine],
                y=[y for _, _, _, y in mine],
                mode="markers+text",
                name=vocabulary(
                    "journey.goal_legend", number=g_index + 1, text=safe(_short(goal_text.get(goal, goal), 90))
                ),
                text=[label for label, _, _, _ in mine],
                textposition="middle center",
                textfont={"size": 14, "color": "#000000"},
                hovertext=hover,
                hoverinfo="text",
                customdata=[label for label, _, _, _ in mine],
                marker={
                    "size": 38,
                    "color": "white",
                    "symbol": GOAL_SYMBOLS[g_index % len(GOAL_SYMBOLS)],
                    "line": {"color": colour, "width": 4},
                },
            )
        )
        if previous is not None:
            _arrow(draft, previous[1:], (mine[0][2], mine[0][3]), "#777777", dash=True)
        for (_, _, x0, y0), (_, _, x1, y1) in itertools.pairwise(mine):
            _arrow(draft, (x0, y0), (x1, y1), colour)
        previous = (mine[-1][0], mine[-1][2], mine[-1][3])
    if not points:
        draft.add_annotation(
            x=0.5, y=0.5, xref="paper", yref="paper", text=vocabulary("journey.empty"), showarrow=False,
            font={"size": 20}, bgcolor="white",
        )  # fmt: skip
    base_layout(draft, vocabulary, vocabulary("journey.title", case=safe(case.name)), height=height)
    draft.update_layout(
        legend={
            "orientation": "v",
            "y": -0.13,
            "x": 0,
            "font": {"size": 15},
            "title": {"text": vocabulary("journey.legend_route"), "side": "top"},
        },
        margin={"b": 90 + 26 * max(len(goals), 1)},
    )
    return draft.figure()


def _arrow(
    draft: Draft, start: tuple[float, float], end: tuple[float, float], colour: str, *, dash: bool = False
) -> None:
    """An arrow between two steps; dashed (fainter, thinner) for a jump between goals."""
    draft.add_arrow(start, end, colour=colour, width=2 if dash else 3, standoff=20, opacity=0.6 if dash else 0.95)


def coverage_heatmap(plan: DesignPlan, vocabulary: Vocabulary, *, title: str | None = None) -> go.Figure:
    """Goals (rows, in order) × quadrants (columns 1–4) with step counts; empty cells say "leemte".

    Without learning goals there are no rows: the figure says where to write them instead.
    """
    matrix = coverage_matrix(plan)
    if matrix.empty:
        return empty_figure(vocabulary, title or vocabulary("journey.coverage_title"), vocabulary("journey.no_goals"))
    goal_text = {g.id: g.text for g in plan.goals}
    rows = [
        f"{i + 1}. {_two_lines(safe(_short(goal_text.get(goal, goal), 70)))}" for i, goal in enumerate(matrix.index)
    ]
    columns = [quadrant_tick(quadrant_by_number(int(number)), vocabulary) for number in matrix.columns]
    counts = matrix.to_numpy().tolist()
    gap = vocabulary("journey.gap")
    text = [[f"<b>{n}</b>" if n else f"✗ {gap}" for n in row] for row in counts]
    largest = max((n for row in counts for n in row), default=0) or 1
    draft = Draft(
        go.Heatmap(
            z=counts,
            x=columns,
            y=rows,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 18},
            zmin=0,
            zmax=largest,
            colorscale=[(0.0, GAP_TINT), (0.5 / largest, GAP_TINT), (0.5 / largest, "#DCEBF7"), (1.0, "#5DA5DA")],
            showscale=False,
            hovertemplate="%{y}<br>%{x}<br>%{z} " + vocabulary("journey.steps") + "<extra></extra>",
            xgap=3,
            ygap=3,
        )
    )
    draft.update_yaxes(
        autorange="reversed", title={"text": vocabulary("journey.goal")}, automargin=True, fixedrange=True
    )
    draft.update_xaxes(side="top", automargin=True, fixedrange=True)
    draft.update_layout(margin={"t": 150})
    height = 200 + 80 * max(len(rows), 1)
    return base_layout(draft, vocabulary, title or vocabulary("journey.coverage_title"), height=height).figure()
