"""The meeting notebook's cells: the title, and the coach's meeting panel (or, in a batch, what the last meeting sent).

``notebooks/05_bijeenkomst.ipynb`` takes ``case`` and ``phase`` (``?case=…&phase=…``
in a dashboard; a phase page links here with both filled in). The store is
the one ``hlo-design serve`` uses (``$HLO_DESIGN_STORE``, else the SQLite
file beside the case files), so the phones' server and this kernel share it.
"""

from __future__ import annotations

from IPython.display import HTML, display

from hlo_design.base.workflow import PHASES, phase_by_id
from hlo_design.meeting.accepting import entries_of, preview
from hlo_design.meeting.store import MeetingStore, store_url
from hlo_design.phases.common import show_heading
from hlo_design.render.html_fragments import heading_html, paragraph_html
from hlo_design.render.meeting_html import counts_html
from hlo_design.render.navigation import page_tools_html, tab_title
from hlo_design.ui.meeting_panel import VIEWS, MeetingPanel, counts_of
from hlo_design.ui.page_head import show_page_head
from hlo_design.ui.plotly_view import show_figure
from hlo_design.ui.session import CaseSession, in_dashboard, query_parameters, with_session

__all__ = ["chosen_phase", "show_heading", "show_meeting", "show_title"]


def chosen_phase(phase: str) -> str:
    """The phase of the page: the notebook's parameter, or ``?phase=`` in a dashboard; an unknown one is the first."""
    if in_dashboard():
        phase = query_parameters().get("phase", phase)
    return phase if phase in {p.id for p in PHASES} else PHASES[0].id


@with_session
def show_title(session: CaseSession, phase: str) -> None:
    v = session.vocabulary
    display(HTML(heading_html(v("meeting.page_title", case=session.case.name))))
    show_page_head(tab_title(v, v("nav.meeting"), session.case.name), page_tools_html(v))
    display(HTML(paragraph_html(v("meeting.phase_line", phase=v(phase_by_id(phase).title_key)))))


@with_session
def show_meeting(session: CaseSession, phase: str) -> MeetingPanel | None:
    """The live panel (dashboard, JupyterLab); in a batch, the counts and figures of the latest meeting."""
    store = MeetingStore(store_url(session.path.parent))
    if session.interactive:
        panel = MeetingPanel(session.path, store, phase, session.vocabulary, coach="dashboard")
        display(panel.widget)
        panel.watch()
        return panel
    _show_latest(session, store, phase)
    return None


def _show_latest(session: CaseSession, store: MeetingStore, phase: str) -> None:
    v = session.vocabulary
    held = [meeting for meeting in store.meetings(session.case.id) if meeting.phase == phase]
    if not held:
        display(HTML(paragraph_html(v("meeting.batch_none"))))
        return
    meeting = held[0]
    entries = entries_of(store, meeting)
    display(HTML(paragraph_html(v("meeting.batch_latest", date=f"{meeting.opened_at:%d-%m-%Y}", count=len(entries)))))
    display(HTML(counts_html(counts_of(store, session.case, meeting, entries), v)))
    shown = preview(store, session.case, meeting)
    for draw in VIEWS[phase]:
        show_figure(draw(shown, v))
