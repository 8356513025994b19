"""Plotly figures of the workbook: readable on a projector, colour-blind safe, labelled via the vocabulary."""

from __future__ import annotations

import sys

from hlo_design.render.figures.quadrant_map import quadrant_map
from hlo_design.render.figures.summary_bars import summary_bars

__all__ = ["quadrant_map", "summary_bars"]

# A kernel's first figure loads plotly's renderers, which load nbformat and so jsonschema, which
# imports ``rfc3987_syntax`` when installed (jupyter_server's format extras install it). That
# module compiles a Lark grammar at import: 1.7 s of CPU (20 s on a busy 2-core machine) in
# every page view and every batch run, for IRI format checks no kernel of ours ever makes.
# Marked as absent, jsonschema skips those two checks as it does wherever it is not installed.
# A process that loaded it already (a Jupyter server) keeps it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None: "not importable", by the import system
