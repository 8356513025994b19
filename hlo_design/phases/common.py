"""What the phase notebooks' sections share: headings, the page title, an editor cell and the report cell.

A section's heading and instructions are no markdown cell in the notebook
but a call to :func:`show_heading`: a markdown cell cannot follow
``?language=en`` or the region (an NL page would say "leerling"), a
message from ``data/messages/pages.yaml`` does.

The report cell behaves the same in every phase. In a batch or JupyterLab it
writes the report where :func:`hlo_design.base.workflow.report_path` says and
links it. In a dashboard nothing is written on the server: the page offers
the file as a data-URI download instead, rendered when the group asks for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pandas as pd
from IPython.display import HTML, Markdown, display
from markupsafe import Markup

from hlo_design.base.vocabulary import Vocabulary
from hlo_design.base.workflow import PHASES, WorkflowPhase, download_name, meeting_link
from hlo_design.model.case import Case
from hlo_design.render.figures import quadrant_map
from hlo_design.render.html_fragments import heading_html, path_link_html
from hlo_design.render.map_legend import map_legend_html
from hlo_design.render.navigation import navigation_html, section_anchor, tab_title
from hlo_design.render.report import table_html
from hlo_design.ui.downloads import download_button
from hlo_design.ui.page_head import show_page_head
from hlo_design.ui.plotly_view import show_figure
from hlo_design.ui.session import CaseSession, in_dashboard

__all__ = [
    "Editor",
    "HasVocabulary",
    "section_markdown",
    "show_editor",
    "show_heading",
    "show_page_title",
    "show_quadrant_map",
    "show_report_cell",
    "show_section_text",
    "show_table",
]


class Editor(Protocol):
    """What a section needs of an editor: one widget to put on the page."""

    @property
    def widget(self) -> Any: ...  # an ipywidgets box; ipywidgets has no types


EditorT = TypeVar("EditorT", bound=Editor)


class HasVocabulary(Protocol):
    """A page's session (a case's or the overview's): all a heading needs is its vocabulary."""

    @property
    def vocabulary(self) -> Vocabulary: ...


def show_heading(session: HasVocabulary | None, section: str) -> None:
    """The heading and instructions of ``section`` (``"diagnose.situation"``) in the page's language and region.

    Nothing when the case could not be opened: the error box stands alone.
    """
    if session is not None:
        show_section_text(session.vocabulary, section)


def show_quadrant_map(case: Case, vocabulary: Vocabulary) -> None:
    """The saved map of ``case`` with the legend that names its numbered markers."""
    show_figure(quadrant_map(case, vocabulary))
    display(HTML(map_legend_html(case, vocabulary)))


def show_table(table: pd.DataFrame, vocabulary: Vocabulary) -> None:
    """A table on the page as in the report: numbers in the language, no pandas row numbers or index header."""
    display(HTML(table_html(table, vocabulary)))


def show_section_text(vocabulary: Vocabulary, section: str, level: int = 2) -> None:
    """The heading and instructions of ``section``, for a page without a session (the start page).

    In a dashboard the heading carries the anchor the navigation bar links to;
    batch runs keep their outputs (and the golden files) unchanged.
    """
    display(Markdown(section_markdown(vocabulary, section, level, anchored=in_dashboard())))


def section_markdown(vocabulary: Vocabulary, section: str, level: int = 2, *, anchored: bool = False) -> str:
    """``page.<section>.heading`` as a markdown heading of ``level`` (when there is one), then ``.text``.

    ``anchored`` puts an empty element with :func:`section_anchor`'s id inside the heading: a fixed
    target for the bar's links whatever the language, which leaves the heading's text (and the id
    the notebook front end derives from it) as it was.
    """
    anchor = Markup('<span class="hlo-anchor" id="{}"></span>').format(section_anchor(section)) if anchored else ""
    parts = [f"{'#' * level} {anchor}{vocabulary(key)}" for key in [f"page.{section}.heading"] if vocabulary.has(key)]
    parts += [vocabulary(key) for key in [f"page.{section}.text"] if vocabulary.has(key)]
    return "\n\n".join(parts)


def show_editor(editor_type: Callable[[Case, Vocabulary, Path], EditorT], session: CaseSession) -> EditorT:
    """Open an editor on the session's case and file, show it, and hand it to the notebook (tests drive it).

    On a page with a :class:`~hlo_design.ui.save_bar.PageSave` the editor is saved by the page's one
    button, shown (fixed in view) with the first editor.
    """
    with editing(session):
        editor = editor_type(session.case, session.vocabulary, session.path)
    display(editor.widget)
    return editor


@contextmanager
def editing(session: CaseSession) -> Iterator[None]:
    """Save bars built in this block belong to the page's one save button (if the page has one)."""
    if session.page is None:
        yield
        return
    with session.page.collecting():
        yield
    if not session.page.shown:
        session.page.shown = True
        display(session.page.widget)


def show_page_title(session: CaseSession, phase: WorkflowPhase) -> None:
    """The phase's title with the case name, as the page heading.

    In a dashboard also: the tab named after the phase and case, the navigation bar (sections,
    neighbouring phases, start page, language) and a link to the live meeting.
    """
    v = session.vocabulary
    case = session.case
    display(HTML(heading_html(v(f"{phase.messages}.page_title", case=case.name))))
    if not in_dashboard() or phase not in PHASES:
        return
    show_page_head(tab_title(v, v(f"nav.phase.{phase.id}"), case.name), navigation_html(v, phase, case.id, case.name))
    link = meeting_link(case.id, phase, v.language)
    display(HTML(Markup('<p class="hlo-meeting-link"><a href="{}">{}</a></p>').format(link, v("meeting.link"))))


def show_report_cell(
    phase: WorkflowPhase,
    vocabulary: Vocabulary,
    write: Callable[[], Path],
    render: Callable[[], str],
    case_id: str | None = None,
) -> None:
    """Write the report and link it (batch, JupyterLab) or offer it as a download (dashboard)."""
    v = vocabulary
    if not in_dashboard():
        display(HTML(path_link_html(v(f"{phase.messages}.report_written"), write())))
        return
    display(
        download_button(
            v(f"{phase.messages}.make_report"), v(f"{phase.messages}.download_report"),
            download_name(phase, case_id), render,
        )
    )  # fmt: skip
