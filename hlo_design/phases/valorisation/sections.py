"""The valorisation notebook's cells, one function per section.

``notebooks/03_valorisatie.ipynb`` stays thin: each cell calls one of these
with the opened :class:`~hlo_design.ui.session.CaseSession`. When the case could
not be opened in a dashboard, the session is ``None`` and every section shows
nothing (the error box is already on the page; see
:func:`~hlo_design.ui.session.with_session`). Each part comes twice: as
saved (stable tables, checked by nbval) and live (an editor, which a batch
leaves out: nobody edits a batch).
"""

from __future__ import annotations

from typing import TypeVar

from IPython.display import HTML, display

from hlo_design.base.workflow import VALORISATION
from hlo_design.casefile.loading import load_case
from hlo_design.phases.common import Editor, show_editor, show_heading, show_page_title, show_report_cell, show_table
from hlo_design.phases.valorisation.report import (
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
from hlo_design.render.html_fragments import bullets_html, paragraph_html
from hlo_design.ui.action_plan_editor import ActionPlanEditor
from hlo_design.ui.corner_editor import CornerEditor
from hlo_design.ui.lesson_editor import LessonEditor
from hlo_design.ui.moments_editor import TestMomentEditor
from hlo_design.ui.session import CaseSession, with_session

__all__ = [
    "show_action_plan",
    "show_action_plan_editor",
    "show_corner_editor",
    "show_corners",
    "show_heading",
    "show_lesson_editor",
    "show_lessons",
    "show_report",
    "show_sharing",
    "show_test_editor",
    "show_tests",
    "show_title",
]

EditorT = TypeVar("EditorT", bound=Editor)


@with_session
def show_title(session: CaseSession) -> None:
    """The case name as the page title."""
    show_page_title(session, VALORISATION)


@with_session
def show_tests(session: CaseSession) -> None:
    """Section 1, as saved: the test moments as a table (stable output, checked by nbval)."""
    case, v = session.case, session.vocabulary
    if not valorisation_of(case).test_moments:
        display(HTML(paragraph_html(v("valorisation_phase.tests.empty"))))
        return
    show_table(test_moment_table(case, v), v)


@with_session
def show_test_editor(session: CaseSession) -> TestMomentEditor | None:
    """Section 1, live: add and edit test moments; the before/after chart follows."""
    return _live_editor(TestMomentEditor, session)


@with_session
def show_lessons(session: CaseSession) -> None:
    """Section 2, as saved: the lessons with perspectives, level and audience (stable output)."""
    case, v = session.case, session.vocabulary
    if not valorisation_of(case).lessons:
        display(HTML(paragraph_html(v("valorisation_phase.lessons.empty"))))
        return
    show_table(lesson_table(case, v), v)


@with_session
def show_lesson_editor(session: CaseSession) -> LessonEditor | None:
    """Section 2, live: reword lessons, tag perspectives, level and audiences."""
    return _live_editor(LessonEditor, session)


@with_session
def show_corners(session: CaseSession) -> None:
    """Section 3, as saved: the four corners as a table (stable output)."""
    show_table(corner_table(session.case, session.vocabulary), session.vocabulary)


@with_session
def show_corner_editor(session: CaseSession) -> CornerEditor | None:
    """Section 3, live: strength sliders and evidence per corner, the four corners side by side."""
    return _live_editor(CornerEditor, session)


@with_session
def show_action_plan(session: CaseSession) -> None:
    """Section 4, as saved: actions, success factors and competences (stable output)."""
    case, v = session.case, session.vocabulary
    valorisation = valorisation_of(case)
    if not has_action_plan(valorisation):
        display(HTML(paragraph_html(v("valorisation_phase.actions.empty"))))
        return
    if valorisation.actions:
        show_table(action_table(case, v), v)
    if valorisation.success_factors:
        show_table(success_factor_table(case, v), v)
    if valorisation.competences:
        show_table(competence_table(case, v), v)


@with_session
def show_action_plan_editor(session: CaseSession) -> ActionPlanEditor | None:
    """Section 4, live: actions per area with owner, horizon and status; the checklist; the preconditions."""
    return _live_editor(ActionPlanEditor, session)


@with_session
def show_sharing(session: CaseSession) -> None:
    """Section 5: the lessons per audience, to take to the learning network; without lessons, where to add them."""
    lines = lessons_per_audience(session.case, session.vocabulary)
    if not lines:
        display(HTML(paragraph_html(session.vocabulary("valorisation_phase.sharing.empty"))))
        return
    display(HTML(bullets_html(lines, "hlo-sharing")))


@with_session
def show_report(session: CaseSession) -> None:
    """Section 6: write the report (batch, JupyterLab) or offer it as a download (dashboard).

    The report shows what is saved, including what the group saved since the page opened.
    """
    v = session.vocabulary
    show_report_cell(
        VALORISATION, v,
        write=lambda: write_valorisation_report(load_case(session.path), v, session.output_dir),
        render=lambda: valorisation_report(load_case(session.path), v),
        case_id=session.case.id,
    )  # fmt: skip


def _live_editor(editor_type: type[EditorT], session: CaseSession) -> EditorT | None:
    """The editor in a meeting; nothing in a batch, which shows the saved tables above instead."""
    return show_editor(editor_type, session) if session.interactive else None
