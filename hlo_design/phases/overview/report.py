"""The overview report across cases, and the tables the notebook's sections show too.

For the learning network and stakeholders (management, province, sector
institutes): the cases side by side — quadrant distributions, perspective
coverage, how much of the role map rests on one person, phase progress, the four corners — plus a
directory of who to ask. The page must read without explanation, so every
figure comes with one plain sentence saying what it answers.

Figures put one bar or row per case; beyond :data:`FIGURE_LIMIT` cases they
become unreadable (and slow), so they show the first cases of the filter and
say so, while the table and the counts always cover every case.

The same report serves one sector (``hlo-design batch --sector``, ``?sector=`` on the page): the
caller passes the filtered cases and the filter, which only changes the title and the file name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from hlo_design.analysis.case_overview import overview_table
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import overview_report_path
from hlo_design.model.case import Case
from hlo_design.render.overview_tables import (
    FIGURE_LIMIT,
    OVERVIEW_FIGURES,
    directory_table,
    overview_title,
    readable_table,
)
from hlo_design.render.report import (
    ReportSection,
    figure_html,
    inline_plotly_js,
    render_template,
    table_html,
    write_report,
)

__all__ = ["overview_report", "overview_sections", "write_overview_report"]


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
            [table_html(readable_table(overview_table(cases), v), v)],
        )
    ]  # fmt: skip
    for item in OVERVIEW_FIGURES:
        sections.append(
            ReportSection(v(item.title), item.key, v(item.intro), [figure_html(item.figure(drawn, v))], notes=limited)
        )
    sections.append(
        ReportSection(
            v("directory.title"), "wegwijzer", v("overview_phase.directory.intro"),
            [table_html(directory_table(v), v)],
        )
    )  # fmt: skip
    return sections


def overview_report(
    cases: Sequence[Case],
    vocabulary: Vocabulary,
    *,
    generated: dt.datetime | None = None,
    sector: str = "",
    region: str = "",
) -> str:
    """The overview as one offline, printable HTML page (autoescaped; plotly.js inlined once).

    ``sector`` and ``region`` name the filter ``cases`` went through, for the title only.
    """
    filtered = bool(sector or region)
    title = overview_title(vocabulary, sector, region)
    return render_template(
        "overview.html.j2", t=vocabulary, language=vocabulary.language, count=len(cases),
        title=title, heading=title if filtered else vocabulary("overview_phase.title"),
        sections=overview_sections(cases, vocabulary),
        generated=(generated or dt.datetime.now()).strftime("%Y-%m-%d %H:%M"),
        plotly_js=inline_plotly_js(),
    )  # fmt: skip


def write_overview_report(
    cases: Sequence[Case], vocabulary: Vocabulary, output_dir: Path, *, sector: str = "", region: str = ""
) -> Path:
    """Render and write the overview report atomically, where :mod:`~hlo_design.base.workflow` says; its path."""
    path = overview_report_path(output_dir, vocabulary.language, sector, region)
    return write_report(overview_report(cases, vocabulary, sector=sector, region=region), path)
