"""The diagnosis notebook's cells, one function per section.

``notebooks/01_diagnose.ipynb`` stays thin: each cell calls one of these with
the opened :class:`~hlo_design.ui.session.CaseSession`. When the case could not
be opened in a dashboard, the session is ``None`` and every section shows
nothing (the error box is already on the page). In a batch run
(``session.interactive`` is false) the editors give way to the same figures
and tables, static.
"""

from __future__ import annotations

import html

from IPython.display import HTML, display

from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.analysis.role_map import analyse_role_map
from hlo_design.analysis.scan_comparison import latest_scans
from hlo_design.phases.diagnose import diagnosis_report, disagreement_lines, findings_table, write_diagnosis_report
from hlo_design.phases.situation import situation_html
from hlo_design.render.figures import quadrant_map, summary_bars
from hlo_design.render.figures.continuum import continuum_strip
from hlo_design.render.figures.environments import environment_comparison
from hlo_design.render.figures.rhythm import rhythm_grid
from hlo_design.render.figures.role_map import role_heatmap, side_share_bars
from hlo_design.render.figures.scan import disagreement_heatmap, scan_comparison
from hlo_design.render.html_fragments import bullets_html
from hlo_design.render.role_map_text import explain
from hlo_design.ui import ActivityEditor, FindingsEditor
from hlo_design.ui.downloads import download_button
from hlo_design.ui.scan_editor import ScanEditor
from hlo_design.ui.session import CaseSession, in_dashboard

__all__ = [
    "show_findings",
    "show_inventory",
    "show_report",
    "show_role_map",
    "show_scan",
    "show_situation",
    "show_summary",
    "show_title",
]


def show_title(session: CaseSession | None) -> None:
    """The case name as the page title."""
    if session is None:
        return
    display(HTML(f"<h2>{html.escape(session.vocabulary('diagnose.page_title', case=session.case.name))}</h2>"))


def show_situation(session: CaseSession | None) -> None:
    """Section 1: the case at a glance, the continuum strip and the week."""
    if session is None:
        return
    case, v = session.case, session.vocabulary
    display(HTML(situation_html(case, v)))
    if case.continuum:
        display(continuum_strip(case.continuum.position, v))
    if case.rhythm:
        display(rhythm_grid(case.rhythm, v))


def show_summary(session: CaseSession | None) -> None:
    """The saved hours per quadrant and per side, as tables (stable output, checked by nbval)."""
    if session is None:
        return
    summary = summarise(session.case.id, session.case.activities)
    display(summary.quadrant_table(session.vocabulary))
    display(summary.side_table(session.vocabulary))


def show_inventory(session: CaseSession | None) -> ActivityEditor | None:
    """Section 2: the editable activity table with the live map, summary and comparison."""
    if session is None:
        return None
    case, v = session.case, session.vocabulary
    if not session.interactive:
        for figure in (quadrant_map(case, v), summary_bars(summarise(case.id, case.activities), v)):
            display(figure)
        display(environment_comparison(case, v))
        return None
    editor = ActivityEditor(case, v, session.path)
    display(editor.widget)
    return editor


def show_findings(session: CaseSession | None) -> FindingsEditor | None:
    """Section 3: the findings, placed in the model, editable and savable."""
    if session is None:
        return None
    if not session.interactive:
        display(findings_table(session.case, session.vocabulary).style.hide(axis="index"))
        display(quadrant_map(session.case, session.vocabulary))
        return None
    editor = FindingsEditor(session.case, session.vocabulary, session.path)
    display(editor.widget)
    return editor


def show_scan(session: CaseSession | None) -> ScanEditor | None:
    """Section 4: the HLO scan per group, with disagreements and coherence warnings."""
    if session is None:
        return None
    editor = None
    if session.interactive:
        editor = ScanEditor(session.case, session.vocabulary, session.path)
        display(editor.widget)
    elif session.case.scans:
        latest = list(latest_scans(session.case.scans).values())
        display(scan_comparison(latest, session.vocabulary))
        display(disagreement_heatmap(latest, session.vocabulary))
    lines = disagreement_lines(session.case, session.vocabulary)
    if lines:
        display(HTML(bullets_html(lines)))
    return editor


def show_role_map(session: CaseSession | None, overload_threshold: float) -> None:
    """Section 5: the role map heat map, school/work shares and the analyses in words."""
    if session is None:
        return
    case, v = session.case, session.vocabulary
    if not (case.role_map and case.role_map.stickers):
        display(HTML(f"<p>{html.escape(v('diagnose.roles.empty'))}</p>"))
        return
    display(role_heatmap(case, v))
    display(side_share_bars(case, v))
    display(HTML(bullets_html(explain(analyse_role_map(case, overload_threshold), v))))


def show_report(session: CaseSession | None, overload_threshold: float) -> None:
    """Section 6: write the report (batch, JupyterLab) or offer it as a download (dashboard)."""
    if session is None:
        return
    case, v = session.case, session.vocabulary
    if not in_dashboard():
        path = write_diagnosis_report(case, v, session.output_dir, overload_threshold=overload_threshold)
        link = html.escape(str(path))
        display(HTML(f'<p>{html.escape(v("diagnose.report_written"))} <a href="{link}">{link}</a></p>'))
        return
    display(
        download_button(
            v("diagnose.make_report"), v("diagnose.download_report"), f"{case.id}-diagnose.html",
            lambda: diagnosis_report(case, v, overload_threshold=overload_threshold),
        )
    )  # fmt: skip
