"""The coach's meeting page: open a meeting, show the code, watch contributions arrive, accept them.

One panel per case and phase. It polls the store (:class:`~hlo_design.meeting.feed.MeetingFeed`)
in a background thread and redraws when something new arrived or the coach
decided something: the counts per actor, the live figures of the phase
(drawn from :func:`~hlo_design.meeting.accepting.preview`, so contributions
show before they are accepted) and the wall of texts from the room. Accepting
and undoing go through :mod:`hlo_design.meeting.accepting`, which writes the
case file under its lock; the panel never writes files itself.

Redraws are throttled to one per :data:`REDRAW_SECONDS`: thirty phones sending
at once must not turn into thirty redraws of every figure.

Public API: :class:`MeetingPanel`, :func:`meeting_address`.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import ipywidgets as widgets
import plotly.graph_objects as go

from hlo_design.base.errors import WorkbookError
from hlo_design.base.vocabulary import Vocabulary
from hlo_design.casefile.loading import load_case
from hlo_design.meeting.accepting import Entry, accept, entries_of, preview, undo
from hlo_design.meeting.contributions import PHASE_KINDS, Kind
from hlo_design.meeting.feed import POLL_SECONDS, MeetingFeed
from hlo_design.meeting.participation import JOIN_URL_ENV
from hlo_design.meeting.store import Meeting, MeetingStore, State
from hlo_design.model.case import Case
from hlo_design.render.figures.meeting import dot_bars
from hlo_design.render.figures.reflection import radar
from hlo_design.render.figures.role_map import role_heatmap
from hlo_design.render.figures.scan import disagreement_heatmap
from hlo_design.render.figures.valorisation import corner_chart
from hlo_design.render.html_fragments import paragraph_html
from hlo_design.render.meeting_html import MEETING_CSS, WallNote, counts_html, join_card_html, wall_html
from hlo_design.ui.live_figure import LiveFigure
from hlo_design.ui.shared_models import shared_layout

__all__ = ["REDRAW_SECONDS", "VIEWS", "MeetingPanel", "counts_of", "is_local", "meeting_address"]

REDRAW_SECONDS = 1.0
PENDING_SHOWN = 8
DEFAULT_ADDRESS = "http://127.0.0.1:8866/join"


def meeting_address(environ: Mapping[str, str] = os.environ) -> str:
    """The address participants open.

    ``hlo-design serve --host 0.0.0.0`` tells its kernels the laptop's address
    in the local network; otherwise the address the coach's own browser used
    (Voilà passes it to the kernel) is the best guess.
    """
    configured = environ.get(JOIN_URL_ENV, "")
    if configured and not is_local(configured):
        return configured
    host, port = environ.get("SERVER_NAME"), environ.get("SERVER_PORT")
    if host and port:
        return f"http://{host}:{port}/join"
    return configured or DEFAULT_ADDRESS


def is_local(address: str) -> bool:
    """Whether only this laptop can open ``address`` (phones in the room cannot)."""
    host = urlsplit(address).hostname or ""
    return host in ("127.0.0.1", "localhost", "::1")


class MeetingPanel:
    """Everything the coach needs during a meeting, for one case file and phase."""

    def __init__(self, path: Path, store: MeetingStore, phase: str, vocabulary: Vocabulary, coach: str) -> None:
        self.path = path
        self.store = store
        self.phase = phase
        self.vocabulary = vocabulary
        self.coach = coach
        self._lock = threading.RLock()
        self._undo_stack: list[list[int]] = []
        self._stop = threading.Event()
        self._case_stamp: tuple[int, Case] | None = None
        case = self.case()
        open_now = store.meetings(case.id, only_open=True)
        self.meeting: Meeting | None = next((m for m in open_now if m.phase == phase), None)
        v = vocabulary
        self.toggle = widgets.Button(layout=shared_layout(width="260px", height="48px"))
        self.toggle.add_class("hlo-meeting-toggle")
        self.toggle.on_click(lambda _: self._toggle())
        self.card = widgets.HTML()
        self.card.add_class("hlo-meeting-card")
        self.counts = widgets.HTML()
        self.counts.add_class("hlo-meeting-counts-box")
        self.message = widgets.HTML()
        self.message.add_class("hlo-meeting-message")
        self.accept_all = widgets.HBox()
        self.accept_all.add_class("hlo-meeting-accept-all")
        self.pending = widgets.VBox()
        self.pending.add_class("hlo-meeting-pending")
        self.undo_button = widgets.Button(description=v("meeting.undo"), layout=shared_layout(width="auto"))
        self.undo_button.add_class("hlo-meeting-undo")
        self.undo_button.on_click(lambda _: self._undo())
        self.wall = widgets.HTML()
        self.wall.add_class("hlo-meeting-wall")
        self.figures = [LiveFigure(go.Figure(), f"hlo-meeting-figure-{n}") for n in range(len(VIEWS[phase]))]
        self.widget = widgets.VBox(
            [
                widgets.HTML(MEETING_CSS),
                widgets.HBox([self.card, self.toggle], layout=shared_layout(justify_content="space-between")),
                self.counts,
                self.message,
                widgets.HTML(paragraph_html(v("meeting.pending"), "hlo-meeting-subheading")),
                self.accept_all,
                self.pending,
                self.undo_button,
                *[figure.widget for figure in self.figures],
                widgets.HTML(paragraph_html(v("meeting.figures_note"), "hlo-meeting-note")),
                widgets.HTML(paragraph_html(v("meeting.wall"), "hlo-meeting-subheading")),
                self.wall,
            ]
        )
        self.widget.add_class("hlo-meeting-panel")
        self._feed = MeetingFeed(store, self.meeting) if self.meeting else None
        self.redraw()

    # ------------------------------------------------------------------ watching

    def watch(self) -> None:
        """Poll the store in the background until :meth:`stop`; redraw when something arrived."""
        threading.Thread(target=self._poll_loop, name="hlo-meeting-feed", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()

    def _poll_loop(self) -> None:
        last_draw = 0.0
        waiting = False
        while not self._stop.wait(POLL_SECONDS):
            with self._lock:
                feed = self._feed
            if feed is not None and feed.poll():
                waiting = True
            if waiting and time.monotonic() - last_draw >= REDRAW_SECONDS:
                self.redraw()
                last_draw, waiting = time.monotonic(), False

    # ------------------------------------------------------------------ drawing

    def case(self) -> Case:
        """The case file as it is now (read again only when it changed: accepting writes it)."""
        stamp = self.path.stat().st_mtime_ns
        if self._case_stamp is None or self._case_stamp[0] != stamp:
            self._case_stamp = (stamp, load_case(self.path))
        return self._case_stamp[1]

    def redraw(self) -> None:
        """Bring every part of the panel up to date with the store and the case file."""
        with self._lock:
            v = self.vocabulary
            meeting = self.meeting
            self.toggle.description = v("meeting.close") if meeting else v("meeting.open")
            self.toggle.button_style = "danger" if meeting else "primary"
            case = self.case()
            entries = entries_of(self.store, meeting) if meeting else []
            self.card.value = (
                join_card_html(meeting.code, meeting_address(), v)
                if meeting
                else paragraph_html(v("meeting.none_open"))
            )
            if meeting and is_local(meeting_address()):
                self.card.value += paragraph_html(v("meeting.local_only"), "hlo-meeting-note")
            self.counts.value = counts_html(counts_of(self.store, case, meeting, entries) if meeting else [], v)
            self._draw_pending(case, entries)
            self.undo_button.disabled = not self._undo_stack
            shown = preview(self.store, case, meeting) if meeting else case
            for figure, draw in zip(self.figures, VIEWS[self.phase], strict=True):
                figure.update(draw(shown, v))
            self.wall.value = wall_html(self._notes(case, entries), v)

    def _draw_pending(self, case: Case, entries: Sequence[Entry]) -> None:
        pending = [entry for entry in entries if entry.state is State.PENDING]
        v = self.vocabulary
        buttons = []
        for kind in PHASE_KINDS[self.phase]:
            of_kind = [entry.contribution.seq for entry in pending if entry.contribution.kind is kind]
            if of_kind:
                label = v("meeting.accept_all", kind=v.label(kind), count=len(of_kind))
                button = widgets.Button(description=label, button_style="success", layout=shared_layout(width="auto"))
                button.add_class(f"hlo-meeting-accept-{kind.value}")
                button.on_click(lambda _, seqs=of_kind: self.accept(seqs))
                buttons.append(button)
        self.accept_all.children = buttons
        rows = []
        for entry in reversed(pending[-PENDING_SHOWN:]):
            text = widgets.HTML(paragraph_html(_summary(case, entry, v), "hlo-meeting-pending-text"))
            button = widgets.Button(description=v("meeting.accept"), layout=shared_layout(width="140px"))
            button.on_click(lambda _, seq=entry.contribution.seq: self.accept([seq]))
            rows.append(widgets.HBox([button, text], layout=shared_layout(align_items="center")))
        self.pending.children = rows

    def _notes(self, case: Case, entries: Sequence[Entry]) -> list[WallNote]:
        v = self.vocabulary
        texts = [entry for entry in entries if entry.contribution.kind in (Kind.FINDING, Kind.LESSON)]
        return [
            WallNote(
                str(entry.contribution.payload["text"]),
                _who(case, entry),
                v.label(entry.contribution.kind),
                v(f"meeting.state.{entry.state.value}"),
                f"hlo-wall-{entry.state.value}",
            )
            for entry in reversed(texts)
        ]

    # ------------------------------------------------------------------ the coach's actions

    def open(self) -> Meeting:
        with self._lock:
            self.meeting = self.store.open_meeting(self.case().id, self.phase)
            self._feed = MeetingFeed(self.store, self.meeting)
        self.redraw()
        return self.meeting

    def close(self) -> None:
        with self._lock:
            if self.meeting is not None:
                self.store.close_meeting(self.meeting.id)
            self.meeting, self._feed = None, None
            self.message.value = paragraph_html(self.vocabulary("meeting.closed"))
        self.redraw()

    def accept(self, seqs: Sequence[int]) -> None:
        """Accept contributions into the case file; the coach can undo this with the undo button."""
        self._decide(list(seqs), accept, "meeting.accepted")
        self._undo_stack.append(list(seqs))

    def _undo(self) -> None:
        if self._undo_stack:
            self._decide(self._undo_stack.pop(), undo, "meeting.undone")

    def _decide(self, seqs: list[int], action: Callable[..., Case], done: str) -> None:
        v = self.vocabulary
        with self._lock:
            if self.meeting is None or not seqs:
                return
            try:
                action(self.store, self.path, self.meeting, seqs, self.coach)
            except (WorkbookError, ValueError, OSError) as error:
                self.message.value = paragraph_html(v("meeting.accept_failed", reason=str(error)), "hlo-error")
                return
            self.message.value = paragraph_html(v(done, count=len(seqs), time=time.strftime("%H:%M")))
        self.redraw()

    def _toggle(self) -> None:
        if self.meeting is None:
            self.open()
        else:
            self.close()


def counts_of(
    store: MeetingStore, case: Case, meeting: Meeting, entries: Sequence[Entry]
) -> list[tuple[str, int, int]]:
    """Per actor of the case who joined: participants and contributions (for the panel and the batch page)."""
    people = Counter(participant.actor for participant in store.participants(meeting.id))
    sent = Counter(entry.actor for entry in entries)
    return [(actor.name, people[actor.id], sent[actor.id]) for actor in case.actors if people[actor.id]]


def _who(case: Case, entry: Entry) -> str:
    return next((actor.name for actor in case.actors if actor.id == entry.actor), entry.actor)


def _summary(case: Case, entry: Entry, vocabulary: Vocabulary) -> str:
    """One line for a pending contribution: its kind, its gist in the coach's words, and who sent it."""
    return f"{vocabulary.label(entry.contribution.kind)} · {_gist(case, entry, vocabulary)} · {_who(case, entry)}"


