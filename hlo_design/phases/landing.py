"""The start page: every case with a link to each phase, and a quick look at its map.

This is the first thing a procescoach or a stakeholder sees. Cases whose file
does not validate are listed with their error instead of breaking the page.
A phase whose notebook does not exist yet is shown as coming, not linked.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

import ipywidgets as widgets
import plotly.graph_objects as go

from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.base.config import NOTEBOOKS_DIR
from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import case_ids, load_case
from hlo_design.model.case import Case
from hlo_design.render.figures import quadrant_map, summary_bars
from hlo_design.ui.live_figure import LiveFigure

__all__ = ["PHASES", "CaseExplorer", "landing_html"]

PHASES = (("diagnose", "01_diagnose.ipynb"), ("design", "02_ontwerp.ipynb"), ("valorisation", "03_valorisatie.ipynb"))
"""Phase key and notebook, in the order a learning community goes through them."""
OVERVIEW_NOTEBOOK = "04_overzicht.ipynb"
"""All cases side by side, for the learning network."""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _loaded(cases_dir: Path | None) -> list[tuple[str, Case | WorkbookError]]:
    results: list[tuple[str, Case | WorkbookError]] = []
    for case_id in case_ids(cases_dir):
        try:
            results.append((case_id, load_case(case_id, cases_dir)))
        except WorkbookError as error:
            results.append((case_id, error))
    return results


def landing_html(vocabulary: Vocabulary, cases_dir: Path | None = None, notebooks_dir: Path = NOTEBOOKS_DIR) -> str:
    """A table of cases × phases with links to each dashboard, all text escaped."""
    v = vocabulary
    heads = "".join(f"<th>{_e(v(f'landing.phase.{key}'))}</th>" for key, _ in PHASES)
    rows = []
    for case_id, result in _loaded(cases_dir):
        if isinstance(result, WorkbookError):
            rows.append(f'<tr class="hlo-broken"><td>{_e(case_id)}</td><td colspan="{2 + len(PHASES)}">'
                        f"{_e(v('landing.broken'))}<pre>{_e(result)}</pre></td></tr>")  # fmt: skip
            continue
        links = "".join(_phase_cell(result, key, notebook, notebooks_dir, v) for key, notebook in PHASES)
        facts = v("landing.facts", activities=len(result.activities), findings=len(result.findings))
        rows.append(
            f"<tr><td><b>{_e(result.name)}</b><br><small>{_e(facts)}</small></td>"
            f"<td>{_e(result.sector)}</td><td>{_e(v(f'situation.region.{result.region}'))}</td>{links}</tr>"
        )
    overview = ""
    if (notebooks_dir / OVERVIEW_NOTEBOOK).exists():
        href = f"{OVERVIEW_NOTEBOOK}?language={quote(v.language)}"
        overview = f'<p class="hlo-overview-link"><a href="{_e(href)}">{_e(v("landing.overview_link"))} →</a></p>'
    return (
        f"<style>{LANDING_CSS}</style>{overview}"
        f'<table class="hlo-landing"><thead><tr><th>{_e(v("landing.case"))}</th><th>{_e(v("overview.sector"))}</th>'
        f"<th>{_e(v('overview.region'))}</th>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


LANDING_CSS = (
    ".hlo-landing{border-collapse:collapse;font-size:17px;margin:0.5em 0}"
    ".hlo-landing th,.hlo-landing td{text-align:left!important;padding:0.5em 0.8em;border-bottom:1px solid #ddd;vertical-align:top}"
    ".hlo-landing th{background:#eef4fa}.hlo-coming{color:#777;font-style:italic}"
    ".hlo-overview-link{font-size:19px;font-weight:600;margin:0.3em 0 0.8em}.hlo-overview-link a{color:#0072B2}"
    ".hlo-phase-link{font-weight:600;color:#0072B2}.hlo-broken pre{white-space:pre-wrap;color:#b3261e}"
)


def _phase_cell(case: Case, key: str, notebook: str, notebooks_dir: Path, vocabulary: Vocabulary) -> str:
    if not (notebooks_dir / notebook).exists():
        return f'<td class="hlo-coming">{_e(vocabulary("landing.coming"))}</td>'
    href = f"{notebook}?case={quote(case.id)}&language={quote(vocabulary.language)}"
    label = vocabulary(f"landing.open.{key}")
    return f'<td><a class="hlo-phase-link" data-phase="{_e(key)}" data-case="{_e(case.id)}" href="{_e(href)}">{_e(label)}</a></td>'


class CaseExplorer:
    """A case picker with the quadrant map and the hours per quadrant of the chosen case."""

    def __init__(self, vocabulary: Vocabulary, cases_dir: Path | None = None) -> None:
        self.vocabulary = vocabulary
        self.cases = {case_id: case for case_id, case in _loaded(cases_dir) if isinstance(case, Case)}
        self.picker = widgets.Dropdown(
            options=[(case.name, case_id) for case_id, case in self.cases.items()], description=vocabulary("overview.pick_case"),
            layout=widgets.Layout(width="720px"), style={"description_width": "80px"},
        )  # fmt: skip
        first = next(iter(self.cases.values()), None)
        self.map = LiveFigure(self._map(first) if first else go.Figure())
        self.summary = LiveFigure(self._summary(first) if first else go.Figure())
        self.picker.observe(lambda _: self.show(self.picker.value), "value")
        self.widget = widgets.VBox([self.picker, self.map.widget, self.summary.widget])

    def show(self, case_id: str) -> None:
        """Draw the chosen case (ids not in the list are ignored: widget values are untrusted)."""
        case = self.cases.get(case_id)
        if case is None:
            return
        self.map.update(self._map(case))
        self.summary.update(self._summary(case))

    def _vocabulary(self, case: Case) -> Vocabulary:
        return Vocabulary(self.vocabulary.language, case.region)

    def _map(self, case: Case) -> go.Figure:
        return quadrant_map(case, self._vocabulary(case))

    def _summary(self, case: Case) -> go.Figure:
        return summary_bars(summarise(case.id, case.activities), self._vocabulary(case), title=case.name)
