"""The legend beside a quadrant map: what each numbered marker is, grouped by environment.

The map carries numbers, not names (names overlapped and were cut off); this
list gives every number its full activity name and hours, under the
environment's name with the same colour and shape as its markers, so the
legend works without colour too. It is HTML rather than part of the plotly
figure so that it wraps into columns on a wide projector, into one column on
a phone, and grows with the page's text size in projector mode.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.activities import Activity
from hlo_design.model.case import Case
from hlo_design.render.figures.quadrant_map import environment_style, numbered

__all__ = ["SYMBOL_GLYPHS", "map_legend_html"]

SYMBOL_GLYPHS = {
    "circle": "●", "diamond": "◆", "square": "■", "triangle-up": "▲",
    "hexagon": "⬢", "star": "★", "triangle-down": "▼", "cross": "✚",
}  # fmt: skip
"""The text glyph that looks like each plotly marker symbol of :data:`~hlo_design.render.figures.theme.SYMBOLS`."""


def map_legend_html(case: Case, vocabulary: Vocabulary, activities: Sequence[Activity] | None = None) -> Markup:
    """The numbered activities of the map of ``case`` (or of ``activities``, as :func:`quadrant_map` takes them)."""
    shown = numbered(list(case.activities if activities is None else activities))
    groups = []
    for index, environment in enumerate(case.environments):
        members = [(number, a) for number, a in shown if a.environment == environment.id]
        if not members:
            continue
        colour, symbol = environment_style(index)
        items = Markup("").join(
            Markup(
                '<li value="{}"><span class="hlo-map-legend-name">{}</span> <span class="hlo-map-legend-hours">{}</span></li>'
            ).format(
                number,
                activity.name,
                vocabulary("map.legend_hours", hours=vocabulary.number(activity.hours_per_week, 2)),
            )
            for number, activity in members
        )
        groups.append(
            Markup(
                '<div class="hlo-map-legend-group"><div class="hlo-map-legend-environment">'
                '<span class="hlo-map-legend-symbol" style="color:{}" aria-hidden="true">{}</span> {}</div><ol>{}</ol></div>'
            ).format(colour, SYMBOL_GLYPHS[symbol], environment.name, items)
        )
    return Markup(
        '<section class="hlo-map-legend" aria-label="{}"><style>{}</style><p class="hlo-map-legend-title">{}</p>{}</section>'
    ).format(vocabulary("map.legend"), LEGEND_CSS, vocabulary("map.legend"), Markup("").join(groups))


LEGEND_CSS = Markup(
    ".hlo-map-legend{columns:20em auto;column-gap:2em;margin:0 0 1em;font-size:1em;line-height:1.35;max-width:100%}"
    ".hlo-map-legend-title{column-span:all;margin:0 0 .4em;font-weight:600}"
    ".hlo-map-legend-group{break-inside:avoid-column;margin-bottom:.6em}"
    ".hlo-map-legend-environment{font-weight:700}.hlo-map-legend-symbol{font-size:1.2em}"
    ".hlo-map-legend ol{margin:.2em 0 0;padding-left:2.4em}.hlo-map-legend li{overflow-wrap:anywhere}"
    ".hlo-map-legend-hours{color:#444;white-space:nowrap}"
)
"""Inline so the legend looks the same on a dashboard and in a report (which do not share a stylesheet)."""