def _gist(case: Case, entry: Entry, v: Vocabulary) -> str:
    payload: dict[str, Any] = entry.contribution.payload
    kind = entry.contribution.kind
    if "text" in payload:
        return str(payload["text"])
    if kind is Kind.STICKER:
        task, level = v("rolemap.task." + payload["task"]), v("Level." + payload["level"])
        return f"{task} ({level})"
    if kind is Kind.SCAN_CELL:
        cell = v("Level." + payload["level"]) + " · " + v("Perspective." + payload["perspective"])
        return f"{cell}: {v('ContinuumPosition.' + payload['position'])}"
    if kind is Kind.DOT:
        decisions = case.design.decisions if case.design else []
        return next((d.text for d in decisions if d.id == payload["decision"]), str(payload["decision"]))
    if kind is Kind.CORNER:
        return f"{v('Corner.' + payload['corner'])}: {payload['strength']}"
    return f"{payload.get('criterion', '')}: {payload.get('score', '')}"


def _role_map(case: Case, vocabulary: Vocabulary) -> go.Figure:
    return role_heatmap(case, vocabulary)


def _scan_spread(case: Case, vocabulary: Vocabulary) -> go.Figure:
    return disagreement_heatmap(case.scans, vocabulary)


def _dots(case: Case, vocabulary: Vocabulary) -> go.Figure:
    votes = {d.id: d.votes for d in case.design.decisions} if case.design else {}
    return dot_bars(case, votes, vocabulary)


def _reflection(case: Case, vocabulary: Vocabulary) -> go.Figure:
    webs = [web for web in case.reflection_webs if web.criteria]
    return radar(webs[0], vocabulary) if webs else go.Figure()


def _corners(case: Case, vocabulary: Vocabulary) -> go.Figure:
    return corner_chart(case.valorisation, vocabulary, case=case) if case.valorisation else go.Figure()


Draw = Callable[[Case, Vocabulary], go.Figure]

VIEWS: dict[str, tuple[Draw, ...]] = {
    "diagnose": (_role_map, _scan_spread),
    "design": (_dots, _reflection),
    "valorisation": (_corners,),
}
"""Each phase's live figures, drawn from the preview case (every contribution not undone in it)."""
