"""The overview across cases: what ``04_overzicht.ipynb`` shows and what its report holds.

For the learning network and stakeholders (management, province, sector
institutes): the cases side by side — quadrant distributions, perspective
coverage, role-map evenness, phase progress, the four corners — plus a
directory of who to ask. The page must read without explanation, so every
figure comes with one plain sentence saying what it answers.

Figures put one bar or row per case; beyond :data:`FIGURE_LIMIT` cases they
become unreadable (and slow), so they show the first cases of the filter and
say so, while the table and the counts always cover every case.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from hlo_design.cases import Case
from hlo_design.config import TEMPLATES_DIR
from hlo_design.directory import Category, DirectoryEntry, load_directory
from hlo_design.figures.overview import (
    corners_comparison,
    evenness_bars,
    perspective_coverage,
    phase_progress,
    quadrant_distribution,
)
from hlo_design.overview import Phase, PhaseStatus, overview_table
from hlo_design.report import ReportSection, figure_html, table_html, write_report
from hlo_design.vocabulary import Vocabulary

__all__ = [
    "FIGURE_LIMIT",
    "OVERVIEW_FIGURES",
    "OverviewFigure",
    "directory_card_html",
    "directory_table",
    "overview_report",
    "overview_report_path",
    "overview_sections",
    "readable_table",
    "write_overview_report",
]

FIGURE_LIMIT = 10
"""At most this many cases are drawn per figure (the table always holds all of them)."""


@dataclass(frozen=True)
class OverviewFigure:
    """One cross-case figure with its heading and its one-sentence intro (message keys)."""

    key: str
    title: str
    intro: str
    draw: Callable[[Sequence[Case], Vocabulary], go.Figure]

    def figure(self, cases: Sequence[Case], vocabulary: Vocabulary) -> go.Figure:
        return self.draw(cases, vocabulary)


OVERVIEW_FIGURES = (
    OverviewFigure("quadrants", "overview.quadrant_title", "overview_phase.quadrants.intro", quadrant_distribution),
    OverviewFigure(
        "perspectives", "overview.perspective_title", "overview_phase.perspectives.intro", perspective_coverage
    ),
    OverviewFigure("evenness", "overview.evenness_title", "overview_phase.evenness.intro", evenness_bars),
    OverviewFigure("phases", "overview.phase_title", "overview_phase.phases.intro", phase_progress),
    OverviewFigure("corners", "overview.corners_title", "overview_phase.corners.intro", corners_comparison),
)
"""The figures of the overview, in reading order."""


def _share(value: object) -> str:
    number = float(value)  # type: ignore[arg-type]
    return "—" if math.isnan(number) else f"{number:.0%}"


def _evenness(value: object) -> str:
    number = float(value)  # type: ignore[arg-type]
    return "—" if math.isnan(number) else f"{number:.2f}"


def readable_table(table: pd.DataFrame, vocabulary: Vocabulary) -> pd.DataFrame:
    """The rows of an :func:`~hlo_design.overview.overview_table` in words, for people (not for computing)."""
    v = vocabulary
    columns = {
        v("overview_phase.col.case"): table["name"].tolist(),
        v("overview.sector"): table["sector"].tolist(),
        v("overview.region"): [v(f"situation.region.{r}") for r in table["region"]],
        v("overview_phase.col.hours"): [f"{float(h):g}" for h in table["total_hours"]],
        v("overview_phase.col.realistic"): [_share(s) for s in table["realistic_share"]],
        v("overview_phase.col.carrying"): [f"{int(n)} / 5" for n in table["carrying_perspectives"]],
        v("overview_phase.col.evenness"): [_evenness(e) for e in table["evenness"]],
    }
    for phase in Phase:
        columns[v.label(phase)] = [v.label(PhaseStatus(s)) for s in table[f"phase_{phase.value}"]]
    return pd.DataFrame(columns)


def directory_table(vocabulary: Vocabulary, entries: Sequence[DirectoryEntry] | None = None) -> pd.DataFrame:
    """The directory as a table, by category: name, category, topics, region, description."""
    v = vocabulary
    chosen = load_directory() if entries is None else entries
    order = {c: i for i, c in enumerate(Category)}
    rows = [
        [e.name, v.label(e.category), ", ".join(e.topics), e.region, e.description]
        for e in sorted(chosen, key=lambda e: order[e.category])
    ]
    columns = [v("directory.title"), v("directory.category"), v("directory.topic"), v("directory.region"), ""]
    return pd.DataFrame(rows, columns=columns)


def directory_card_html(entry: DirectoryEntry, vocabulary: Vocabulary) -> str:
    """One directory entry as an HTML card; every value escaped."""
    v = vocabulary
    e = html.escape
    topics = "".join(f'<span class="hlo-topic">{e(t)}</span>' for t in entry.topics)
    return (
        f'<div class="hlo-directory-result" data-id="{e(entry.id)}">'
        f"<b>{e(entry.name)}</b> <small>· {e(v.label(entry.category))} · {e(entry.region)}</small>"
        f"<div>{topics}</div><p>{e(entry.description)}</p>"
        f"<small>{e(v('directory.source'))}: {e(entry.source)}</small></div>"
    )


def overview_sections(cases: Sequence[Case], vocabulary: Vocabulary) -> list[ReportSection]:
    """The report's chapters: the table, the five figures and the directory."""
    v = vocabulary
    drawn = list(cases[:FIGURE_LIMIT])
    limited = (
        [v("overview_phase.figures_limited", limit=FIGURE_LIMIT, count=len(cases))] if len(cases) > FIGURE_LIMIT else []
    )
    sections = [
        ReportSection(
            v("overview_phase.table"), "casussen", v("overview_phase.table.intro"),
            [table_html(readable_table(overview_table(cases), v), index=False)],
        )
    ]  # fmt: skip
    for item in OVERVIEW_FIGURES:
        sections.append(
            ReportSection(v(item.title), item.key, v(item.intro), [figure_html(item.figure(drawn, v))], notes=limited)
        )
    sections.append(
        ReportSection(
            v("directory.title"), "wegwijzer", v("overview_phase.directory.intro"),
            [table_html(directory_table(v), index=False)],
        )
    )  # fmt: skip
    return sections


