"""HTML reports: one self-contained file per case and phase, readable offline and printable.

Reports are rendered from Jinja2 templates in ``templates/`` with
autoescaping on, so participant text can never become markup. Figures are
embedded as plotly divs with plotly.js inlined once, so a report opens
without network — on a stakeholder's laptop, from a zip or a USB stick, or
as the one attachment of a mail.

A set of reports (a batch) does not need plotly.js in every file: at ~4.7 MB
it is nearly all of each report. :func:`write_plotly_js` puts the bundle once
in the set's folder and :func:`share_plotly_js` points a written report at
it, which leaves the report ~50 times smaller; the folder still opens offline
as a whole (a folder or a zip).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from numbers import Real
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from hlo_design.base.config import TEMPLATES_DIR
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import WorkflowPhase
from hlo_design.casefile.atomic import write_atomically
from hlo_design.model.case import Case

__all__ = [
    "PLOTLY_JS_NAME",
    "ReportSection",
    "figure_html",
    "inline_plotly_js",
    "render_report",
    "render_template",
    "share_plotly_js",
    "table_html",
    "write_plotly_js",
    "write_report",
]

FIGURE_CONFIG = {"displaylogo": False, "responsive": True, "toImageButtonOptions": {"scale": 2}}

PLOTLY_JS_NAME = "plotly.min.js"
"""The file name of the plotly.js bundle shared by a set of reports, at the top of the set's folder."""


@dataclass(frozen=True)
class ReportSection:
    """One chapter of a report. Text fields are plain text; ``fragments`` are trusted HTML we built."""

    title: str
    anchor: str
    intro: str = ""
    fragments: Sequence[Markup] = ()
    items: Sequence[str] = ()
    notes: Sequence[str] = field(default_factory=tuple)


def figure_html(figure: go.Figure) -> Markup:
    """A plotly figure as a div (plotly.js comes once from the page head)."""
    return Markup(figure.to_html(full_html=False, include_plotlyjs=False, config=FIGURE_CONFIG))  # noqa: S704 - plotly output; case text in it is escaped by figures.theme.safe


def table_html(table: pd.DataFrame, vocabulary: Vocabulary) -> Markup:
    """A pandas table as stakeholders read it: every cell escaped, numbers in the language, no row numbers.

    A named index (a quadrant number, a side) becomes an ordinary first
    column, so no stray header row appears above it; pandas' own row
    numbers mean nothing to a reader and are left out. Numbers get the
    language's decimal sign (``4,5`` in Dutch).
    """
    shown = table.reset_index() if any(table.index.names) else table
    shown = shown.apply(lambda column: column.map(lambda value: _cell(value, vocabulary)))
    return Markup(shown.to_html(escape=True, border=0, classes="hlo-table", index=False))  # noqa: S704 - escape=True


def _cell(value: object, vocabulary: Vocabulary) -> object:
    """A number in the language's decimals (at most two); anything else as it is."""
    if isinstance(value, Real) and not isinstance(value, bool):
        return vocabulary.number(float(value), 2)
    return value


@cache
def inline_plotly_js() -> Markup:
    """The ``<script>`` element that carries the whole plotly.js bundle, for a report that stands alone."""
    return Markup("<script>{}</script>").format(Markup(get_plotlyjs()))  # noqa: S704 - the plotly.js bundle itself


def write_plotly_js(directory: Path) -> Path:
    """Write the installed plotly's bundle once into ``directory`` (the top of a set of reports); its path."""
    return write_report(get_plotlyjs(), directory / PLOTLY_JS_NAME)


def share_plotly_js(report: Path, bundle: Path) -> bool:
    """Make a written report load plotly.js from ``bundle`` (by a relative path) instead of carrying it.

    The report must stay beside the bundle, as in a batch's folder; one that is sent on its own is
    rendered afresh (the dashboards' download). Returns whether the report changed: one that does not
    carry the bundle (shared already, or without figures) is left as it is.
    """
    text = report.read_text(encoding="utf-8")
    inline = inline_plotly_js()
    if inline not in text:
        return False
    source = Path(os.path.relpath(bundle, report.parent)).as_posix()
    write_report(text.replace(inline, Markup('<script src="{}"></script>').format(source), 1), report)
    return True


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report(
    phase: WorkflowPhase,
    case: Case,
    vocabulary: Vocabulary,
    sections: Sequence[ReportSection],
    *,
    generated: dt.datetime | None = None,
) -> str:
    """The full HTML text of the report of ``phase`` for ``case``."""
    return render_template(
        "report.html.j2",
        phase=phase.id,
        case=case,
        t=vocabulary,
        language=vocabulary.language,
        sections=sections,
        generated=(generated or dt.datetime.now()).strftime("%Y-%m-%d %H:%M"),
        plotly_js=inline_plotly_js(),
    )


def render_template(name: str, **context: object) -> str:
    """Render one of ``templates/`` with autoescaping; the shared stylesheet is available to all."""
    return _environment().get_template(name).render(**context)


def write_report(text: str, path: Path) -> Path:
    """Write a report atomically: readers never see half a file."""
    write_atomically(path, text.encode("utf-8"))
    return path
