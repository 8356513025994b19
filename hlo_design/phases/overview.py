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
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from hlo_design.analysis.case_overview import overview_table
from hlo_design.base.config import TEMPLATES_DIR
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.model.case import Case
from hlo_design.render.overview_tables import FIGURE_LIMIT, OVERVIEW_FIGURES, directory_table, readable_table
from hlo_design.render.report import ReportSection, figure_html, table_html, write_report

__all__ = ["PAGE", "overview_report", "overview_report_path", "overview_sections", "write_overview_report"]


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
