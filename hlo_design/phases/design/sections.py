"""The design notebook's cells, one function per section.

``notebooks/02_ontwerp.ipynb`` stays thin: each cell calls one of these with
the opened :class:`~hlo_design.ui.session.CaseSession`. When the case could not
be opened in a dashboard, the session is ``None`` and every section shows
nothing (the error box is already on the page; see
:func:`~hlo_design.ui.session.with_session`).
"""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import HTML, display

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import DESIGN
from hlo_design.casefile.loading import load_case
from hlo_design.model.case import Case
from hlo_design.model.design_plan import DesignPlan
from hlo_design.model.rhythm import Rhythm
from hlo_design.phases.common import show_editor, show_heading, show_page_title, show_report_cell, show_table
from hlo_design.phases.design.report import (
    decisions_table,
    design_report,
    focus_lines,
    goals_table,
    journey_gap_lines,
    leerfiche_table,
    perspective_table,
    reflection_lines,
    rhythm_lines,
    rhythm_table,
    unanswered_lines,
    variant_lines,
    write_design_report,
)
from hlo_design.render.figures.journey import coverage_heatmap, journey_map
from hlo_design.render.figures.reflection import radar
from hlo_design.render.figures.rhythm import rhythm_grid
from hlo_design.render.figures.variants import shift_bars, shift_map, variant_comparison
from hlo_design.render.html_fragments import bullets_html, paragraph_html
from hlo_design.render.report import table_html
from hlo_design.ui.continuum_editor import ContinuumEditor
from hlo_design.ui.decisions_editor import DecisionEditor
from hlo_design.ui.focus_editor import FocusEditor
from hlo_design.ui.journey_editor import JourneyEditor
from hlo_design.ui.leerfiche_editor import LeerficheEditor
from hlo_design.ui.plotly_view import show_figure
from hlo_design.ui.reflection_webs_editor import ReflectionWebsEditor
from hlo_design.ui.rhythm_editor import RhythmEditor
from hlo_design.ui.session import CaseSession, with_session
from hlo_design.ui.variants_editor import VariantEditor

__all__ = [
    "show_continuum_editor",
    "show_decisions",
    "show_focus",
    "show_focus_editor",
    "show_heading",
    "show_journey",
    "show_leerfiche",
    "show_reflection",
    "show_report",
    "show_rhythm",
    "show_title",
    "show_variants",
]


@with_session
def show_title(session: CaseSession) -> None:
    """The case name as the page title."""
    show_page_title(session, DESIGN)


@with_session
def show_focus(session: CaseSession) -> None:
    """Section 1: the design question, the target group and the ordered goals with their findings (stable output)."""
    case, v = session.case, session.vocabulary
    display(HTML(bullets_html(focus_lines(case, v), "hlo-focus")))
    if (case.design or DesignPlan()).goals:
        show_table(goals_table(case, v), v)


@with_session
def show_focus_editor(session: CaseSession) -> FocusEditor | None:
    """Section 1 in a dashboard: write the question, the target group and the goals (nothing in a batch).

    A cell of its own, after :func:`show_focus`: the focus as saved stays the
    text the meeting reads (and the golden output), the editor is where it changes.
    """
    return show_editor(FocusEditor, session) if session.interactive else None


@with_session
def show_continuum_editor(session: CaseSession) -> ContinuumEditor | None:
    """Section 1 in a dashboard: the place on the school–work continuum and why, with the strip (nothing in a batch)."""
    return show_editor(ContinuumEditor, session) if session.interactive else None


@with_session
def show_decisions(session: CaseSession) -> DecisionEditor | None:
    """Section 2: the five perspectives with their decisions, the live overview and the unanswered findings."""
    if session.interactive:
        return show_editor(DecisionEditor, session)
    case, v = session.case, session.vocabulary
    show_table(perspective_table(case, v), v)
    if case.design is not None and case.design.decisions:
        show_table(decisions_table(case, v), v)
    else:
        display(HTML(paragraph_html(v("design_phase.decisions.empty"))))
    display(HTML(bullets_html(unanswered_lines(case, v), "hlo-unanswered")))
    return None


