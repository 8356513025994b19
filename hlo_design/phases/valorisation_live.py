"""The valorisation notebook's cells, one function per section.

``notebooks/03_valorisatie.ipynb`` stays thin: each cell calls one of these
with the opened :class:`~hlo_design.ui.session.CaseSession`. When the case could
not be opened in a dashboard, the session is ``None`` and every section shows
nothing (the error box is already on the page).
"""

from __future__ import annotations

import html

from IPython.display import HTML, display

from hlo_design.casefile.loading import load_case
from hlo_design.phases.valorisation import (
    action_table,
    competence_table,
    corner_table,
    has_action_plan,
    lesson_table,
    lessons_per_audience,
    success_factor_table,
    test_moment_table,
    valorisation_of,
    valorisation_report,
    write_valorisation_report,
)
from hlo_design.render.html_fragments import bullets_html
from hlo_design.ui.action_plan_editor import ActionPlanEditor
from hlo_design.ui.corner_editor import CornerEditor
from hlo_design.ui.downloads import download_button
from hlo_design.ui.lesson_editor import LessonEditor
from hlo_design.ui.moments_editor import TestMomentEditor
from hlo_design.ui.session import CaseSession, in_dashboard

__all__ = [
    "show_action_plan",
    "show_action_plan_editor",
    "show_corner_editor",
    "show_corners",
    "show_lesson_editor",
    "show_lessons",
    "show_report",
    "show_sharing",
    "show_test_editor",
    "show_tests",
    "show_title",
]


def _paragraph(text: str) -> HTML:
    return HTML(f"<p>{html.escape(text)}</p>")


def show_title(session: CaseSession | None) -> None:
    """The case name as the page title."""
    if session is None:
        return
    v = session.vocabulary
    display(HTML(f"<h2>{html.escape(v('valorisation_phase.page_title', case=session.case.name))}</h2>"))


def show_tests(session: CaseSession | None) -> None:
    """Section 1, as saved: the test moments as a table (stable output, checked by nbval)."""
    if session is None:
        return
    case, v = session.case, session.vocabulary
    if not valorisation_of(case).test_moments:
        display(_paragraph(v("valorisation_phase.tests.empty")))
        return
    display(test_moment_table(case, v).set_index(v("valorisation_phase.col.date")))


def show_test_editor(session: CaseSession | None) -> TestMomentEditor | None:
    """Section 1, live: add and edit test moments; the before/after chart follows."""
    if session is None or not session.interactive:  # a batch shows the tables above, not editors
        return None
    editor = TestMomentEditor(session.case, session.vocabulary, session.path)
    display(editor.widget)
    return editor


def show_lessons(session: CaseSession | None) -> None:
    """Section 2, as saved: the lessons with perspectives, level and audience (stable output)."""
    if session is None:
        return
    case, v = session.case, session.vocabulary
    if not valorisation_of(case).lessons:
        display(_paragraph(v("valorisation_phase.lessons.empty")))
        return
    display(lesson_table(case, v))


def show_lesson_editor(session: CaseSession | None) -> LessonEditor | None:
    """Section 2, live: reword lessons, tag perspectives, level and audiences."""
    if session is None or not session.interactive:  # a batch shows the tables above, not editors
        return None
    editor = LessonEditor(session.case, session.vocabulary, session.path)
    display(editor.widget)
    return editor


def show_corners(session: CaseSession | None) -> None:
    """Section 3, as saved: the four corners as a table (stable output)."""
    if session is None:
        return
    display(corner_table(session.case, session.vocabulary))


def show_corner_editor(session: CaseSession | None) -> CornerEditor | None:
    """Section 3, live: strength sliders and evidence per corner, the four corners side by side."""
    if session is None or not session.interactive:  # a batch shows the tables above, not editors
        return None
    editor = CornerEditor(session.case, session.vocabulary, session.path)
    display(editor.widget)
    return editor


def show_action_plan(session: CaseSession | None) -> None:
    """Section 4, as saved: actions, success factors and competences (stable output)."""
    if session is None:
        return
    case, v = session.case, session.vocabulary
    valorisation = valorisation_of(case)
    if not has_action_plan(valorisation):
        display(_paragraph(v("valorisation_phase.actions.empty")))
        return
    if valorisation.actions:
        display(action_table(case, v))
    if valorisation.success_factors:
        display(success_factor_table(case, v))
    if valorisation.competences:
        display(competence_table(case, v))


def show_action_plan_editor(session: CaseSession | None) -> ActionPlanEditor | None:
    """Section 4, live: actions per area with owner, horizon and status; the checklist; the preconditions."""
    if session is None or not session.interactive:  # a batch shows the tables above, not editors
        return None
    editor = ActionPlanEditor(session.case, session.vocabulary, session.path)
    display(editor.widget)
    return editor


def show_sharing(session: CaseSession | None) -> None:
    """Section 5: the lessons per audience, to take to the learning network."""
    if session is None:
        return
    display(HTML(bullets_html(lessons_per_audience(session.case, session.vocabulary), "hlo-sharing")))


def show_report(session: CaseSession | None) -> None:
    """Section 6: write the report (batch, JupyterLab) or offer it as a download (dashboard)."""
    if session is None:
        return
    v = session.vocabulary
    case = load_case(session.path)  # what is saved, including what the group saved since opening
    if not in_dashboard():
        path = write_valorisation_report(case, v, session.output_dir)
        escaped = html.escape(str(path))
        display(HTML(f'<p>{html.escape(v("valorisation_phase.report_written"))} <a href="{escaped}">{escaped}</a></p>'))
        return

    def make() -> str:
        return valorisation_report(load_case(session.path), v)

    display(
        download_button(
            v("valorisation_phase.make_report"), v("valorisation_phase.download_report"),
            f"{case.id}-valorisatie.html", make,
        )
    )  # fmt: skip
