"""The start page: every case with a link to each phase, and a quick look at its map.

This is the first thing a procescoach or a stakeholder sees. Cases whose file
does not validate are listed with their error instead of breaking the page.
A phase whose notebook does not exist yet is shown as coming, not linked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import plotly.graph_objects as go
from IPython.display import HTML, display
from markupsafe import Markup

from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.base.config import CASES_DIR, NOTEBOOKS_DIR
from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import OVERVIEW, PHASES, WorkflowPhase, dashboard_link
from hlo_design.casefile.loading import case_ids, load_case
from hlo_design.model.case import Case
from hlo_design.phases.common import show_section_text
from hlo_design.render.figures import summary_bars
from hlo_design.render.html_fragments import fragment
from hlo_design.render.navigation import page_tools_html
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.live_quadrant_map import LiveQuadrantMap
from hlo_design.ui.new_case_form import NewCaseForm
from hlo_design.ui.page_head import show_page_head
from hlo_design.ui.session import in_dashboard
from hlo_design.ui.shared_models import shared_layout

__all__ = ["CaseExplorer", "landing_html", "name_tab", "show_cases", "show_new_case_form", "show_section_text"]


def landing_html(vocabulary: Vocabulary, cases_dir: Path | None = None, notebooks_dir: Path = NOTEBOOKS_DIR) -> Markup:
    """A table of cases × phases with links to each dashboard, rendered from an autoescaped template."""
    overview = notebooks_dir / OVERVIEW.notebook
    return fragment(
        "landing.html.j2",
        t=vocabulary,
        phases=PHASES,
        cases=[_row(case_id, result, notebooks_dir, vocabulary) for case_id, result in _loaded(cases_dir)],
        overview_href=_href(OVERVIEW, vocabulary) if overview.exists() else None,
    )


def show_cases(vocabulary: Vocabulary) -> widgets.HTML | None:
    """The table of cases; in a dashboard a widget that a case created on the page redraws at once."""
    if not in_dashboard():
        display(HTML(landing_html(vocabulary)))
        return None
    table = widgets.HTML(landing_html(vocabulary))
    display(table)
    return table


def show_new_case_form(
    vocabulary: Vocabulary, table: widgets.HTML | None = None, explorer: CaseExplorer | None = None
) -> NewCaseForm:
    """The form for a new learning community; a created case appears in the table and the explorer."""

    def created(case: Case) -> None:
        if table is not None:
            table.value = landing_html(vocabulary)
        if explorer is not None:
            explorer.add(case)

    form = NewCaseForm(vocabulary, CASES_DIR, on_created=created)
    display(form.widget)
    return form


def name_tab(vocabulary: Vocabulary) -> None:
    """In a dashboard, name the browser tab after the workbook rather than the notebook file (``index``)."""
    show_page_head(vocabulary("page.start.intro.heading"), page_tools_html(vocabulary))


class CaseExplorer:
    """A case picker with the quadrant map and the hours per quadrant of the chosen case."""

    def __init__(self, vocabulary: Vocabulary, cases_dir: Path | None = None) -> None:
        self.vocabulary = vocabulary
        self.cases = {case_id: case for case_id, case in _loaded(cases_dir) if isinstance(case, Case)}
        self.picker = widgets.Dropdown(
            options=[(case.name, case_id) for case_id, case in self.cases.items()], description=vocabulary("overview.pick_case"),
            layout=shared_layout(width="auto", max_width="100%"), style={"description_width": "initial"},
        )  # fmt: skip
        first = next(iter(self.cases.values()), None)
        self.map = LiveQuadrantMap(first, self._vocabulary(first)) if first else None
        self.summary = LiveFigure(self._summary(first) if first else go.Figure())
        self.picker.observe(lambda _: self.show(self.picker.value), "value")
        self.widget = widgets.VBox([self.picker, *([self.map.widget] if self.map else []), self.summary.widget])

    def add(self, case: Case) -> None:
        """Offer a case created on this page, and show it."""
        self.cases[case.id] = case
        self.picker.options = [(item.name, case_id) for case_id, item in self.cases.items()]
        self.picker.value = case.id

    def show(self, case_id: str) -> None:
        """Draw the chosen case (ids not in the list are ignored: widget values are untrusted)."""
        case = self.cases.get(case_id)
        if case is None:
            return
        if self.map is None:  # the first case of an empty workspace, just created on this page
            self.map = LiveQuadrantMap(case, self._vocabulary(case))
            self.widget.children = (self.picker, self.map.widget, self.summary.widget)
        else:
            self.map.draw(case, self._vocabulary(case))
        self.summary.update(self._summary(case))

    def _vocabulary(self, case: Case) -> Vocabulary:
        return Vocabulary(self.vocabulary.language, case.region)

    def _summary(self, case: Case) -> go.Figure:
        return summary_bars(summarise(case.id, case.activities), self._vocabulary(case), title=case.name)


@dataclass(frozen=True)
class _PhaseLink:
    """One cell of the landing table: the phase and where its dashboard is (``None``: notebook still coming)."""

    phase: WorkflowPhase
    href: str | None


@dataclass(frozen=True)
class _LandingRow:
    """A case that loaded with its phase links, or a case file whose error the page shows instead."""

    case_id: str
    case: Case | None
    links: list[_PhaseLink]
    error: str = ""


def _loaded(cases_dir: Path | None) -> list[tuple[str, Case | WorkbookError]]:
    results: list[tuple[str, Case | WorkbookError]] = []
    for case_id in case_ids(cases_dir):
        try:
            results.append((case_id, load_case(case_id, cases_dir)))
        except WorkbookError as error:
            results.append((case_id, error))
    return results


def _row(case_id: str, result: Case | WorkbookError, notebooks_dir: Path, vocabulary: Vocabulary) -> _LandingRow:
    if isinstance(result, WorkbookError):
        return _LandingRow(case_id, None, [], str(result))
    links = [
        _PhaseLink(phase, _href(phase, vocabulary, case_id) if (notebooks_dir / phase.notebook).exists() else None)
        for phase in PHASES
    ]
    return _LandingRow(case_id, result, links)


def _href(phase: WorkflowPhase, vocabulary: Vocabulary, case_id: str | None = None) -> str:
    """The dashboard of ``phase`` with the case and language in its query string (Voilà passes them on)."""
    return dashboard_link(phase.notebook, vocabulary.language, case_id)
