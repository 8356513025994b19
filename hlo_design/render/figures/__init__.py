"""Plotly figures of the workbook: readable on a projector, colour-blind safe, labelled via the vocabulary."""

from __future__ import annotations

from hlo_design.render.figures.quadrant_map import quadrant_map
from hlo_design.render.figures.summary_bars import summary_bars

__all__ = ["quadrant_map", "summary_bars"]
