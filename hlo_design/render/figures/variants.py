"""Sliding on the axes: a design variant on the map, as before/after bars, and variants compared.

The map draws the variant's activities (filled, as on the quadrant map) with
the old places of moved activities as hollow markers and an arrow from old to
new. The bars show hours per quadrant before (orange, hatched) and after
(blue, solid), with a small panel for the shares per side of the axes.
Figures are built directly (no ``make_subplots``) so that a slider move
redraws quickly.
"""

from __future__ import annotations

import plotly.graph_objects as go

from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.analysis.variants import SIDES, apply_variant, compare_variants, moved_activities
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DesignVariant
from hlo_design.model.quadrants import Quadrant
from hlo_design.render.figures.quadrant_map import map_draft
from hlo_design.render.figures.theme import OKABE_ITO, Draft, base_layout, quadrant_tick, safe

__all__ = ["shift_bars", "shift_map", "variant_comparison"]

BEFORE_COLOUR = OKABE_ITO[1]
AFTER_COLOUR = OKABE_ITO[0]
MOVE_COLOUR = OKABE_ITO[5]
VARIANT_COLOURS = (OKABE_ITO[7], OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2], OKABE_ITO[3], OKABE_ITO[5], OKABE_ITO[4])
VARIANT_PATTERNS = ("", "/", ".", "x", "\\", "-", "+")
QUADRANTS = sorted(Quadrant, key=lambda q: q.number)


def shift_map(
    case: Case, variant: DesignVariant, vocabulary: Vocabulary | None = None, *, height: int = 720
) -> go.Figure:
    """The quadrant map after ``variant``: moved activities have a hollow old place and an arrow to the new one."""
    vocabulary = vocabulary or Vocabulary(region=case.region)
    after = apply_variant(case, variant)
    draft = map_draft(case, vocabulary, activities=after, show_findings=False, height=height)
    pairs = moved_activities(case, variant)
    if pairs:
        draft.add_trace(
            go.Scatter(
                x=[before.position.context for before, _ in pairs],
                y=[before.position.form for before, _ in pairs],
                mode="markers",
                name=vocabulary("variant.before_legend"),
                hovertext=[safe(before.name) for before, _ in pairs],
                hoverinfo="text",
                marker={"size": 22, "symbol": "circle-open", "color": "#333333", "line": {"width": 3}},
            )
        )
    for before, moved in pairs:
        draft.add_arrow(
            (before.position.context, before.position.form), (moved.position.context, moved.position.form),
            colour=MOVE_COLOUR, width=3.5, standoff=12,
            hovertext=vocabulary(
                "variant.move_hover", name=safe(moved.name),
                before_hours=vocabulary.number(before.hours_per_week, 2), after_hours=vocabulary.number(moved.hours_per_week, 2),
            ),
        )  # fmt: skip
    if not pairs:
        draft.add_annotation(
            x=0.5, y=1.0, xref="paper", yref="paper", yanchor="bottom", showarrow=False,
            text=vocabulary("variant.no_moves"), font={"size": 15}, bgcolor="white",
        )  # fmt: skip
    return base_layout(
        draft, vocabulary, vocabulary("variant.map_title", variant=safe(variant.name)), height=height
    ).figure()


