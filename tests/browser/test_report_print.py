"""Reports printed on A4 by Chromium: the title on page 1, every figure within the printable width.

Each report is opened as a stakeholder opens the file (drawn at screen width) and printed with
Chromium's own PDF printer; the PDFs stay in ``artifacts/print/`` to be looked at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.model.case import Case
from hlo_design.phases.design.report import design_report
from hlo_design.phases.diagnose.report import diagnosis_report
from hlo_design.phases.valorisation.report import valorisation_report
from tests.browser.conftest import ARTIFACTS

PRINTS = ARTIFACTS / "print"
A4_POINTS = (595, 842)  # 210 x 297 mm
PRINTABLE_PX = (210 - 2 * 12) / 25.4 * 96  # A4 less the side margins of report.css.j2's @page, in CSS px
DRAW_MS = 60_000

REPORTS: dict[str, Callable[[Case, Vocabulary], str]] = {
    "diagnose": diagnosis_report,
    "design": design_report,
    "valorisation": valorisation_report,
}


def _open_drawn(page: Page, report: Path) -> int:
    """Open the report at screen width and wait until plotly drew all its figures; how many there are."""
    page.goto(report.as_uri(), timeout=DRAW_MS)
    figures = page.locator(".plotly-graph-div").count()
    page.wait_for_function(
        "n => document.querySelectorAll('.plotly-graph-div .main-svg').length >= n", arg=figures, timeout=DRAW_MS
    )
    return figures


@pytest.mark.parametrize("phase", list(REPORTS))
def test_report_prints_on_a4(page: Page, tmp_path: Path, phase: str) -> None:
    """Page size A4, the case's name on page 1, and no figure or table wider than the paper in the print layout."""
    case = load_case("zorg")
    report = tmp_path / f"{phase}.html"
    report.write_text(
        REPORTS[phase](case, Vocabulary(region=case.region), generated=dt.datetime(2026, 1, 1)), encoding="utf-8"
    )
    figures = _open_drawn(page, report)
    assert figures > 0

    PRINTS.mkdir(parents=True, exist_ok=True)
    pdf = PRINTS / f"{phase}-{case.id}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    pages = PdfReader(pdf).pages
    sizes = {(float(p.mediabox.width), float(p.mediabox.height)) for p in pages}
    assert all(abs(w - A4_POINTS[0]) < 2 and abs(h - A4_POINTS[1]) < 2 for w, h in sizes), sizes  # Chromium rounds
    assert case.name in " ".join(pages[0].extract_text().split())  # the title, whole, on the first page

    page.emulate_media(media="print")
    page.wait_for_function("() => document.querySelector('.hlo-fragment .js-plotly-plot').parentElement.style.zoom")
    widths = page.eval_on_selector_all(
        ".plotly-graph-div", "plots => plots.map(plot => plot.querySelector('.main-svg').getBoundingClientRect().width)"
    )
    assert len(widths) == figures
    assert max(widths) <= PRINTABLE_PX + 0.5, f"figures {widths} px wide; the paper has {PRINTABLE_PX:.0f} px"

    page.set_viewport_size({"width": round(PRINTABLE_PX), "height": 1000})  # the paper's width: tables fit it
    tables = page.eval_on_selector_all(".hlo-table", "tables => tables.map(table => table.scrollWidth)")
    assert max(tables, default=0) <= PRINTABLE_PX + 0.5, f"tables {tables} px wide; the paper has {PRINTABLE_PX:.0f} px"
