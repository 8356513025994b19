"""The diagnosis notebook's cells, one function per section.

``notebooks/01_diagnose.ipynb`` stays thin: each cell calls one of these with
the opened :class:`~hlo_design.ui.session.CaseSession`. When the case could not
be opened in a dashboard, the session is ``None`` and every section shows
nothing (the error box is already on the page; see
:func:`~hlo_design.ui.session.with_session`). In a batch run
(``session.interactive`` is false) the editors give way to the same figures
and tables, static.
"""

from __future__ import annotations

from functools import partial

from IPython.display import HTML, display

from hlo_design.analysis.quadrant_summary import summarise
from hlo_design.analysis.role_map import analyse_role_map
from hlo_design.base.workflow import DIAGNOSE
from hlo_design.casefile.loading import load_case
from hlo_design.phases.common import (
    Editor,
    show_editor,
    show_heading,
    show_page_title,
    show_quadrant_map,
    show_report_cell,
    show_table,
)
from hlo_design.phases.diagnose.report import (
    case_warning_lines,
    diagnosis_report,
    disagreement_lines,
    findings_table,
    scan_figures,
    write_diagnosis_report,
)
from hlo_design.render.figures import summary_bars
from hlo_design.render.figures.continuum import continuum_strip
from hlo_design.render.figures.environments import environment_comparison
from hlo_design.render.figures.rhythm import rhythm_grid
from hlo_design.render.figures.role_map import role_heatmap, side_share_bars
from hlo_design.render.html_fragments import bullets_html, paragraph_html
from hlo_design.render.role_map_text import explain, role_map_html
from hlo_design.render.situation import situation_html
from hlo_design.ui import ActivityEditor, FindingsEditor
from hlo_design.ui.plotly_view import show_figure
from hlo_design.ui.scan_editor import ScanEditor
from hlo_design.ui.session import CaseSession, with_session
from hlo_design.ui.situation_editor import ActorEditor, BasicsEditor, EnvironmentEditor, SourceEditor
from hlo_design.ui.sticker_editor import StickerEditor

__all__ = [
    "show_findings",
    "show_heading",
    "show_inventory",
    "show_report",
    "show_role_map",
    "show_scan",
    "show_situation",
    "show_summary",
    "show_title",
]


@with_session
def show_title(session: CaseSession) -> None:
    """The case name as the page title."""
    show_page_title(session, DIAGNOSE)


@with_session
def show_situation(session: CaseSession) -> list[Editor]:
    """Section 1: the case at a glance, the continuum strip and the week; in a dashboard, its parts to edit.

    The coach fills in name, sector, region, environments, people and sources
    here instead of in the YAML file (each saved by the page's one button).
    """
    case, v = session.case, session.vocabulary
    warnings = case_warning_lines(case, v)
    if warnings:
        display(HTML(bullets_html(warnings, "hlo-warning")))
    display(HTML(situation_html(case, v)))
    if case.continuum:
        show_figure(continuum_strip(case.continuum.position, v))
    if case.rhythm:
        show_figure(rhythm_grid(case.rhythm, v))
    if not session.interactive:
        return []
    editors: list[Editor] = []
    for editor_type in (BasicsEditor, EnvironmentEditor, ActorEditor, SourceEditor):
        editors.append(show_editor(editor_type, session))
    return editors


@with_session
def show_summary(session: CaseSession) -> None:
    """The saved hours per quadrant and per side, as tables (stable output, checked by nbval)."""
    summary = summarise(session.case.id, session.case.activities)
    show_table(summary.quadrant_table(session.vocabulary), session.vocabulary)
    show_table(summary.side_table(session.vocabulary), session.vocabulary)


@with_session
def show_inventory(session: CaseSession) -> ActivityEditor | None:
    """Section 2: the editable activity table with the live map, summary and comparison."""
    case, v = session.case, session.vocabulary
    if session.interactive:
        return show_editor(ActivityEditor, session)
    show_quadrant_map(case, v)
    show_figure(summary_bars(summarise(case.id, case.activities), v))
    show_figure(environment_comparison(case, v))
    return None


@with_session
def show_findings(session: CaseSession, inventory: ActivityEditor | None = None) -> FindingsEditor | None:
    """Section 3: the findings, placed in the model, editable and savable.

    Their map draws the activities of ``inventory`` (section 2's editor) as the
    group slides them, so the page's two maps never disagree.
    """
    if session.interactive:
        editor = show_editor(FindingsEditor, session)
        if inventory is not None:
            inventory.lead(editor.follow)
        return editor
    if not session.case.findings:  # a header without rows, and the inventory's map again: say what to do
        display(HTML(paragraph_html(session.vocabulary("diagnose.findings.empty"))))
        return None
    show_table(findings_table(session.case, session.vocabulary), session.vocabulary)
    show_quadrant_map(session.case, session.vocabulary)
    return None


@with_session
def show_scan(session: CaseSession) -> ScanEditor | None:
    """Section 4: the HLO scan per group, with disagreements and coherence warnings."""
    editor = None
    if session.interactive:
        editor = show_editor(ScanEditor, session)
    elif session.case.scans:
        for figure in scan_figures(session.case, session.vocabulary):
            show_figure(figure)
    else:
        display(HTML(paragraph_html(session.vocabulary("scan.no_scans"))))
    lines = disagreement_lines(session.case, session.vocabulary)
    if lines:
        display(HTML(bullets_html(lines)))
    return editor


@with_session
def show_role_map(session: CaseSession, overload_threshold: float) -> StickerEditor | None:
    """Section 5: the role map heat map, school/work shares and the analyses in words.

    In a dashboard the group puts the stickers on here (the editor draws the
    same figures and words, live); a batch shows the saved role map.
    """
    case, v = session.case, session.vocabulary
    if session.interactive:
        return show_editor(partial(StickerEditor, overload_threshold=overload_threshold), session)
    if not (case.role_map and case.role_map.stickers):
        display(HTML(paragraph_html(v("diagnose.roles.empty"))))
        return None
    show_figure(role_heatmap(case, v))
    show_figure(side_share_bars(case, v))
    display(HTML(role_map_html(explain(analyse_role_map(case, overload_threshold), v), v)))
    return None


@with_session
def show_report(session: CaseSession, overload_threshold: float) -> None:
    """Section 6: write the report (batch, JupyterLab) or offer it as a download (dashboard).

    The report shows what is saved: the case file is read again, with
    everything the group saved since the page opened.
    """
    v = session.vocabulary
    show_report_cell(
        DIAGNOSE, v,
        write=lambda: write_diagnosis_report(
            load_case(session.path), v, session.output_dir, overload_threshold=overload_threshold
        ),
        render=lambda: diagnosis_report(load_case(session.path), v, overload_threshold=overload_threshold),
        case_id=session.case.id,
    )  # fmt: skip