def shift_bars(
    case: Case, variant: DesignVariant, vocabulary: Vocabulary | None = None, *, height: int = 520
) -> go.Figure:
    """Grouped bars of hours per quadrant before/after, and the shares per side of the axes in a small panel."""
    vocabulary = vocabulary or Vocabulary(region=case.region)
    before = summarise(case.id, case.activities)
    after = summarise(case.id, apply_variant(case, variant))
    names = [f"{q.number}" for q in QUADRANTS]
    sides = [vocabulary(f"summary.{side}") for side in SIDES]
    side_before = [
        before.constructed_share,
        before.realistic_share,
        before.acquisition_share,
        before.participation_share,
    ]
    side_after = [after.constructed_share, after.realistic_share, after.acquisition_share, after.participation_share]
    hours_before = [before.hours_by_quadrant[q] for q in QUADRANTS]
    hours_after = [after.hours_by_quadrant[q] for q in QUADRANTS]
    bar = {"textposition": "outside", "textfont": {"size": 15}, "cliponaxis": False}
    draft = Draft(
        [
            go.Bar(
                x=names, y=hours_before, name=vocabulary("variant.before"), legendgroup="before",
                marker={"color": BEFORE_COLOUR, "pattern": {"shape": "/"}},
                text=[vocabulary.number(h, 2) for h in hours_before], **bar,
            ),
            go.Bar(
                x=names, y=hours_after, name=vocabulary("variant.after"), legendgroup="after",
                marker={"color": AFTER_COLOUR},
                text=[f"{vocabulary.number(h, 2)}<br><b>{vocabulary.signed(h - b)}</b>" for h, b in zip(hours_after, hours_before, strict=True)],
                **bar,
            ),
            go.Bar(
                x=sides, y=side_before, xaxis="x2", yaxis="y2", showlegend=False, legendgroup="before",
                name=vocabulary("variant.before"), marker={"color": BEFORE_COLOUR, "pattern": {"shape": "/"}},
                text=[vocabulary.percent(s) for s in side_before], **bar,
            ),
            go.Bar(
                x=sides, y=side_after, xaxis="x2", yaxis="y2", showlegend=False, legendgroup="after",
                name=vocabulary("variant.after"), marker={"color": AFTER_COLOUR},
                text=[vocabulary.percent(s) for s in side_after], **bar,
            ),
        ]
    )  # fmt: skip
    top = max(hours_before + hours_after + [1.0]) * 1.3
    draft.update_layout(
        barmode="group",
        xaxis={
            "domain": [0, 0.5],
            "title": {"text": vocabulary("summary.quadrant")},
            "ticktext": [quadrant_tick(q, vocabulary) for q in QUADRANTS],
            "tickvals": names,
            "fixedrange": True,
        },
        yaxis={"title": {"text": vocabulary("summary.hours")}, "range": [0, top], "fixedrange": True},
        xaxis2={"domain": [0.62, 1], "anchor": "y2", "fixedrange": True, "tickangle": 0},
        yaxis2={"anchor": "x2", "range": [0, 1.12], "tickvals": [0, 0.25, 0.5, 0.75, 1], "tickformat": ".0%", "fixedrange": True},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "font": {"size": 16}},
        annotations=[
            {"text": f"<b>{vocabulary('variant.hours_panel')}</b>", "x": 0.25, "y": 1.0, "xref": "paper",
             "yref": "paper", "yanchor": "bottom", "showarrow": False, "font": {"size": 16}, "xanchor": "center",
             "yshift": 34},
            {"text": f"<b>{vocabulary('variant.sides_panel')}</b>", "x": 0.81, "y": 1.0, "xref": "paper",
             "yref": "paper", "yanchor": "bottom", "showarrow": False, "font": {"size": 16}, "xanchor": "center",
             "yshift": 34},
        ],
    )  # fmt: skip
    base_layout(draft, vocabulary, vocabulary("variant.bars_title", variant=safe(variant.name)), height=height)
    draft.update_layout(margin={"t": 140, "b": 110})
    return draft.figure()


def variant_comparison(case: Case, vocabulary: Vocabulary | None = None, *, height: int = 560) -> go.Figure:
    """Hours per quadrant for the current situation (black) and each saved variant, grouped per quadrant."""
    vocabulary = vocabulary or Vocabulary(region=case.region)
    table = compare_variants(case)
    draft = Draft()
    for index, (variant_id, row) in enumerate(table.iterrows()):
        name = vocabulary("variant.current") if variant_id == "current" else safe(str(row["name"]))
        hours = [float(row[q.value]) for q in QUADRANTS]
        draft.add_trace(
            go.Bar(
                x=[quadrant_tick(q, vocabulary) for q in QUADRANTS],
                y=hours,
                name=name,
                text=[vocabulary.number(h, 2) for h in hours],
                textposition="outside",
                textfont={"size": 14},
                cliponaxis=False,
                marker={
                    "color": VARIANT_COLOURS[index % len(VARIANT_COLOURS)],
                    "pattern": {"shape": VARIANT_PATTERNS[index % len(VARIANT_PATTERNS)]},
                },
                hovertext=[
                    f"{name}<br>{q.number} {vocabulary.label(q)}<br>{vocabulary.number(h, 2)}"
                    for q, h in zip(QUADRANTS, hours, strict=True)
                ],
                hoverinfo="text",
            )
        )
    draft.update_layout(
        barmode="group",
        legend={"orientation": "h", "x": 0, "y": -0.25, "yanchor": "top", "font": {"size": 15}},
    )
    draft.update_yaxes(title={"text": vocabulary("summary.hours")}, rangemode="tozero", fixedrange=True)
    draft.update_xaxes(fixedrange=True)
    base_layout(draft, vocabulary, vocabulary("variant.comparison_title", case=safe(case.name)), height=height)
    draft.update_layout(margin={"b": 170})
    return draft.figure()
