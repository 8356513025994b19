"""What many test modules share: the hostile string, the minimal case, the example case ids, decoders.

One definition each, so a sharper hostile string or a new example case reaches every test at once.
Fixtures stay in ``conftest.py``; plain names live here because test modules import them.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import plotly.graph_objects as go

from hlo_design.casefile.loading import parse_case
from hlo_design.model.case import Case

TEST_DATA = Path(__file__).parent / "data"
EXAMPLE_CASES = ("zorg", "logistiek", "energietransitie", "servicemedewerker")
"""The case files shipped in ``data/cases/``."""

HOSTILE = "<img src=x onerror=alert(1)>"
"""Participant text that runs a script wherever a page shows it unescaped (the browser tests catch the alert)."""
HOSTILE_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
"""The same text as it must reach HTML or plotly: shown as text, not parsed as a tag."""

MINIMAL_CASE = """\
id: demo
name: Demo
sector: zorg
region: NL
sources:
  - id: eigen
    title: Eigen waarneming
environments:
  - id: school
    name: School
    kind: school
  - id: bedrijf
    name: Bedrijf
    kind: company
activities:
  - id: les
    name: Les
    environment: school
    position: {form: -0.5, context: -0.5}
    hours_per_week: 4
  - id: werk
    name: Meewerken
    environment: bedrijf
    position: {form: 0.6, context: 0.7}
    hours_per_week: 12
"""
"""The smallest valid case file; tests append the section they exercise."""


def minimal_case() -> Case:
    return parse_case(MINIMAL_CASE.encode(), "demo.yaml")


def figure_strings(figure: go.Figure) -> str:
    """Every string of a figure as plotly.js receives it.

    ``to_json`` writes ``<`` as ``\\u003c``, so a raw ``<img`` can never be found in it: checks for
    unescaped participant text must look at the decoded JSON.
    """
    return json.dumps(json.loads(figure.to_json()), ensure_ascii=False)


def notebook_errors(notebook: Path) -> list[str]:
    """The exception names of every error output of an executed notebook."""
    nb = nbformat.read(notebook, as_version=4)
    return [
        o.get("ename", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
