"""The overview notebook's cells, one function per section.

``notebooks/04_overzicht.ipynb`` stays thin: the first cell opens every case
(:func:`open_overview`), the others call one of these. The overview has no
case parameter; in a dashboard ``language``, ``sector`` and ``region`` come
from the query string, and the sector and region filters are widgets on the
page too. ``sector`` and ``region`` (papermill parameters of the batch's
sector report) narrow the cases before anything is shown, so the page and the
report hold only that sector. Cases whose file does not validate are left out
and named, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from IPython.display import HTML, display
from markupsafe import Markup

from hlo_design.analysis.case_overview import filter_cases
from hlo_design.analysis.synthetic_cases import generate_cases
from hlo_design.base.config import CASES_DIR, REPORTS_DIR
from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import LANGUAGES, Vocabulary
from hlo_design.base.workflow import OVERVIEW
from hlo_design.casefile.loading import case_ids, load_case
from hlo_design.model.case import Case
from hlo_design.phases.common import show_heading, show_report_cell
from hlo_design.phases.overview.report import overview_report, write_overview_report
from hlo_design.render.html_fragments import bullets_html, heading_html, paragraph_html
from hlo_design.render.navigation import page_tools_html
from hlo_design.render.overview_tables import overview_title
from hlo_design.ui.overview_browser import DirectoryBrowser, OverviewDashboard
from hlo_design.ui.page_head import show_page_head
from hlo_design.ui.session import in_dashboard, query_parameters

__all__ = [
    "OverviewSession",
    "open_overview",
    "show_dashboard",
    "show_directory",
    "show_heading",
    "show_report",
    "show_title",
]


@dataclass(frozen=True)
class OverviewSession:
    """Every case that could be read, the generated ones (benchmarks), and the vocabulary of the page."""

    cases: list[Case]
    vocabulary: Vocabulary
    output_dir: Path
    generated: int = 0
    broken: dict[str, str] = field(default_factory=dict)
    """Case files that could not be read: id → their first problem, so the page says which and why."""
    sector: str = ""
    region: str = ""
    """The filter :attr:`cases` went through (empty: none); it names the page and the report."""


def open_overview(
    language: str = "nl", output_dir: str | None = None, generated_cases: int = 0, sector: str = "", region: str = ""
) -> OverviewSession:
    """Load every example case (plus ``generated_cases`` synthetic ones) of ``sector`` and ``region`` (empty: all).

    In a dashboard ``?language=``, ``?sector=`` and ``?region=`` override the parameters.
    """
    if in_dashboard():
        query = query_parameters()
        language = query.get("language", language)
        sector = query.get("sector", sector)
        region = query.get("region", region)
    if language not in LANGUAGES:
        if not in_dashboard():
            raise WorkbookError(f"language {language!r} is not supported; use one of {', '.join(LANGUAGES)}")
        language = "nl"
    cases, broken = _readable_cases()
    generated = max(0, int(generated_cases))
    if generated:
        cases += generate_cases(generated, seed=1)
    sector, region = sector.strip(), region.strip().upper()
    cases = filter_cases(cases, sector or None, region or None)
    return OverviewSession(
        cases, Vocabulary(language), Path(output_dir or REPORTS_DIR), generated, broken, sector, region
    )


def _readable_cases() -> tuple[list[Case], dict[str, str]]:
    """Every case file that loads, and the first problem of each one that does not."""
    cases: list[Case] = []
    broken: dict[str, str] = {}
    for case_id in case_ids():
        try:
            cases.append(load_case(case_id))
        except WorkbookError as error:
            broken[case_id] = _first_problem(error)
    return cases, broken


def show_title(session: OverviewSession) -> None:
    """What the page shows in one sentence, and any case left out (stable output, checked by nbval)."""
    v = session.vocabulary
    parts = (
        [heading_html(overview_title(v, session.sector, session.region))] if session.sector or session.region else []
    )
    parts += [
        Markup('<p style="font-size:1.15em;max-width:60em">{}</p>').format(
            v("overview_phase.lead", count=len(session.cases))
        )
    ]
    if session.generated:
        parts.append(Markup("<p><i>{}</i></p>").format(v("overview_phase.generated_note", count=session.generated)))
    if session.broken:
        parts.append(paragraph_html(v("landing.broken"), "hlo-error"))
        parts.append(
            bullets_html([f"{case_id} — {problem}" for case_id, problem in session.broken.items()], "hlo-error")
        )
    display(HTML(Markup("").join(parts)))
    show_page_head(v("nav.overview_title"), page_tools_html(v))


def _first_problem(error: WorkbookError) -> str:
    """The first line of a case file's problems, with the file named relative to the cases folder."""
    first = str(error).splitlines()[0]
    return first.replace(f"{CASES_DIR}/", "")


def show_dashboard(session: OverviewSession) -> OverviewDashboard:
    """The filters, the table and the five figures, all following the sector and region filter."""
    dashboard = OverviewDashboard(session.cases, session.vocabulary)
    display(dashboard.widget)
    return dashboard


def show_directory(session: OverviewSession) -> DirectoryBrowser:
    """The searchable directory of networks, partnerships, research groups and simulation environments."""
    browser = DirectoryBrowser(session.vocabulary)
    display(browser.widget)
    return browser


def show_report(session: OverviewSession) -> None:
    """Write the overview report (batch, JupyterLab) or offer it as a download (dashboard)."""
    v = session.vocabulary
    show_report_cell(
        OVERVIEW, v,
        write=lambda: write_overview_report(
            session.cases, v, session.output_dir, sector=session.sector, region=session.region
        ),
        render=lambda: overview_report(session.cases, v, sector=session.sector, region=session.region),
    )  # fmt: skip