PAGE = """<!DOCTYPE html>
<html lang="{{ language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ t('report.title.overview') }}</title>
{% include "report.css.j2" %}
<script>{{ plotly_js }}</script>
</head>
<body>
<header class="hlo-report-header">
  <p class="hlo-kicker">{{ t('report.kicker') }} · {{ t('report.title.overview') }}</p>
  <h1>{{ t('overview_phase.title') }}</h1>
  <p class="hlo-intro">{{ t('overview_phase.lead', count=count) }}</p>
  <p class="hlo-meta">{{ t('report.generated', time=generated) }}</p>
  <nav class="hlo-toc" aria-label="{{ t('report.contents') }}"><ol>
  {% for section in sections %}<li><a href="#{{ section.anchor }}">{{ section.title }}</a></li>{% endfor %}
  </ol></nav>
</header>
<main>
{% for section in sections %}
<section id="{{ section.anchor }}" class="hlo-section">
  <h2>{{ loop.index }}. {{ section.title }}</h2>
  {% if section.intro %}<p class="hlo-intro">{{ section.intro }}</p>{% endif %}
  {% for fragment in section.fragments %}<div class="hlo-fragment">{{ fragment }}</div>{% endfor %}
  {% for note in section.notes %}<p class="hlo-note">{{ note }}</p>{% endfor %}
</section>
{% endfor %}
</main>
<footer class="hlo-footer"><p>{{ t('report.footer') }}</p></footer>
</body>
</html>
"""


@cache
def _page() -> object:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )  # fmt: skip
    return environment.from_string(PAGE)


def overview_report(cases: Sequence[Case], vocabulary: Vocabulary, *, generated: dt.datetime | None = None) -> str:
    """The overview as one offline, printable HTML page (autoescaped; plotly.js inlined once)."""
    template = _page()
    text = template.render(  # type: ignore[attr-defined]
        t=vocabulary, language=vocabulary.language, count=len(cases), sections=overview_sections(cases, vocabulary),
        generated=(generated or dt.datetime.now()).strftime("%Y-%m-%d %H:%M"),
        plotly_js=Markup(get_plotlyjs()),  # noqa: S704 - the plotly.js bundle itself
    )  # fmt: skip
    return str(text)


def overview_report_path(output_dir: Path, language: str) -> Path:
    """``<output_dir>/overview.html`` (``overview.en.html`` in English), next to the per-case folders."""
    suffix = "" if language == "nl" else f".{language}"
    return output_dir / f"overview{suffix}.html"


def write_overview_report(cases: Sequence[Case], vocabulary: Vocabulary, output_dir: Path) -> Path:
    """Render and write the overview report atomically; returns its path."""
    return write_report(overview_report(cases, vocabulary), overview_report_path(output_dir, vocabulary.language))