@with_session
def show_journey(session: CaseSession) -> JourneyEditor | None:
    """Section 3: the numbered route over the map and the coverage of goals × quadrants, with the gaps.

    In a dashboard the steps are edited under the live route and coverage.
    """
    if session.interactive:
        return show_editor(JourneyEditor, session)
    case, v = session.case, session.vocabulary
    show_figure(journey_map(case, v))
    show_figure(coverage_heatmap(case.design or DesignPlan(), v))
    display(HTML(bullets_html(journey_gap_lines(case, v), "hlo-journey-gaps")))
    return None


@with_session
def show_variants(session: CaseSession) -> VariantEditor | None:
    """Section 4: slide activities, see arrows and bars, save a new variant, compare variants."""
    if session.interactive:
        return show_editor(VariantEditor, session)
    case, v = session.case, session.vocabulary
    for variant in (case.design or DesignPlan()).variants:
        show_figure(shift_map(case, variant, v))
        show_figure(shift_bars(case, variant, v))
    show_figure(variant_comparison(case, v))
    display(HTML(bullets_html(variant_lines(case, v), "hlo-variants")))
    return None


@with_session
def show_rhythm(session: CaseSession) -> RhythmEditor | None:
    """Section 5: the week as a grid, the share per setting and the checks.

    In a dashboard the week is filled in cell by cell; the figure, the share
    and the checks follow every choice before anything is saved.
    """
    case, v = session.case, session.vocabulary
    if not session.interactive:
        if case.rhythm is None:
            display(HTML(paragraph_html(v("design_phase.rhythm.empty"))))
            return None
        show_figure(rhythm_grid(case.rhythm, v))
        show_table(rhythm_table(case.rhythm, v), v)
        display(HTML(bullets_html(rhythm_lines(case.rhythm, case, v), "hlo-rhythm-checks")))
        return None
    editor = show_editor(RhythmEditor, session)
    summary = widgets.HTML()

    def follow(rhythm: Rhythm) -> None:
        summary.value = (
            _rhythm_summary(rhythm, case, v) if rhythm.slots else paragraph_html(v("design_phase.rhythm.empty"))
        )

    follow(editor.working_rhythm())
    editor.followers.append(follow)
    display(summary)
    return editor


def _rhythm_summary(rhythm: Rhythm, case: Case, v: Vocabulary) -> str:
    """The share per setting and the checks, as the report has them, in one piece the editor can redraw."""
    return table_html(rhythm_table(rhythm, v), v) + bullets_html(rhythm_lines(rhythm, case, v), "hlo-rhythm-checks")


@with_session
def show_leerfiche(session: CaseSession) -> LeerficheEditor | None:
    """Section 6: fill in a leerfiche together and download it as a printable page."""
    if session.interactive:
        return show_editor(LeerficheEditor, session)
    for index in range(len(session.case.leerfiches)):
        show_table(leerfiche_table(session.case, session.vocabulary, index), session.vocabulary)
    return None


@with_session
def show_reflection(session: CaseSession) -> ReflectionWebsEditor | None:
    """Section 7: per reflectieweb the ratings, the radar, the disagreements and the action points.

    In a dashboard: new webs, their criteria and their scores, saved by the page's one button.
    """
    case, v = session.case, session.vocabulary
    if session.interactive:
        return show_editor(ReflectionWebsEditor, session)
    if not case.reflection_webs:
        display(HTML(paragraph_html(v("design_phase.reflection.empty"))))
        return None
    for web in case.reflection_webs:
        show_figure(radar(web, v))
    display(HTML(bullets_html(reflection_lines(case, v), "hlo-reflection")))
    return None


@with_session
def show_report(session: CaseSession) -> None:
    """Section 8: write the report (batch, JupyterLab) or offer it as a download (dashboard).

    The report shows what is saved: the case file is read again, with
    everything the group saved since the page opened.
    """
    v = session.vocabulary
    show_report_cell(
        DESIGN, v,
        write=lambda: write_design_report(load_case(session.path), v, session.output_dir),
        render=lambda: design_report(load_case(session.path), v),
        case_id=session.case.id,
    )  # fmt: skip
